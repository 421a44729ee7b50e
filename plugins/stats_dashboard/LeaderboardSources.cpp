#include "LeaderboardSources.h"

#include "statshost/Errors.h"

namespace statshost::dashboard {

const FamilyIndex& communityRecordUsageIndex() {
    static const FamilyIndex index{"stats-community-record-usage-delta", "community-record-usage-delta-agg"};
    return index;
}

const FamilyIndex& recordUsageIndex() {
    static const FamilyIndex index{"stats-record-usage-delta", "community-record-usage-delta-agg"};
    return index;
}

const FamilyIndex& communityUploadersIndex() {
    static const FamilyIndex index{"stats-community-uploaders-delta", "community-uploaders-delta-agg"};
    return index;
}

std::vector<rapidjson::Document> scanDocuments(DocumentStore& store, const FamilyIndex& index,
                                               const std::string& communityId, const std::string& startDate,
                                               const std::string& endDate) {
    std::vector<std::string> bodies;
    try {
        store.scan(index.alias, DocumentRange{communityId, startDate, endDate}, [&](const Document& doc) {
            bodies.push_back(doc.body);
            return true;
        });
    } catch (const StorageError& e) {
        // The aggregation registers the index on its first run; until then there is nothing to read.
        if (std::string(e.what()).find("unknown index '" + index.alias + "'") == std::string::npos) throw;
    }
    return parseDocuments(bodies);
}

std::int64_t intMember(const rapidjson::Value& object, const char* name) {
    if (!object.IsObject()) return 0;
    const auto it = object.FindMember(name);
    if (it == object.MemberEnd() || !it->value.IsNumber()) return 0;
    return it->value.IsInt64() ? it->value.GetInt64() : static_cast<std::int64_t>(it->value.GetDouble());
}

double numberMember(const rapidjson::Value& object, const char* name) {
    if (!object.IsObject()) return 0;
    const auto it = object.FindMember(name);
    return it == object.MemberEnd() || !it->value.IsNumber() ? 0 : it->value.GetDouble();
}

std::string stringMember(const rapidjson::Value& object, const char* name) {
    if (!object.IsObject()) return "";
    const auto it = object.FindMember(name);
    return it == object.MemberEnd() || !it->value.IsString() ? "" : std::string(it->value.GetString(), it->value.GetStringLength());
}

void UsageNumbers::add(const rapidjson::Value& object) {
    views += intMember(object, "views");
    uniqueViews += intMember(object, "unique_views");
    downloads += intMember(object, "downloads");
    uniqueDownloads += intMember(object, "unique_downloads");
    dataVolume += numberMember(object, "data_volume");
}

}  // namespace statshost::dashboard
