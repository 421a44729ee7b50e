#include "DashboardFixtures.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "DocumentSource.h"
#include "SeriesModel.h"

namespace statshost::test {

namespace {

std::string counts(int metadataOnly, int withFiles) {
    return "{\"metadata_only\":" + std::to_string(metadataOnly) + ",\"with_files\":" + std::to_string(withFiles) + "}";
}
std::string addedRemoved(const std::string& added, const std::string& removed) {
    return "{\"added\":" + added + ",\"removed\":" + removed + "}";
}
std::string files(int count, double volume) {
    return "{\"file_count\":" + std::to_string(count) + ",\"data_volume\":" + jsonNumber(volume) + ".0}";
}
std::string usageBlock(int views, int viewVisitors, int downloads, double volume, int uniqueFiles) {
    return "\"view\":{\"total_events\":" + std::to_string(views) + ",\"unique_visitors\":" + std::to_string(viewVisitors) +
           ",\"unique_records\":" + std::to_string(views) + ",\"unique_parents\":" + std::to_string(views) +
           "},\"download\":{\"total_events\":" + std::to_string(downloads) + ",\"unique_visitors\":" +
           std::to_string(downloads) + ",\"unique_records\":1,\"unique_parents\":1,\"unique_files\":" +
           std::to_string(uniqueFiles) + ",\"total_volume\":" + jsonNumber(volume) + ".0}";
}

}  // namespace

AggregationSettings fixtureSettings() {
    AggregationSettings s;
    s.recordSubcounts = {{"resource_types", "by_resource_type", "all_resource_types", false, {"resource_type"}}};
    s.usageSubcounts = {{"countries", "by_countries", "top_countries", true, {"country"}},
                        {"access_rights", "by_access_rights", "all_access_rights", false, {"access_right"}}};
    return s;
}

std::vector<std::string> recordDeltaDocs(const std::string& c) {
    const std::string head = "{\"community_id\":\"" + c + "\",";
    return {
        head + "\"period_start\":\"2025-01-06T00:00:00\",\"period_end\":\"2025-01-06T23:59:59\"," +
            "\"records\":" + addedRemoved(counts(1, 2), counts(0, 0)) + ",\"parents\":" +
            addedRemoved(counts(1, 1), counts(0, 0)) + ",\"files\":" + addedRemoved(files(3, 3072), files(0, 0)) +
            ",\"uploaders\":2,\"subcounts\":{\"by_resource_type\":[" +
            "{\"id\":\"dataset\",\"label\":\"Dataset\",\"records\":" + addedRemoved(counts(0, 2), counts(0, 0)) +
            ",\"parents\":" + addedRemoved(counts(0, 1), counts(0, 0)) + ",\"files\":" +
            addedRemoved(files(3, 3072), files(0, 0)) + "}," +
            "{\"id\":\"image\",\"label\":{\"en\":\"Image\"},\"records\":" + addedRemoved(counts(1, 0), counts(0, 0)) +
            ",\"parents\":" + addedRemoved(counts(1, 0), counts(0, 0)) + ",\"files\":" +
            addedRemoved(files(0, 0), files(0, 0)) + "}]}}",
        head + "\"period_start\":\"2025-01-07T00:00:00\",\"period_end\":\"2025-01-07T23:59:59\"," +
            "\"records\":" + addedRemoved(counts(0, 1), counts(1, 0)) + ",\"parents\":" +
            addedRemoved(counts(0, 1), counts(0, 0)) + ",\"files\":" + addedRemoved(files(1, 1000), files(0, 0)) +
            ",\"uploaders\":1,\"subcounts\":{\"by_resource_type\":[" +
            "{\"id\":\"dataset\",\"label\":\"Dataset\",\"records\":" + addedRemoved(counts(0, 1), counts(0, 0)) +
            ",\"parents\":" + addedRemoved(counts(0, 1), counts(0, 0)) + ",\"files\":" +
            addedRemoved(files(1, 1000), files(0, 0)) + "}]}}",
    };
}

std::vector<std::string> recordSnapshotDocs(const std::string& c) {
    auto doc = [&](const std::string& day, int mo, int wf, int fileCount) {
        return "{\"community_id\":\"" + c + "\",\"snapshot_date\":\"" + day + "\",\"total_records\":" + counts(mo, wf) +
               ",\"total_parents\":" + counts(mo, wf) + ",\"total_files\":" + files(fileCount, fileCount * 100.0) +
               ",\"total_uploaders\":" + std::to_string(mo + wf) +
               ",\"subcounts\":{\"all_resource_types\":[{\"id\":\"03rmrcq20\",\"label\":\"University of British "
               "Columbia\",\"records\":" +
               counts(mo, wf) + ",\"parents\":" + counts(mo, wf) + ",\"files\":" + files(fileCount, fileCount * 100.0) +
               "}]}}";
    };
    return {doc("2025-03-30", 1, 1, 2), doc("2025-03-31", 1, 3, 5), doc("2025-04-01", 0, 3, 4)};
}

std::vector<std::string> usageDeltaDocs(const std::string& c) {
    auto doc = [&](const std::string& day, int views, int downloads) {
        return "{\"community_id\":\"" + c + "\",\"period_start\":\"" + day + "T00:00:00\",\"period_end\":\"" + day +
               "T23:59:59\",\"totals\":{" + usageBlock(views, views - 1, downloads, downloads * 10.0, downloads) +
               "},\"subcounts\":{\"by_countries\":[{\"id\":\"US\",\"label\":\"United States\"," +
               usageBlock(views, views, downloads, downloads * 10.0, downloads) +
               "}],\"by_access_rights\":[]}}";
    };
    return {doc("2025-01-06", 3, 2), doc("2025-01-08", 5, 1)};
}

std::vector<std::string> usageSnapshotDocs(const std::string& c) {
    const std::string us = "{\"id\":\"US\",\"label\":\"United States\"," + usageBlock(4, 4, 1, 10.0, 1) + "}";
    const std::string de = "{\"id\":\"DE\",\"label\":\"Germany\"," + usageBlock(1, 1, 6, 60.0, 2) + "}";
    return {
        "{\"community_id\":\"" + c + "\",\"snapshot_date\":\"2025-01-06\",\"totals\":{" + usageBlock(4, 4, 1, 10.0, 1) +
            "},\"subcounts\":{\"top_countries\":[" + us + "],\"all_access_rights\":[{\"id\":\"open\",\"label\":\"Open "
            "Access\"," + usageBlock(4, 4, 1, 10.0, 1) + "}]}}",
        "{\"community_id\":\"" + c + "\",\"snapshot_date\":\"2025-01-07\",\"totals\":{" + usageBlock(5, 5, 7, 70.0, 3) +
            "},\"subcounts\":{\"top_countries\":{\"by_view\":[" + us + "," + de + "],\"by_download\":[" + de + "," + us +
            "]},\"all_access_rights\":[]}}",
    };
}

std::vector<rapidjson::Document> parsed(const std::vector<std::string>& bodies) { return parseDocuments(bodies); }

Poco::Dynamic::Var parseJson(const std::string& text) {
    Poco::JSON::Parser parser;
    return parser.parse(text);
}

std::string points(const Poco::Dynamic::Var& series) {
    std::string out;
    auto obj = series.extract<Poco::JSON::Object::Ptr>();
    auto data = obj->getArray("data");
    for (std::size_t i = 0; i < data->size(); ++i) {
        auto point = data->getArray(static_cast<unsigned>(i));
        out += point->getElement<std::string>(0) + "=" + jsonNumber(point->get(1).convert<double>()) + ";";
    }
    return out;
}

}  // namespace statshost::test
