// The usage delta family (SEMANTICS §6, §9.4, §10.5, §10.16) end to end: real repository services,
// real usage store, real host source and DocumentStore, on SQLite and PostgreSQL. Every expectation is
// computed by hand in the comments.
#include <cppunit/extensions/HelperMacros.h>

#include "UsageAggregators.h"
#include "UsageTestSupport.h"

using namespace statshost;
using namespace statshost::test;

namespace {

const char* kDelta = "stats-community-usage-delta";

void onEachBackend(const std::function<void(UsageHarness&)>& body) {
    onBothBackends([&](TestBackend& backend) {
        UsageHarness u(backend);
        body(u);
    });
}

}  // namespace

class UsageDeltaTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(UsageDeltaTest);
    CPPUNIT_TEST(attributionFollowsMovesDeletionAndRestoration);
    CPPUNIT_TEST(uniquesVolumesAndFileTypes);
    CPPUNIT_TEST(countriesAndReferrersWithLabels);
    CPPUNIT_TEST(labelsComeFromTheEarliestPublishedRecord);
    CPPUNIT_TEST(laterLabelsReachStoredDocuments);
    CPPUNIT_TEST(zeroDaysAndYearBoundary);
    CPPUNIT_TEST(listsAreUnlimitedAndOrderedWithTies);
    CPPUNIT_TEST(storedTextHasTheExampleShape);
    CPPUNIT_TEST(templateIsSparseWithZeroFill);
    CPPUNIT_TEST_SUITE_END();

