// The dashboard queries on stored documents (SQLite and PostgreSQL): shapes, numbers, errors,
// permissions and the answer cache with its invalidation.
#include <cppunit/extensions/HelperMacros.h>

#include "DashboardFixtures.h"
#include "DashboardWorld.h"
#include "DocumentSource.h"

using namespace statshost;
using namespace statshost::dashboard;
using namespace statshost::test;

namespace {

const Caller kAnonymous{};
const Caller kReader{"reader", {"read-restricted"}};

std::string run(DashboardWorld& w, const std::string& query, const std::string& params, const Caller& caller = kAnonymous) {
    return w.service->run(query, DashboardWorld::params(params), caller);
}

Poco::JSON::Array::Ptr array(const std::string& json) { return parseJson(json).extract<Poco::JSON::Array::Ptr>(); }
Poco::JSON::Object::Ptr object(const std::string& json) { return parseJson(json).extract<Poco::JSON::Object::Ptr>(); }

void writeAll(DashboardWorld& w, const std::string& community) {
    w.write(Family::RecordDelta, community, recordDeltaDocs(community), "2025-01-07");
    w.write(Family::RecordSnapshot, community, recordSnapshotDocs(community), "2025-04-01");
    w.write(Family::UsageDelta, community, usageDeltaDocs(community), "2025-01-08");
    w.write(Family::UsageSnapshot, community, usageSnapshotDocs(community), "2025-01-07");
}

}  // namespace

class QueryServiceTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(QueryServiceTest);
    CPPUNIT_TEST(catalogueIsComplete);
    CPPUNIT_TEST(documentQueryReturnsDenseDaysInOrder);
    CPPUNIT_TEST(documentQueryWithoutResultsIs400);
    CPPUNIT_TEST(compositeHasFourLists);
    CPPUNIT_TEST(seriesQueryNumbersAndDefaults);
    CPPUNIT_TEST(seriesAcceptsSnakeAndCamelCase);
    CPPUNIT_TEST(categoryWithGranularity);
    CPPUNIT_TEST(multiYearRangeHasFullDates);
    CPPUNIT_TEST(invalidParamsAre400);
    CPPUNIT_TEST(permissionsApply);
    CPPUNIT_TEST(cacheHitsUntilReaggregation);
    CPPUNIT_TEST_SUITE_END();

