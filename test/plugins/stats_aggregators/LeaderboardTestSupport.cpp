#include "LeaderboardTestSupport.h"

#include <cppunit/TestAssert.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

#include "LeaderboardAggregators.h"
#include "RecordUsageFamily.h"
#include "UploadersFamily.h"

namespace statshost::test {

namespace {

Poco::JSON::Object::Ptr parse(const std::string& body) {
    return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
}

}  // namespace

LeaderboardAggregations makeLeaderboard(DocumentStore& store, const std::string& suffix, std::size_t partBytes) {
    LeaderboardAggregations out;
    out.recordUsage.name = "community-record-usage-delta-agg" + suffix;
    out.recordUsage.alias = "stats-community-record-usage-delta" + suffix;
    out.recordAlias = "stats-record-usage-delta" + suffix;
    out.uploaders.name = "community-uploaders-delta-agg" + suffix;
    out.uploaders.alias = "stats-community-uploaders-delta" + suffix;
    if (partBytes > 0) {
        auto family = std::make_unique<aggregators::recordusage::RecordUsageFamily>();
        family->setNames(out.recordUsage.name, out.recordUsage.alias, out.recordAlias);
        family->setPartBytes(partBytes);
        store.registerTemplate(family->recordTemplate());
        out.recordUsage.aggregator = std::make_unique<aggregators::FamilyAggregator>(std::move(family));
        out.recordUsage.aggregator->configure(AggregatorSetup{out.recordUsage.name, out.recordUsage.alias, Params()});
    } else {
        Poco::Dynamic::Struct<std::string> params;
        params["record_index"] = out.recordAlias;
        out.recordUsage.aggregator = std::make_unique<aggregators::CommunityRecordUsageDeltaAggregator>();
        out.recordUsage.aggregator->configure(AggregatorSetup{out.recordUsage.name, out.recordUsage.alias,
                                                              Params(Poco::Dynamic::Var(params), "test.params")});
    }
    out.uploaders.aggregator = std::make_unique<aggregators::CommunityUploadersDeltaAggregator>();
    out.uploaders.aggregator->configure(AggregatorSetup{out.uploaders.name, out.uploaders.alias, Params()});
    for (TestAggregation* agg : {&out.recordUsage, &out.uploaders})
        for (const IndexTemplate& t : agg->aggregator->indexTemplates()) store.registerTemplate(t);
    return out;
}

void expectNoErrors(const AggregationResult& result, const std::string& aggregation) {
    std::string errors;
    for (const auto& e : result.errors) errors += e + "\n";
    CPPUNIT_ASSERT_EQUAL_MESSAGE(aggregation, std::string(), errors);
}

void runOrFail(AggregationContext& ctx, TestAggregation& agg, const std::string& asOfDay,
               const std::function<void(AggregationRequest&)>& adjust) {
    AggregationRequest request;
    request.asOfDay = asOfDay;
    if (adjust) adjust(request);
    expectNoErrors(agg.aggregator->run(ctx, request), agg.name);
}

Poco::JSON::Object::Ptr storedDoc(DocumentStore& store, const std::string& alias, const std::string& community,
                                  const std::string& day) {
    Poco::JSON::Object::Ptr found;
    store.scan(alias, DocumentRange{community, day, day}, [&](const Document& d) {
        found = parse(d.body);
        return false;
    });
    return found;
}

std::string storedDayList(DocumentStore& store, const std::string& alias, const std::string& community) {
    std::string out;
    store.scan(alias, DocumentRange{community, "", ""}, [&](const Document& d) {
        out += (out.empty() ? "" : ",") + d.day;
        return true;
    });
    return out;
}

std::map<std::string, std::string> bodiesWithoutTimestamps(DocumentStore& store, const std::string& alias) {
    std::map<std::string, std::string> out;
    store.scan(alias, DocumentRange{}, [&](const Document& d) {
        auto obj = parse(d.body);
        obj->remove("timestamp");
        std::ostringstream text;
        Poco::JSON::Stringifier::condense(obj, text);  // sorted keys: the backend's key order does not matter
        out[d.communityId + " " + d.day] = text.str();
        return true;
    });
    return out;
}

void assertSameBodies(DocumentStore& store, const std::string& aliasA, const std::string& aliasB) {
    const auto a = bodiesWithoutTimestamps(store, aliasA), b = bodiesWithoutTimestamps(store, aliasB);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(aliasA + " vs " + aliasB + ": document count", a.size(), b.size());
    for (const auto& [key, body] : a) {
        auto it = b.find(key);
        CPPUNIT_ASSERT_MESSAGE(aliasB + " lacks " + key, it != b.end());
        CPPUNIT_ASSERT_EQUAL_MESSAGE(key, body, it->second);
    }
}

std::map<std::string, std::int64_t> positiveByDay(DocumentStore& store, const std::string& alias, const std::string& key) {
    std::map<std::string, std::int64_t> out;
    store.scan(alias, DocumentRange{}, [&](const Document& d) {
        const std::int64_t n = integer(parse(d.body), key);
        if (n > 0) out[d.communityId + " " + d.day] = n;
        return true;
    });
    return out;
}

std::int64_t integer(const Poco::JSON::Object::Ptr& object, const std::string& key) {
    if (!object || !object->has(key)) return -1;
    return static_cast<std::int64_t>(object->get(key).convert<double>());
}

std::string usageLine(const Poco::JSON::Object::Ptr& n) {
    if (!n) return "(none)";
    auto i = [&](const char* key) { return std::to_string(integer(n, key)); };
    return "v" + i("views") + "/" + i("unique_views") + " d" + i("downloads") + "/" + i("unique_downloads") + "/" +
           i("data_volume");
}

Poco::JSON::Object::Ptr entry(const Poco::JSON::Object::Ptr& doc, const std::string& key, const std::string& id) {
    if (!doc) return nullptr;
    auto list = doc->getArray(key);
    if (!list) return nullptr;
    for (std::size_t i = 0; i < list->size(); ++i) {
        auto item = list->getObject(static_cast<unsigned>(i));
        if (item->getValue<std::string>("id") == id) return item;
    }
    return nullptr;
}

std::string entryIds(const Poco::JSON::Object::Ptr& doc, const std::string& key) {
    if (!doc) return "(no document)";
    auto list = doc->getArray(key);
    if (!list) return "(no list)";
    std::string out;
    for (std::size_t i = 0; i < list->size(); ++i)
        out += (i ? "," : "") + list->getObject(static_cast<unsigned>(i))->getValue<std::string>("id");
    return out;
}

}  // namespace statshost::test
