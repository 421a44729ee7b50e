#include "UsageTestSupport.h"

#include <cppunit/TestAssert.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

#include "UsageAggregators.h"
#include "UsageDeltaFamily.h"
#include "UsageSnapshotFamily.h"
#include "usage/classify/ClassifierConfig.h"

namespace statshost::test {

namespace {

const char* kIsoCodes = "/usr/share/iso-codes/json/iso_3166-1.json";

std::string processed(const std::string& timestamp, const std::string& recid, const std::string& visitor,
                      const std::string& country, const std::string& referrer, const std::string& fileKey) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("timestamp", timestamp);
    o->set("recid", recid);
    o->set("visitor_id", visitor);
    if (!country.empty()) o->set("country", country);
    if (!referrer.empty()) o->set("referrer", referrer);
    if (!fileKey.empty()) o->set("file_key", fileKey);
    std::ostringstream out;
    o->stringify(out);
    return out.str();
}

}  // namespace

UsageHarness::UsageHarness(TestBackend& backend) : _h(backend) {
    auto cfg = usage::ClassifierConfig::forDataDir(std::string(STATSHOST_SOURCE_DIR) + "/conf/data");
    cfg.geoipV4 = fixturePath("usage/geoip_v4_ranges.txt");
    cfg.geoipV6 = "";
    cfg.isoCodes = kIsoCodes;
    _classifiers = std::make_unique<usage::Classifiers>(usage::loadClassifiers(cfg));
    _hasher = std::make_unique<usage::VisitorHasher>("test-secret");
    _store = std::make_unique<usage::UsageStore>();
    _pipeline = std::make_unique<usage::UsagePipeline>(*_classifiers, *_hasher, *_store);
    _source = std::make_unique<aggregation::HostAggregationSource>(storage().database(), kIsoCodes);
}

UsageHarness::~UsageHarness() = default;

void UsageHarness::view(const std::string& timestamp, const std::string& recid, const std::string& visitor,
                        const std::string& country, const std::string& referrer) {
    usage::Parsed<usage::ProcessedDoc> p;
    p.value = usage::parseProcessedDoc(
        usage::EventType::View,
        Poco::JSON::Parser().parse(processed(timestamp, recid, visitor, country, referrer, "")).extract<Poco::JSON::Object::Ptr>());
    _pending.push_back(std::move(p));
}

void UsageHarness::download(const std::string& timestamp, const std::string& recid, const std::string& visitor,
                            const std::string& fileKey, const std::string& country, const std::string& referrer) {
    usage::Parsed<usage::ProcessedDoc> p;
    p.value = usage::parseProcessedDoc(usage::EventType::Download,
                                       Poco::JSON::Parser()
                                           .parse(processed(timestamp, recid, visitor, country, referrer, fileKey))
                                           .extract<Poco::JSON::Object::Ptr>());
    _pending.push_back(std::move(p));
}

void UsageHarness::ingest() {
    usage::BatchResult result;
    _h.repo().services().transaction(_h.repo().clock(), [&](services::ServiceTx& tx) {
        result = _pipeline->ingestProcessed(tx, _pending, true);
    });
    CPPUNIT_ASSERT_EQUAL(_pending.size(), result.accepted);
    _pending.clear();
}

UsagePair UsageHarness::makePair(const std::string& suffix, bool tinyParts) {
    UsagePair pair;
    pair.suffix = suffix;
    pair.delta.name = "community-usage-delta-agg" + suffix;
    pair.delta.alias = "stats-community-usage-delta" + suffix;
    pair.snapshot.name = "community-usage-snapshot-agg" + suffix;
    pair.snapshot.alias = "stats-community-usage-snapshot" + suffix;
    Poco::Dynamic::Struct<std::string> params;
    params["delta_index"] = pair.delta.alias;
    params["delta_aggregation"] = pair.delta.name;
    const Params snapshotParams(Poco::Dynamic::Var(params), "test.params");
    if (tinyParts) {
        auto delta = std::make_unique<aggregators::usagestats::UsageDeltaFamily>();
        delta->setNames(pair.delta.name, pair.delta.alias);
        delta->setPartBytes(1);
        auto snapshot = std::make_unique<aggregators::usagestats::UsageSnapshotFamily>();
        snapshot->setNames(pair.snapshot.name, pair.snapshot.alias, pair.delta.alias, pair.delta.name, "");
        const IndexTemplate labels = delta->labelsTemplate(), state = snapshot->stateTemplate();
        pair.delta.aggregator = std::make_unique<aggregators::FamilyAggregator>(std::move(delta));
        pair.snapshot.aggregator = std::make_unique<aggregators::FamilyAggregator>(std::move(snapshot));
        storage().registerTemplate(labels);
        storage().registerTemplate(state);
        pair.delta.aggregator->configure(AggregatorSetup{pair.delta.name, pair.delta.alias, Params()});
        pair.snapshot.aggregator->configure(AggregatorSetup{pair.snapshot.name, pair.snapshot.alias, Params()});
    } else {
        pair.delta.aggregator = std::make_unique<aggregators::CommunityUsageDeltaAggregator>();
        pair.delta.aggregator->configure(AggregatorSetup{pair.delta.name, pair.delta.alias, Params()});
        pair.snapshot.aggregator = std::make_unique<aggregators::CommunityUsageSnapshotAggregator>();
        pair.snapshot.aggregator->configure(AggregatorSetup{pair.snapshot.name, pair.snapshot.alias, snapshotParams});
    }
    for (TestAggregation* agg : {&pair.delta, &pair.snapshot})
        for (const IndexTemplate& t : agg->aggregator->indexTemplates()) storage().registerTemplate(t);
    return pair;
}

