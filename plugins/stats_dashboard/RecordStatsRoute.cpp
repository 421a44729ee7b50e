#include "RecordStatsRoute.h"

#include <Poco/Dynamic/Struct.h>

#include "LeaderboardAnswer.h"
#include "LeaderboardSources.h"
#include "QueryParams.h"
#include "statshost/Errors.h"

namespace statshost::dashboard {

namespace {

/// start_date / end_date of the query string, validated as the dashboard queries validate them.
QueryParams dateRange(const Request& request) {
    Poco::Dynamic::Struct<std::string> given;
    for (const char* key : {"start_date", "end_date"})
        if (request.query.count(key)) given[key] = request.queryValue(key);
    try {
        return parseQueryParams(Params(Poco::Dynamic::Var(given), ""), QueryKind::Documents);
    } catch (const ConfigError& e) {
        throw HttpError(400, e.what());
    }
}

}  // namespace

Response answerRecordStats(DocumentStore& store, RecordDirectory& records, const Request& request) {
    const auto id = request.pathParams.find("id");
    const std::string recordId = id == request.pathParams.end() ? "" : id->second;
    const auto found = records.find({recordId});
    if (found.empty() || (!found.front().isPublic && !request.hasScope("read-restricted")))
        throw HttpError(404, "record '" + recordId + "' not found");
    const RecordSummary& record = found.front();
    const QueryParams range = dateRange(request);

    UsageNumbers thisVersion, allVersions;
    for (const auto& doc : scanDocuments(store, recordUsageIndex(), record.parentId, range.startDate, range.endDate)) {
        const auto all = doc.FindMember("all_versions");
        if (all != doc.MemberEnd()) allVersions.add(all->value);
        const auto versions = doc.FindMember("versions");
        if (versions == doc.MemberEnd() || !versions->value.IsArray()) continue;
        for (const auto& v : versions->value.GetArray())
            if (stringMember(v, "id") == recordId) thisVersion.add(v);
    }
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("this_version");
    writeUsage(w, thisVersion);
    w.Key("all_versions");
    writeUsage(w, allVersions);
    w.EndObject();
    Response res;
    res.body.assign(buffer.GetString(), buffer.GetSize());
    res.headers.emplace_back("Cache-Control", record.isPublic ? "no-cache" : "private, no-cache");
    return res;
}

Route recordStatsRoute(DocumentStore& store, RecordDirectory& records) {
    Handler handler = [&store, &records](const Request& request) { return answerRecordStats(store, records, request); };
    return Route{"GET", "/api/records/{id}/stats", Permission::Public, handler, "stats_dashboard.record_stats", true};
}

}  // namespace statshost::dashboard
