#include "LeaderboardRanking.h"

#include <algorithm>
#include <unordered_map>

namespace statshost::dashboard {

namespace {

const rapidjson::Value* arrayMember(const rapidjson::Value& doc, const char* name) {
    const auto it = doc.FindMember(name);
    return it != doc.MemberEnd() && it->value.IsArray() ? &it->value : nullptr;
}

}  // namespace

std::vector<RecordUsage> sumRecordUsage(const std::vector<rapidjson::Document>& docs, bool parentLevel) {
    std::vector<RecordUsage> out;
    std::unordered_map<std::string, std::size_t> at;
    for (const auto& doc : docs) {
        const rapidjson::Value* list = arrayMember(doc, parentLevel ? "parents" : "records");
        if (!list) continue;
        for (const auto& item : list->GetArray()) {
            std::string id = stringMember(item, "id");
            if (id.empty()) continue;
            auto [pos, added] = at.emplace(id, out.size());
            if (added) out.push_back({id, parentLevel ? id : stringMember(item, "parent"), {}});
            out[pos->second].numbers.add(item);
        }
    }
    return out;
}

double metricValue(const UsageNumbers& n, const std::string& metric) {
    if (metric == "downloads") return static_cast<double>(n.downloads);
    if (metric == "volume") return n.dataVolume;
    if (metric == "unique_views") return static_cast<double>(n.uniqueViews);
    if (metric == "unique_downloads") return static_cast<double>(n.uniqueDownloads);
    return static_cast<double>(n.views);
}

void rankRecords(std::vector<RecordUsage>& items, const std::string& metric) {
    items.erase(std::remove_if(items.begin(), items.end(),
                               [&](const RecordUsage& r) { return metricValue(r.numbers, metric) <= 0; }),
                items.end());
    std::sort(items.begin(), items.end(), [&](const RecordUsage& a, const RecordUsage& b) {
        const double va = metricValue(a.numbers, metric), vb = metricValue(b.numbers, metric);
        return va != vb ? va > vb : a.id < b.id;
    });
}

std::vector<UploaderTotals> rankUploaders(const std::vector<rapidjson::Document>& docs, const std::string& metric) {
    std::vector<UploaderTotals> out;
    std::unordered_map<std::string, std::size_t> at;
    for (const auto& doc : docs) {
        const rapidjson::Value* list = arrayMember(doc, "uploaders");
        if (!list) continue;
        for (const auto& item : list->GetArray()) {
            std::string id = stringMember(item, "id");
            if (id.empty()) continue;
            auto [pos, added] = at.emplace(id, out.size());
            if (added) out.push_back({id});
            UploaderTotals& u = out[pos->second];
            u.records += intMember(item, "records");
            u.parents += intMember(item, "parents");
            u.dataVolume += numberMember(item, "data_volume");
        }
    }
    auto value = [&](const UploaderTotals& u) {
        return metric == "parents" ? static_cast<double>(u.parents)
               : metric == "volume" ? u.dataVolume
                                    : static_cast<double>(u.records);
    };
    out.erase(std::remove_if(out.begin(), out.end(), [&](const UploaderTotals& u) { return value(u) <= 0; }), out.end());
    std::sort(out.begin(), out.end(), [&](const UploaderTotals& a, const UploaderTotals& b) {
        const double va = value(a), vb = value(b);
        return va != vb ? va > vb : a.id < b.id;
    });
    return out;
}

std::int64_t sumRecordsAdded(const std::vector<rapidjson::Document>& docs) {
    std::int64_t total = 0;
    for (const auto& doc : docs) total += intMember(doc, "records_added");
    return total;
}

UsageNumbers sumTotals(const std::vector<rapidjson::Document>& docs) {
    UsageNumbers total;
    for (const auto& doc : docs) {
        const auto it = doc.FindMember("totals");
        if (it != doc.MemberEnd()) total.add(it->value);
    }
    return total;
}

std::int64_t communityMetric(const CommunityTotals& totals, const std::string& metric) {
    if (metric == "views") return totals.views;
    if (metric == "downloads") return totals.downloads;
    return totals.records;
}

}  // namespace statshost::dashboard