AggregationResult UsageHarness::runOne(TestAggregation& agg, const std::string& asOfDay,
                                       const std::function<void(AggregationRequest&)>& adjust) {
    AggregationRequest request;
    request.asOfDay = asOfDay;
    if (adjust) adjust(request);
    AggregationContext ctx{storage(), *_source, _h.settings(), _h.repo().clock(), _h.logger(), _progress};
    return agg.aggregator->run(ctx, request);
}

void UsageHarness::run(UsagePair& pair, const std::string& asOfDay, const std::function<void(AggregationRequest&)>& adjust) {
    for (TestAggregation* agg : {&pair.delta, &pair.snapshot}) {
        const AggregationResult r = runOne(*agg, asOfDay, adjust);
        std::string errors;
        for (const auto& e : r.errors) errors += e + "\n";
        CPPUNIT_ASSERT_EQUAL_MESSAGE(agg->name, std::string(), errors);
    }
}

std::string UsageHarness::storedDays(const std::string& alias, const std::string& community) {
    std::string out;
    for (const Document& d : _h.stored(alias, community)) out += (out.empty() ? "" : ",") + d.day;
    return out;
}

std::int64_t number(const Poco::JSON::Object::Ptr& object, const std::string& path) { return intAt(object, path); }

std::string numbers(const Poco::JSON::Object::Ptr& o) {
    if (!o) return "(none)";
    auto n = [&](const char* path) { return std::to_string(intAt(o, path)); };
    return "v" + n("view.total_events") + "/" + n("view.unique_visitors") + "/" + n("view.unique_records") + "/" +
           n("view.unique_parents") + " d" + n("download.total_events") + "/" + n("download.unique_visitors") + "/" +
           n("download.unique_records") + "/" + n("download.unique_parents") + "/" + n("download.unique_files") + "/" +
           n("download.total_volume");
}

std::string totals(const Poco::JSON::Object::Ptr& doc) {
    if (!doc) return "(no document)";
    return numbers(doc->getObject("totals"));
}

std::string itemLabels(const Poco::JSON::Object::Ptr& doc, const std::string& key) {
    auto items = subcount(doc, key);
    std::string out;
    for (std::size_t i = 0; i < items->size(); ++i) {
        auto item = items->getObject(i);
        out += (i ? "," : "") + item->getValue<std::string>("id") + ":" + item->getValue<std::string>("label");
    }
    return out;
}

TestRecord recordWithFiles(const std::string& id, const std::string& parent, const std::string& communities,
                           const std::vector<std::pair<std::string, std::int64_t>>& files) {
    TestRecord r(id, parent);
    r.communities = communities;
    for (const auto& [key, size] : files) r.files.push_back(TestFile{key, size, ""});
    return r;
}

void versionsWorld(UsageHarness& u) {
    auto& h = u.h();
    h.at("2024-01-01T00:00:00Z");
    h.community("ca");
    h.publish(recordWithFiles("r1", "p1", "ca", {{"a.csv", 100}, {"b.txt", 50}}));
    h.at("2024-01-02T00:00:00Z");
    h.publish(recordWithFiles("r2", "p1", "ca", {{"c.csv", 30}}));
    h.publish(recordWithFiles("r3", "p3", "ca", {}));
    u.view("2024-02-01T10:00:00Z", "r1", "v1");
    u.view("2024-02-01T10:00:30Z", "r1", "v1");
    u.view("2024-02-01T11:00:00Z", "r2", "v2");
    u.view("2024-02-01T12:00:00Z", "r3", "v1");
    u.download("2024-02-01T13:00:00Z", "r1", "v1", "a.csv");
    u.download("2024-02-01T13:05:00Z", "r1", "v2", "a.csv");
    u.download("2024-02-01T13:10:00Z", "r1", "v2", "b.txt");
    u.download("2024-02-01T13:15:00Z", "r2", "v1", "c.csv");
    u.ingest();
}

void countriesWorld(UsageHarness& u) {
    auto& h = u.h();
    h.at("2024-01-01T00:00:00Z");
    h.community("ca");
    h.publish(recordWithFiles("r1", "p1", "ca", {{"a.csv", 100}}));
    const std::vector<std::string> codes = {"BN", "AD", "AE", "AF", "AG", "AL", "AM", "AO", "AR", "AT", "AU",
                                            "AZ", "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ"};
    for (std::size_t i = 0; i < codes.size(); ++i)
        u.view("2024-02-01T10:" + std::string(i < 10 ? "0" : "") + std::to_string(i) + ":00Z", "r1",
               "v" + std::to_string(i), codes[i]);
    u.view("2024-02-01T11:00:00Z", "r1", "w1", "US");
    u.view("2024-02-01T11:01:00Z", "r1", "w2", "US");
    u.ingest();
}

}  // namespace statshost::test