public:
    void attributionFollowsMovesDeletionAndRestoration() {
        onEachBackend([](UsageHarness& u) {
            auto& h = u.h();
            h.at("2024-01-01T00:00:00Z");
            h.community("ca");
            h.community("cb");
            h.publish(recordWithFiles("r1", "p1", "ca", {{"a.csv", 100}}));
            // 10:00 in ca; 13:00 after the move to cb at 12:00; 03-06 after the deletion on 03-05.
            u.view("2024-03-01T10:00:00Z", "r1", "v1");
            u.view("2024-03-01T13:00:00Z", "r1", "v2");
            u.view("2024-03-06T09:00:00Z", "r1", "v3");
            u.ingest();
            h.at("2024-03-01T12:00:00Z");
            h.add("r1", "cb");
            h.remove("r1", "ca");
            h.at("2024-03-05T00:00:00Z");
            h.deleteRecord("r1");

            UsagePair pair = u.makePair();
            u.run(pair, "2024-03-07");
            // global: every event, deleted record or not.
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01,2024-03-06"), u.storedDays(kDelta, "global"));
            CPPUNIT_ASSERT_EQUAL(std::string("v2/2/1/1 d0/0/0/0/0/0"), totals(u.day(kDelta, "global", "2024-03-01")));
            CPPUNIT_ASSERT_EQUAL(std::string("v1/1/1/1 d0/0/0/0/0/0"), totals(u.day(kDelta, "global", "2024-03-06")));
            // ca: only the 10:00 view; cb: only the 13:00 view (half-open intervals at the instant).
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01"), u.storedDays(kDelta, "ca"));
            CPPUNIT_ASSERT_EQUAL(std::string("v1/1/1/1 d0/0/0/0/0/0"), totals(u.day(kDelta, "ca", "2024-03-01")));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01"), u.storedDays(kDelta, "cb"));
            CPPUNIT_ASSERT_EQUAL(std::string("v1/1/1/1 d0/0/0/0/0/0"), totals(u.day(kDelta, "cb", "2024-03-01")));
            // The deleted record's 03-06 view counts in global only: cb reads a zero day.
            CPPUNIT_ASSERT_EQUAL(std::string("v0/0/0/0 d0/0/0/0/0/0"), totals(u.day(kDelta, "cb", "2024-03-06")));

            // Restored: the deletion never happened, so cb's membership covers 03-06 again.
            h.at("2024-03-10T00:00:00Z");
            h.restoreRecord("r1");
            u.run(pair, "2024-03-10");
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01,2024-03-06"), u.storedDays(kDelta, "cb"));
            CPPUNIT_ASSERT_EQUAL(std::string("v1/1/1/1 d0/0/0/0/0/0"), totals(u.day(kDelta, "cb", "2024-03-06")));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01"), u.storedDays(kDelta, "ca"));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01,2024-03-06"), u.storedDays(kDelta, "global"));
            // The snapshot follows: cb has 2 views in total on 03-06.
            CPPUNIT_ASSERT_EQUAL(std::string("v2/2/2/2 d0/0/0/0/0/0"),
                                 totals(u.day("stats-community-usage-snapshot", "cb", "2024-03-06")));
        });
    }

    void uniquesVolumesAndFileTypes() {
        onEachBackend([](UsageHarness& u) {
            versionsWorld(u);  // r1, r2 (versions of p1), r3; 4 views and 4 downloads on 2024-02-01
            UsagePair pair = u.makePair();
            u.run(pair, "2024-02-02");

            for (const char* community : {"ca", "global"}) {
                auto doc = u.day(kDelta, community, "2024-02-01");
                // views: 4 events, visitors v1 v2, records r1 r2 r3, parents p1 p3;
                // downloads: 4 events, visitors v1 v2, records r1 r2, parent p1, files r1/a.csv r1/b.txt
                // r2/c.csv, 100 + 100 + 50 + 30 bytes.
                CPPUNIT_ASSERT_EQUAL(std::string("v4/2/3/2 d4/2/2/1/3/280"), totals(doc));
                CPPUNIT_ASSERT_EQUAL(std::string(community), textAt(doc, "community_id"));
                CPPUNIT_ASSERT_EQUAL(std::string("2024-02-01T00:00:00"), textAt(doc, "period_start"));
                CPPUNIT_ASSERT_EQUAL(std::string("2024-02-01T23:59:59"), textAt(doc, "period_end"));
                // File types: a view counts every type of the record (r1: csv and txt, r2: csv, r3: none);
                // a download only the downloaded file's type.
                CPPUNIT_ASSERT_EQUAL(std::string("csv:CSV,txt:TXT"), itemLabels(doc, "by_file_types"));
                CPPUNIT_ASSERT_EQUAL(std::string("v3/2/2/1 d3/2/2/1/2/230"), numbers(item(doc, "by_file_types", "csv")));
                CPPUNIT_ASSERT_EQUAL(std::string("v2/1/1/1 d1/1/1/1/1/50"), numbers(item(doc, "by_file_types", "txt")));
                // Every record is an open dataset: those items carry the totals.
                CPPUNIT_ASSERT_EQUAL(std::string("dataset:Dataset"), itemLabels(doc, "by_resource_types"));
                CPPUNIT_ASSERT_EQUAL(totals(doc), numbers(item(doc, "by_resource_types", "dataset")));
                CPPUNIT_ASSERT_EQUAL(std::string("open:Open Access"), itemLabels(doc, "by_access_rights"));
                // Every configured key is present, empty lists included.
                for (const char* key : {"by_access_rights", "by_affiliations", "by_countries", "by_file_types",
                                        "by_funders", "by_languages", "by_licenses", "by_periodicals",
                                        "by_publishers", "by_referrers", "by_resource_types", "by_subjects"})
                    CPPUNIT_ASSERT_NO_THROW_MESSAGE(key, subcount(doc, key));
                CPPUNIT_ASSERT_EQUAL(std::size_t(0), subcount(doc, "by_countries")->size());
                CPPUNIT_ASSERT_EQUAL(std::size_t(12), doc->getObject("subcounts")->size());
            }
        });
    }

    void countriesAndReferrersWithLabels() {
        onEachBackend([](UsageHarness& u) {
            auto& h = u.h();
            h.at("2024-01-01T00:00:00Z");
            h.community("ca");
            h.publish(recordWithFiles("r1", "p1", "ca", {{"a.csv", 100}}));
            u.view("2024-02-02T10:00:00Z", "r1", "v1", "US", "https://www.Example.org/page");
            u.view("2024-02-02T10:01:00Z", "r1", "v2", "de", "https://scholar.google.com/x?q=1");
            u.view("2024-02-02T10:02:00Z", "r1", "v3", "US");
            u.download("2024-02-02T10:03:00Z", "r1", "v1", "a.csv", "US", "https://www.example.org/");
            u.ingest();
            UsagePair pair = u.makePair();
            u.run(pair, "2024-02-02");
            auto doc = u.day(kDelta, "ca", "2024-02-02");
            // US: views v1 v3 + v1's download (3 events); DE: one view. Country names from iso-codes.
            CPPUNIT_ASSERT_EQUAL(std::string("US:United States,DE:Germany"), itemLabels(doc, "by_countries"));
            CPPUNIT_ASSERT_EQUAL(std::string("v2/2/1/1 d1/1/1/1/1/100"), numbers(item(doc, "by_countries", "US")));
            CPPUNIT_ASSERT_EQUAL(std::string("v1/1/1/1 d0/0/0/0/0/0"), numbers(item(doc, "by_countries", "DE")));
            // Referrers: the lower-case host, labelled by itself; the third view has none.
            CPPUNIT_ASSERT_EQUAL(std::string("www.example.org:www.example.org,scholar.google.com:scholar.google.com"),
                                 itemLabels(doc, "by_referrers"));
            CPPUNIT_ASSERT_EQUAL(std::string("v1/1/1/1 d1/1/1/1/1/100"), numbers(item(doc, "by_referrers", "www.example.org")));
        });
    }

    void labelsComeFromTheEarliestPublishedRecord() {
        onEachBackend([](UsageHarness& u) {
            auto& h = u.h();
            h.at("2024-01-01T00:00:00Z");
            h.community("ca");
            TestRecord first("r1", "p1");
            first.communities = "ca";
            first.languages = {{"eng", "English"}, {"fra", ""}};
            h.publish(first);
            h.at("2024-01-02T00:00:00Z");
            TestRecord later("r0", "p0");  // a smaller id, published later: its label loses
            later.communities = "ca";
            later.languages = {{"eng", "Anglais"}};
            h.publish(later);
            u.view("2024-02-01T10:00:00Z", "r0", "v1");
            u.view("2024-02-01T11:00:00Z", "r1", "v1");
            u.ingest();
            UsagePair pair = u.makePair();
            u.run(pair, "2024-02-01");
            auto doc = u.day(kDelta, "ca", "2024-02-01");
            // eng: both views (2); fra: r1's view only, no real label anywhere → the id.
            CPPUNIT_ASSERT_EQUAL(std::string("eng:English,fra:fra"), itemLabels(doc, "by_languages"));
            CPPUNIT_ASSERT_EQUAL(std::string("v2/1/2/2 d0/0/0/0/0/0"), numbers(item(doc, "by_languages", "eng")));
        });
    }

    void laterLabelsReachStoredDocuments() {
        onEachBackend([](UsageHarness& u) {
            auto& h = u.h();
            h.at("2024-01-01T00:00:00Z");
            h.community("ca");
            h.community("cb");
            TestRecord bare("r1", "p1");
            bare.communities = "ca";
            bare.resourceType = "software";
            bare.resourceTitle = "";  // no real label: shown by its id
            h.publish(bare);
            u.view("2024-02-01T10:00:00Z", "r1", "v1");
            u.ingest();
            UsagePair pair = u.makePair();
            u.run(pair, "2024-02-05");
            CPPUNIT_ASSERT_EQUAL(std::string("software:software"), itemLabels(u.day(kDelta, "ca", "2024-02-01"), "by_resource_types"));
            // The first real label arrives with a record of another community, without any usage.
            h.at("2024-02-05T00:00:00Z");
            TestRecord titled("r2", "p2");
            titled.communities = "cb";
            titled.resourceType = "software";
            titled.resourceTitle = "Software";
            h.publish(titled);
            u.run(pair, "2024-02-05");
            for (const char* community : {"ca", "global"}) {
                CPPUNIT_ASSERT_EQUAL(std::string("software:Software"),
                                     itemLabels(u.day(kDelta, community, "2024-02-01"), "by_resource_types"));
                CPPUNIT_ASSERT_EQUAL(std::string("software:Software"),
                                     itemLabels(u.day("stats-community-usage-snapshot", community, "2024-02-03"),
                                                "all_resource_types"));
            }
        });
    }

    void zeroDaysAndYearBoundary() {
        onEachBackend([](UsageHarness& u) {
            auto& h = u.h();
            h.at("2024-01-01T00:00:00Z");
            h.community("ca");
            h.publish(recordWithFiles("r1", "p1", "ca", {{"a.csv", 100}}));
            u.view("2024-12-31T23:59:59Z", "r1", "v1");
            u.view("2025-01-02T00:00:00Z", "r1", "v2");
            u.ingest();
            UsagePair pair = u.makePair();
            u.run(pair, "2025-01-03");
            // Stored only on days with events, one in each yearly index.
            CPPUNIT_ASSERT_EQUAL(std::string("2024-12-31,2025-01-02"), u.storedDays(kDelta, "ca"));
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), u.storage().count(kDelta, DocumentRange{"ca", "2024-01-01", "2024-12-31"}));
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), u.storage().count(kDelta, DocumentRange{"ca", "2025-01-01", "2025-12-31"}));
            // Dense: from the first stored day through the bookmark (as-of day), zero days filled.
            auto docs = u.dense(kDelta, "ca", "2024-12-30", "2025-01-05");
            CPPUNIT_ASSERT_EQUAL(std::size_t(4), docs.size());
            const char* days[] = {"2024-12-31", "2025-01-01", "2025-01-02", "2025-01-03"};
            const char* expected[] = {"v1/1/1/1 d0/0/0/0/0/0", "v0/0/0/0 d0/0/0/0/0/0", "v1/1/1/1 d0/0/0/0/0/0",
                                      "v0/0/0/0 d0/0/0/0/0/0"};
            for (int i = 0; i < 4; ++i) {
                CPPUNIT_ASSERT_EQUAL(std::string(days[i]) + "T00:00:00", textAt(docs[i], "period_start"));
                CPPUNIT_ASSERT_EQUAL(std::string(days[i]) + "T23:59:59", textAt(docs[i], "period_end"));
                CPPUNIT_ASSERT_EQUAL(std::string(expected[i]), totals(docs[i]));
            }
            CPPUNIT_ASSERT_EQUAL(std::size_t(0), subcount(docs[1], "by_resource_types")->size());
            CPPUNIT_ASSERT_EQUAL(std::string("dataset"), itemIds(docs[2], "by_resource_types"));
        });
    }

    void listsAreUnlimitedAndOrderedWithTies() {
        onEachBackend([](UsageHarness& u) {
            countriesWorld(u);  // 21 countries with one view each (listed out of order), US with two
            UsagePair pair = u.makePair();
            u.run(pair, "2024-02-01");
            auto doc = u.day(kDelta, "ca", "2024-02-01");
            // Delta lists have no limit: 22 items, US first, then the ties by id.
            CPPUNIT_ASSERT_EQUAL(std::string("US,AD,AE,AF,AG,AL,AM,AO,AR,AT,AU,AZ,BA,BB,BD,BE,BF,BG,BH,BI,BJ,BN"),
                                 itemIds(doc, "by_countries"));
        });
    }

    void storedTextHasTheExampleShape() {
        // SQLite keeps the text as written: member names, nesting and order of
        // examples/stats-community-usage-{delta,snapshot}.json (keys sorted, volumes as floats).
        SqliteBackend backend;
        UsageHarness u(backend);
        auto& h = u.h();
        h.at("2024-01-01T00:00:00Z");
        h.community("ca");
        h.publish(recordWithFiles("r1", "p1", "ca", {{"a.csv", 100}}));
        u.view("2024-02-01T10:00:00Z", "r1", "v1", "US");
        u.download("2024-02-01T10:01:00Z", "r1", "v1", "a.csv", "US");
        u.ingest();
        h.at("2024-02-02T03:04:05Z");
        UsagePair pair = u.makePair();
        u.run(pair, "2024-02-01");
        const std::string numbers =
            R"("download":{"total_events":1,"total_volume":100.0,"unique_files":1,"unique_parents":1,)"
            R"("unique_records":1,"unique_visitors":1})";
        const std::string view = R"("view":{"total_events":1,"unique_parents":1,"unique_records":1,"unique_visitors":1})";
        auto item = [&](const std::string& id, const std::string& label) {
            return "[{" + numbers + R"(,"id":")" + id + R"(","label":")" + label + "\"," + view + "}]";
        };
        const std::string tail = R"(,"timestamp":"2024-02-02T03:04:05","totals":{)" + numbers + "," + view + "}}";
        const std::string delta =
            R"({"community_id":"ca","period_end":"2024-02-01T23:59:59","period_start":"2024-02-01T00:00:00",)"
            R"("subcounts":{"by_access_rights":)" + item("open", "Open Access") + R"(,"by_affiliations":[],)"
            R"("by_countries":)" + item("US", "United States") + R"(,"by_file_types":)" + item("csv", "CSV") +
            R"(,"by_funders":[],"by_languages":[],"by_licenses":[],"by_periodicals":[],"by_publishers":[],)"
            R"("by_referrers":[],"by_resource_types":)" + item("dataset", "Dataset") + R"(,"by_subjects":[]})" + tail;
        const std::string snapshot =
            R"({"community_id":"ca","snapshot_date":"2024-02-01","subcounts":{"all_access_rights":)" +
            item("open", "Open Access") + R"(,"all_file_types":)" + item("csv", "CSV") +
            R"(,"all_languages":[],"all_licenses":[],"all_resource_types":)" + item("dataset", "Dataset") +
            R"(,"top_affiliations":[],"top_countries":)" + item("US", "United States") +
            R"(,"top_funders":[],"top_periodicals":[],"top_publishers":[],"top_referrers":[],"top_subjects":[]})" + tail;
        auto stored = h.stored(kDelta, "ca");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), stored.size());
        CPPUNIT_ASSERT_EQUAL(std::string("ca-2024-02-01"), stored[0].id);
        CPPUNIT_ASSERT_EQUAL(delta, stored[0].body);
        stored = h.stored("stats-community-usage-snapshot", "ca");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), stored.size());
        CPPUNIT_ASSERT_EQUAL(std::string("ca-2024-02-01"), stored[0].id);
        CPPUNIT_ASSERT_EQUAL(snapshot, stored[0].body);
    }

    void templateIsSparseWithZeroFill() {
        aggregators::CommunityUsageDeltaAggregator delta;
        delta.configure(AggregatorSetup{"d-agg", "stats-x-delta", Params()});
        auto templates = delta.indexTemplates();
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), templates.size());
        CPPUNIT_ASSERT_EQUAL(std::string("stats-x-delta-labels"), templates[1].alias);
        CPPUNIT_ASSERT(templates[1].fill == FillRule::None);
        CPPUNIT_ASSERT_EQUAL(std::string("stats-x-delta"), templates[0].alias);
        CPPUNIT_ASSERT(templates[0].fill == FillRule::Zero);
        CPPUNIT_ASSERT_EQUAL(std::string("d-agg"), templates[0].extentBookmark);
        CPPUNIT_ASSERT_EQUAL(std::string("period_start"), templates[0].dateField);
        Poco::Dynamic::Struct<std::string> params;
        params["anything"] = 1;
        CPPUNIT_ASSERT_THROW(delta.configure(AggregatorSetup{"d-agg", "stats-x-delta", Params(Poco::Dynamic::Var(params), "x.params")}),
                             ConfigError);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(UsageDeltaTest);
