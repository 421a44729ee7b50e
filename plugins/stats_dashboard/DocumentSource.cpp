#include "DocumentSource.h"


#include "statshost/Errors.h"

namespace statshost::dashboard {

FamilyIndex familyIndex(Family family, const std::string& dateBasis) {
    switch (family) {
        case Family::RecordDelta:
            return {"stats-community-records-delta-" + dateBasis, "community-records-delta-" + dateBasis + "-agg"};
        case Family::RecordSnapshot:
            return {"stats-community-records-snapshot-" + dateBasis, "community-records-snapshot-" + dateBasis + "-agg"};
        case Family::UsageDelta: return {"stats-community-usage-delta", "community-usage-delta-agg"};
        case Family::UsageSnapshot: return {"stats-community-usage-snapshot", "community-usage-snapshot-agg"};
    }
    return {};
}

std::vector<std::string> readDocuments(DocumentStore& store, const FamilyIndex& index, const std::string& communityId,
                                       const std::string& startDate, const std::string& endDate) {
    std::vector<std::string> bodies;
    store.readDense(index.alias, DocumentRange{communityId, startDate, endDate}, [&](const Document& doc) {
        bodies.push_back(doc.body);
        return true;
    });
    return bodies;
}

std::vector<rapidjson::Document> parseDocuments(const std::vector<std::string>& bodies) {
    std::vector<rapidjson::Document> out(bodies.size());
    for (std::size_t i = 0; i < bodies.size(); ++i) {
        out[i].Parse(bodies[i].data(), bodies[i].size());
        if (out[i].HasParseError() || !out[i].IsObject())
            throw Error("a stored statistics document is not a JSON object (at offset " +
                        std::to_string(out[i].GetErrorOffset()) + ")");
    }
    return out;
}

std::string readGeneration(DocumentStore& store, const FamilyIndex& index, const std::string& communityId) {
    auto part = [&](const std::string& name, const std::string& community) {
        return store.bookmark(name, community).value_or("-");
    };
    return part(index.aggregation, communityId) + "|" + part(index.aggregation + "#dirty", communityId) + "|" +
           part(index.aggregation + "#seq", "*") + "|" + part(index.aggregation + "#config", "*");
}

}  // namespace statshost::dashboard