public:
    void catalogueIsComplete() {
        std::string names;
        for (const auto& q : queryCatalog()) names += q.name + " ";
        CPPUNIT_ASSERT_EQUAL(std::string(
            "community-record-delta-created community-record-snapshot-created community-record-delta-published "
            "community-record-snapshot-published community-record-delta-added community-record-snapshot-added "
            "community-usage-delta community-usage-snapshot community-stats global-stats record-delta-series "
            "record-snapshot-series usage-delta-series usage-snapshot-series record-delta-category "
            "record-snapshot-category usage-delta-category usage-snapshot-category "), names);
    }

    void documentQueryReturnsDenseDaysInOrder() {
        onBothBackends([](DashboardWorld& w) {
            w.write(Family::UsageDelta, "c1", usageDeltaDocs("c1"), "2025-01-09");
            auto docs = array(run(w, "community-usage-delta", R"({"community_id":"one","start_date":"2025-01-01"})"));
            // Stored 01-06 and 01-08; zero-filled 01-07 and 01-09 (extent through the bookmark).
            CPPUNIT_ASSERT_EQUAL(std::size_t{4}, docs->size());
            const char* days[] = {"2025-01-06", "2025-01-07", "2025-01-08", "2025-01-09"};
            for (unsigned i = 0; i < 4; ++i)
                CPPUNIT_ASSERT_EQUAL(std::string(days[i]) + "T00:00:00",
                                     docs->getObject(i)->getValue<std::string>("period_start"));
            CPPUNIT_ASSERT_EQUAL(0, docs->getObject(1)->getObject("totals")->getObject("view")->getValue<int>("total_events"));
            CPPUNIT_ASSERT_EQUAL(5, docs->getObject(2)->getObject("totals")->getObject("view")->getValue<int>("total_events"));
            auto narrowed = array(run(w, "community-usage-delta",
                                      R"({"community_id":"c1","start_date":"2025-01-08","end_date":"2025-01-08T12:00:00"})"));
            CPPUNIT_ASSERT_EQUAL(std::size_t{1}, narrowed->size());
        });
    }

    void documentQueryWithoutResultsIs400() {
        onBothBackends([](DashboardWorld& w) {
            w.write(Family::RecordDelta, "c1", recordDeltaDocs("c1"), "2025-01-07");
            auto e = errorOf([&] {
                run(w, "community-record-delta-added", R"({"community_id":"c1","start_date":"2024-01-01","end_date":"2024-01-02"})");
            });
            CPPUNIT_ASSERT_EQUAL(400, e.first);
            CPPUNIT_ASSERT_EQUAL(std::string("No results found for community c1 for the period 2024-01-01 to 2024-01-02"),
                                 e.second);
            CPPUNIT_ASSERT_EQUAL(400, errorOf([&] { run(w, "community-record-delta-created", R"({"community_id":"c1"})"); }).first);
        });
    }

    void compositeHasFourLists() {
        onBothBackends([](DashboardWorld& w) {
            writeAll(w, "global");
            auto answer = object(run(w, "global-stats", R"({"start_date":"2025-01-01","end_date":"2025-01-31"})"));
            std::vector<std::string> names;
            answer->getNames(names);
            CPPUNIT_ASSERT_EQUAL(std::size_t{4}, names.size());
            CPPUNIT_ASSERT_EQUAL(std::size_t{2}, answer->getArray("record_deltas_added")->size());
            CPPUNIT_ASSERT_EQUAL(std::size_t{0}, answer->getArray("record_snapshots_added")->size());  // March/April only
            CPPUNIT_ASSERT_EQUAL(std::size_t{3}, answer->getArray("usage_deltas")->size());
            CPPUNIT_ASSERT_EQUAL(std::size_t{2}, answer->getArray("usage_snapshots")->size());
            CPPUNIT_ASSERT_EQUAL(-1, errorOf([&] { run(w, "global-stats", R"({"community_id":"c1"})"); }).first);
        });
    }

    void seriesQueryNumbersAndDefaults() {
        onBothBackends([](DashboardWorld& w) {
            writeAll(w, "c1");
            auto views = array(run(w, "usage-delta-series", R"({"community_id":"c1"})"));  // global / views
            CPPUNIT_ASSERT_EQUAL(std::size_t{1}, views->size());
            CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=3;2025-01-07=0;2025-01-08=5;"), points(views->get(0)));
            auto records = array(run(w, "record-delta-series", R"({"community_id":"c1"})"));  // global / records
            CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=3;2025-01-07=0;"), points(records->get(0)));
            auto types = array(run(w, "record-delta-series",
                                   R"({"community_id":"c1","category":"resource_types","metric":"data_volume"})"));
            CPPUNIT_ASSERT_EQUAL(std::size_t{2}, types->size());
            CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=3072;2025-01-07=1000;"), points(types->get(0)));
            CPPUNIT_ASSERT_EQUAL(std::string("filesize"), types->getObject(0)->getValue<std::string>("valueType"));
            auto snapshot = array(run(w, "record-snapshot-series", R"({"community_id":"c1","start_date":"2025-03-31"})"));
            CPPUNIT_ASSERT_EQUAL(std::string("2025-03-31=4;2025-04-01=3;"), points(snapshot->get(0)));
            auto byView = array(run(w, "usage-snapshot-series", R"({"community_id":"c1","category":"countriesByView"})"));
            CPPUNIT_ASSERT_EQUAL(std::size_t{2}, byView->size());
            CPPUNIT_ASSERT_EQUAL(std::string("2025-01-07=1;"), points(byView->get(1)));
        });
    }

    void seriesAcceptsSnakeAndCamelCase() {
        onBothBackends([](DashboardWorld& w) {
            writeAll(w, "c1");
            const std::string snake = run(w, "usage-delta-series",
                                          R"({"community_id":"c1","category":"countries","metric":"view_visitors"})");
            const std::string camel = run(w, "usage-delta-series",
                                          R"({"community_id":"c1","category":"countries","metric":"viewVisitors"})");
            CPPUNIT_ASSERT_EQUAL(camel, snake);
            CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=3;2025-01-08=5;"), points(array(snake)->get(0)));
            auto e = errorOf([&] { run(w, "usage-delta-series", R"({"category":"planets"})"); });
            CPPUNIT_ASSERT_EQUAL(-1, e.first);
            CPPUNIT_ASSERT_MESSAGE(e.second, e.second.find("unknown category 'planets' (global, countries, accessRights)") !=
                                                 std::string::npos);
            CPPUNIT_ASSERT_EQUAL(-1, errorOf([&] { run(w, "record-delta-series", R"({"metric":"views"})"); }).first);
            CPPUNIT_ASSERT_EQUAL(-1, errorOf([&] {
                                     run(w, "record-delta-series", R"({"category":"resource_types","metric":"uploaders"})");
                                 }).first);
        });
    }

    void categoryWithGranularity() {
        onBothBackends([](DashboardWorld& w) {
            writeAll(w, "c1");
            auto week = object(run(w, "usage-delta-category", R"({"community_id":"c1","granularity":"week"})"));
            CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=8;"),
                                 points(week->getObject("global")->getArray("views")->get(0)));
            auto month = object(run(w, "record-snapshot-category", R"({"community_id":"c1","granularity":"month"})"));
            CPPUNIT_ASSERT_EQUAL(std::string("2025-03-01=4;2025-04-01=3;"),
                                 points(month->getObject("global")->getArray("records")->get(0)));
            CPPUNIT_ASSERT(month->has("filePresence"));
            CPPUNIT_ASSERT(month->has("resourceTypes"));
        });
    }

    void multiYearRangeHasFullDates() {
        onBothBackends([](DashboardWorld& w) {
            const std::string late = usageDeltaDocs("c1")[0];
            std::string dec = late;
            dec.replace(dec.find("2025-01-06T00"), 10, "2024-12-30");
            dec.replace(dec.find("2025-01-06T23"), 10, "2024-12-30");
            w.write(Family::UsageDelta, "c1", {dec, late}, "2025-01-06");
            auto views = array(run(w, "usage-delta-series", R"({"community_id":"c1","start_date":"2024-12-31"})"));
            const std::string p = points(views->get(0));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-12-31=0;2025-01-01=0;2025-01-02=0;2025-01-03=0;2025-01-04=0;"
                                             "2025-01-05=0;2025-01-06=3;"), p);
            CPPUNIT_ASSERT(!views->getObject(0)->has("year"));
            auto yearly = array(run(w, "usage-delta-series", R"({"community_id":"c1","granularity":"year"})"));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-01-01=3;2025-01-01=3;"), points(yearly->get(0)));
        });
    }

    void invalidParamsAre400() {
        onBothBackends([](DashboardWorld& w) {
            writeAll(w, "c1");
            CPPUNIT_ASSERT_EQUAL(400, errorOf([&] { run(w, "no-such-query", "{}"); }).first);
            auto badDate = errorOf([&] { run(w, "usage-delta-series", R"({"start_date":"2025-02-30"})"); });
            CPPUNIT_ASSERT_EQUAL(-1, badDate.first);
            CPPUNIT_ASSERT_EQUAL(std::string("start_date: expected a date YYYY-MM-DD, got '2025-02-30'"), badDate.second);
            auto reversed = errorOf([&] {
                run(w, "usage-delta-series", R"({"start_date":"2025-02-01","end_date":"2025-01-01"})");
            });
            CPPUNIT_ASSERT_EQUAL(400, reversed.first);
            CPPUNIT_ASSERT_EQUAL(std::string("start_date 2025-02-01 is after end_date 2025-01-01"), reversed.second);
            CPPUNIT_ASSERT_EQUAL(-1, errorOf([&] { run(w, "usage-delta-series", R"({"colour":"red"})"); }).first);
            CPPUNIT_ASSERT_EQUAL(-1, errorOf([&] { run(w, "record-delta-category", R"({"date_basis":"modified"})"); }).first);
            CPPUNIT_ASSERT_EQUAL(-1, errorOf([&] { run(w, "record-delta-category", R"({"granularity":"hour"})"); }).first);
            CPPUNIT_ASSERT_EQUAL(-1, errorOf([&] { run(w, "record-delta-category", R"({"start_date":20250101})"); }).first);
            CPPUNIT_ASSERT_EQUAL(-1, errorOf([&] { run(w, "community-usage-delta", R"({"granularity":"week"})"); }).first);
            CPPUNIT_ASSERT_EQUAL(-1, errorOf([&] {
                                     run(w, "community-record-delta-created", R"({"date_basis":"added"})");
                                 }).first);
            CPPUNIT_ASSERT_EQUAL(404, errorOf([&] { run(w, "usage-delta-series", R"({"community_id":"zzz"})"); }).first);
        });
    }

    void permissionsApply() {
        onBothBackends([](DashboardWorld& w) {
            writeAll(w, "c2");
            writeAll(w, "c3");
            const std::string restricted = R"({"community_id":"two"})";
            CPPUNIT_ASSERT_EQUAL(404, errorOf([&] { run(w, "usage-delta-series", restricted); }).first);
            CPPUNIT_ASSERT_EQUAL(403, errorOf([&] {
                                     run(w, "usage-delta-series", restricted, Caller{"ingest", {"ingest"}});
                                 }).first);
            CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=3;2025-01-07=0;2025-01-08=5;"),
                                 points(array(run(w, "usage-delta-series", restricted, kReader))->get(0)));
            CPPUNIT_ASSERT_EQUAL(404, errorOf([&] { run(w, "usage-delta-series", R"({"community_id":"three"})", kReader); }).first);
            CPPUNIT_ASSERT_EQUAL(0, errorOf([&] {
                                     run(w, "usage-delta-series", R"({"community_id":"three"})", Caller{"ops", {"admin"}});
                                 }).first);
        });
    }

    void cacheHitsUntilReaggregation() {
        onBothBackends([](DashboardWorld& w) {
            writeAll(w, "c1");
            const std::string params = R"({"community_id":"one"})";
            const std::string first = run(w, "usage-delta-series", params);
            CPPUNIT_ASSERT_EQUAL(first, run(w, "usage-delta-series", R"({"community_id":"c1"})"));  // slug and id share
            CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, w.cache.stats().hits);

            // A rewrite of 01-06 without any marker moving is not seen (the cached answer stands) ...
            std::string changed = usageDeltaDocs("c1")[0];
            changed.replace(changed.find("\"total_events\":3"), 16, "\"total_events\":7");
            w.store.upsert(familyIndex(Family::UsageDelta, "added").alias, {{"c1-2025-01-06", "c1", "2025-01-06", changed}});
            CPPUNIT_ASSERT_EQUAL(first, run(w, "usage-delta-series", params));
            // ... the watermark an aggregation run moves after rewriting makes the next answer fresh.
            w.bumpWatermark(Family::UsageDelta);
            CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=7;2025-01-07=0;2025-01-08=5;"),
                                 points(array(run(w, "usage-delta-series", params))->get(0)));
            // A later day aggregated (bookmark moves): the extent grows.
            w.store.setBookmark("community-usage-delta-agg", "c1", "2025-01-09");
            CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=7;2025-01-07=0;2025-01-08=5;2025-01-09=0;"),
                                 points(array(run(w, "usage-delta-series", params))->get(0)));
            // Other families' runs do not evict this answer.
            const auto before = w.cache.stats().hits;
            w.bumpWatermark(Family::RecordDelta);
            run(w, "usage-delta-series", params);
            CPPUNIT_ASSERT_EQUAL(before + 1, w.cache.stats().hits);
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(QueryServiceTest);
