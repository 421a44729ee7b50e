// A plugin's aggregator running through the host's context against real storage.
#include <cppunit/extensions/HelperMacros.h>

#include "../config/ConfigFiles.h"
#include "plugins/HostServices.h"
#include "config/ConfigLoader.h"
#include "plugins/ExtensionRegistry.h"
#include "storage/Storage.h"

using namespace statshost;

namespace {

/// A repository with nothing in it: the fixture aggregator reads no source data.
class EmptySource : public AggregationSource {
public:
    std::int64_t currentChangeSeq() override { return 0; }
    ChangeFeed changesSince(std::int64_t seq) override { return ChangeFeed{seq, seq, {}, {}, false}; }
    std::vector<CommunityInfo> communities() override { return {}; }
    void forEachRecord(const std::function<void(const RecordFacts&)>&) override {}
    std::vector<RecordFacts> records(const std::vector<std::string>&) override { return {}; }
    void forEachCommunityEvent(const std::string&, const std::function<void(const CommunityEvent&)>&) override {}
    void scanUsage(std::int64_t, std::int64_t, const std::function<void(const UsageFact&)>&) override {}
    std::pair<std::int64_t, std::int64_t> usageDayRange() override { return {0, -1}; }
    std::string countryLabel(const std::string& code) override { return code; }
};

}  // namespace

class AggregatorRunTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(AggregatorRunTest);
    CPPUNIT_TEST(fixtureAggregatorWritesThroughContext);
    CPPUNIT_TEST_SUITE_END();

public:
    void fixtureAggregatorWritesThroughContext() {
        test::ConfigFiles f;
        f.main = "plugins:\n  good: " + std::string(STATSHOST_TEST_PLUGIN_DIR) + "/libfixture_good.so\n";
        f.stats = "STATS_AGGREGATIONS:\n  fix-agg: {plugin: good, class: FixtureAggregator, templates: stats-fix, "
                  "params: {days: 3, tag: t1}}\n";
        auto reg = plugins::ExtensionRegistry::load(config::loadConfig(f.write(), {}));
        auto store = storage::Storage::open("sqlite:" + f.dir.file("db.sqlite"));
        store->initialize();
        auto& entry = reg->aggregators().at(0);
        for (const auto& t : entry.object->indexTemplates()) store->registerTemplate(t);

        plugins::SystemClock clock;
        plugins::NamedLogger logger("good");
        plugins::ConsoleProgress progress(stderr);
        EmptySource source;
        AggregationSettings settings;
        AggregationContext ctx{*store, source, settings, clock, logger, progress};
        AggregationRequest req;
        req.asOfDay = "2025-01-01";  // three days across a year boundary
        req.communityIds = {"c1", "global"};
        auto result = entry.object->run(ctx, req);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(6), result.documents);

        std::vector<Document> docs;
        store->scan("stats-fix", {"c1", "", ""}, [&](const Document& d) {
            docs.push_back(d);
            return true;
        });
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), docs.size());
        CPPUNIT_ASSERT_EQUAL(std::string("c1-2024-12-30"), docs[0].id);
        CPPUNIT_ASSERT_EQUAL(std::string("c1-2025-01-01"), docs[2].id);
        CPPUNIT_ASSERT(docs[2].body.find("\"tag\":\"t1\"") != std::string::npos);
        auto infos = store->indices();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), infos.size());
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), infos[0].years.size());  // 2024 and 2025
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(6), infos[0].documents);
        // Re-running overwrites: still six documents.
        entry.object->run(ctx, req);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(6), store->count("stats-fix", {}));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AggregatorRunTest);
