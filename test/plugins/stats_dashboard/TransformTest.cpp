// Pure transforms: days and buckets, documents → DataSeries / categories, bucketing, JSON text.
#include <cppunit/extensions/HelperMacros.h>

#include "Bucketing.h"
#include "DashboardFixtures.h"
#include "DayMath.h"
#include "SeriesTransform.h"

using namespace statshost::dashboard;
using namespace statshost::test;

namespace {

std::string seriesPoints(const DataSeries& s) {
    std::string out;
    for (const auto& p : s.data) out += p.date + "=" + jsonNumber(p.value) + ";";
    return out;
}

const MetricSeries& metricOf(const Category& c, const std::string& sub, const std::string& metric) {
    const SubcountSeries* s = c.subcount(sub);
    CPPUNIT_ASSERT_MESSAGE(sub, s);
    const MetricSeries* m = s->metric(metric);
    CPPUNIT_ASSERT_MESSAGE(sub + "." + metric, m);
    return *m;
}

std::string keysOf(const Category& c) {
    std::string out;
    for (const auto& s : c.subcounts) out += s.key + ",";
    return out;
}

}  // namespace

class TransformTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(TransformTest);
    CPPUNIT_TEST(daysRoundTripAndReject);
    CPPUNIT_TEST(bucketStarts);
    CPPUNIT_TEST(recordDeltaCategory);
    CPPUNIT_TEST(recordSnapshotCategory);
    CPPUNIT_TEST(usageDeltaCategory);
    CPPUNIT_TEST(usageSnapshotTopAndAll);
    CPPUNIT_TEST(emptyCategoryShape);
    CPPUNIT_TEST(bucketingSumsDeltasKeepsLastSnapshot);
    CPPUNIT_TEST(filterKeepsOneSeries);
    CPPUNIT_TEST(jsonText);
    CPPUNIT_TEST_SUITE_END();

public:
    void daysRoundTripAndReject() {
        CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, *parseDay("1970-01-01"));
        CPPUNIT_ASSERT_EQUAL(std::string("2024-02-29"), formatDay(*parseDay("2024-02-29")));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-03-01"), formatDay(*parseDay("2025-02-28") + 1));
        for (const char* bad : {"2025-02-29", "2025-13-01", "2025-1-01", "20250101", "2025-01-01T00", "", "abcd-ef-gh"})
            CPPUNIT_ASSERT_MESSAGE(bad, !parseDay(bad));
        CPPUNIT_ASSERT(!parseGranularity("weekly"));
        CPPUNIT_ASSERT(parseGranularity("quarter") == Granularity::Quarter);
    }

    void bucketStarts() {
        auto start = [](const char* day, Granularity g) { return formatDay(bucketStart(*parseDay(day), g)); };
        // 2025-01-01 is a Wednesday: its ISO week starts on Monday 2024-12-30.
        CPPUNIT_ASSERT_EQUAL(std::string("2024-12-30"), start("2025-01-01", Granularity::Week));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06"), start("2025-01-12", Granularity::Week));  // Sunday
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-13"), start("2025-01-13", Granularity::Week));  // Monday
        CPPUNIT_ASSERT_EQUAL(std::string("2025-02-01"), start("2025-02-28", Granularity::Month));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-07-01"), start("2025-09-30", Granularity::Quarter));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-10-01"), start("2025-10-01", Granularity::Quarter));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-01"), start("2025-12-31", Granularity::Year));
        CPPUNIT_ASSERT_EQUAL(std::string("1969-12-29"), start("1970-01-01", Granularity::Week));
    }

    void recordDeltaCategory() {
        const auto layout = subcountLayout(Family::RecordDelta, fixtureSettings());
        Category c = buildCategory(Family::RecordDelta, parsed(recordDeltaDocs("c1")), layout);
        CPPUNIT_ASSERT_EQUAL(std::string("global,resourceTypes,filePresence,"), keysOf(c));
        const auto& records = metricOf(c, "global", "records");
        CPPUNIT_ASSERT_EQUAL(std::size_t{1}, records.size());
        CPPUNIT_ASSERT_EQUAL(std::string("global"), records[0].id);
        CPPUNIT_ASSERT_EQUAL(std::string("\"Global\""), records[0].nameJson);
        CPPUNIT_ASSERT_EQUAL(std::string("bar"), records[0].type);
        CPPUNIT_ASSERT_EQUAL(std::string("number"), records[0].valueType);
        // Net: 1+2-0 = 3 on the 6th; 0+1-(1+0) = 0 on the 7th.
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=3;2025-01-07=0;"), seriesPoints(records[0]));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=2;2025-01-07=1;"), seriesPoints(metricOf(c, "global", "parents")[0]));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=2;2025-01-07=1;"), seriesPoints(metricOf(c, "global", "uploaders")[0]));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=3;2025-01-07=1;"), seriesPoints(metricOf(c, "global", "fileCount")[0]));
        const auto& volume = metricOf(c, "global", "dataVolume")[0];
        CPPUNIT_ASSERT_EQUAL(std::string("filesize"), volume.valueType);
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=3072;2025-01-07=1000;"), seriesPoints(volume));

        const auto& types = metricOf(c, "resourceTypes", "records");
        CPPUNIT_ASSERT_EQUAL(std::size_t{2}, types.size());
        CPPUNIT_ASSERT_EQUAL(std::string("dataset"), types[0].id);
        CPPUNIT_ASSERT_EQUAL(std::string("line"), types[0].type);
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=2;2025-01-07=1;"), seriesPoints(types[0]));
        CPPUNIT_ASSERT_EQUAL(std::string("image"), types[1].id);
        CPPUNIT_ASSERT_EQUAL(std::string("{\"en\":\"Image\"}"), types[1].nameJson);
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=1;"), seriesPoints(types[1]));  // sparse
        CPPUNIT_ASSERT(!c.subcount("resourceTypes")->metric("uploaders"));

        const auto& presence = metricOf(c, "filePresence", "records");
        CPPUNIT_ASSERT_EQUAL(std::string("metadata_only"), presence[0].id);
        CPPUNIT_ASSERT_EQUAL(std::string("\"Metadata Only\""), presence[0].nameJson);
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=1;2025-01-07=-1;"), seriesPoints(presence[0]));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=2;2025-01-07=1;"), seriesPoints(presence[1]));
        const auto& presenceFiles = metricOf(c, "filePresence", "fileCount");
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=0;2025-01-07=0;"), seriesPoints(presenceFiles[0]));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=3;2025-01-07=1;"), seriesPoints(presenceFiles[1]));
    }

    void recordSnapshotCategory() {
        const auto layout = subcountLayout(Family::RecordSnapshot, fixtureSettings());
        CPPUNIT_ASSERT_EQUAL(std::string("all_resource_types"), layout[0].docKey);
        Category c = buildCategory(Family::RecordSnapshot, parsed(recordSnapshotDocs("c1")), layout);
        CPPUNIT_ASSERT_EQUAL(std::string("2025-03-30=2;2025-03-31=4;2025-04-01=3;"),
                             seriesPoints(metricOf(c, "global", "records")[0]));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-03-30=2;2025-03-31=4;2025-04-01=3;"),
                             seriesPoints(metricOf(c, "global", "uploaders")[0]));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-03-30=200;2025-03-31=500;2025-04-01=400;"),
                             seriesPoints(metricOf(c, "global", "dataVolume")[0]));
        const auto& item = metricOf(c, "resourceTypes", "records")[0];
        CPPUNIT_ASSERT_EQUAL(std::string("\"University of British Columbia\""), item.nameJson);
        CPPUNIT_ASSERT_EQUAL(std::string("2025-03-30=2;2025-03-31=4;2025-04-01=3;"), seriesPoints(item));
        const auto& presence = metricOf(c, "filePresence", "records");
        CPPUNIT_ASSERT_EQUAL(std::string("2025-03-30=1;2025-03-31=1;2025-04-01=0;"), seriesPoints(presence[0]));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-03-30=1;2025-03-31=3;2025-04-01=3;"), seriesPoints(presence[1]));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-03-30=0;2025-03-31=0;2025-04-01=0;"),
                             seriesPoints(metricOf(c, "filePresence", "dataVolume")[0]));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-03-30=200;2025-03-31=500;2025-04-01=400;"),
                             seriesPoints(metricOf(c, "filePresence", "dataVolume")[1]));
    }

    void usageDeltaCategory() {
        const auto layout = subcountLayout(Family::UsageDelta, fixtureSettings());
        Category c = buildCategory(Family::UsageDelta, parsed(usageDeltaDocs("c1")), layout);
        CPPUNIT_ASSERT_EQUAL(std::string("global,countries,accessRights,"), keysOf(c));
        std::string metrics;
        for (const auto& m : c.subcount("global")->metrics) metrics += m.first + ",";
        CPPUNIT_ASSERT_EQUAL(std::string("dataVolume,downloads,views,downloadVisitors,viewVisitors,downloadUniqueFiles,"
                                         "downloadUniqueParents,downloadUniqueRecords,viewUniqueParents,viewUniqueRecords,"),
                             metrics);
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=3;2025-01-08=5;"), seriesPoints(metricOf(c, "global", "views")[0]));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=2;2025-01-08=4;"), seriesPoints(metricOf(c, "global", "viewVisitors")[0]));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=2;2025-01-08=1;"), seriesPoints(metricOf(c, "global", "downloads")[0]));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=20;2025-01-08=10;"), seriesPoints(metricOf(c, "global", "dataVolume")[0]));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=2;2025-01-08=1;"),
                             seriesPoints(metricOf(c, "global", "downloadUniqueFiles")[0]));
        const auto& us = metricOf(c, "countries", "viewVisitors")[0];
        CPPUNIT_ASSERT_EQUAL(std::string("US"), us.id);
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=3;2025-01-08=5;"), seriesPoints(us));
        CPPUNIT_ASSERT(metricOf(c, "accessRights", "views").empty());
    }

    void usageSnapshotTopAndAll() {
        const auto layout = subcountLayout(Family::UsageSnapshot, fixtureSettings());
        Category c = buildCategory(Family::UsageSnapshot, parsed(usageSnapshotDocs("c1")), layout);
        CPPUNIT_ASSERT_EQUAL(std::string("global,countriesByView,countriesByDownload,accessRights,"), keysOf(c));
        const auto& byView = metricOf(c, "countriesByView", "views");
        CPPUNIT_ASSERT_EQUAL(std::size_t{2}, byView.size());
        CPPUNIT_ASSERT_EQUAL(std::string("US"), byView[0].id);
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=4;2025-01-07=4;"), seriesPoints(byView[0]));
        CPPUNIT_ASSERT_EQUAL(std::string("DE"), byView[1].id);
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-07=1;"), seriesPoints(byView[1]));
        const auto& byDownload = metricOf(c, "countriesByDownload", "downloads");
        CPPUNIT_ASSERT_EQUAL(std::string("US"), byDownload[0].id);  // seen first, in the plain list of the 6th
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=1;2025-01-07=1;"), seriesPoints(byDownload[0]));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-07=6;"), seriesPoints(byDownload[1]));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=4;"), seriesPoints(metricOf(c, "accessRights", "views")[0]));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=1;2025-01-07=7;"), seriesPoints(metricOf(c, "global", "downloads")[0]));
    }

    void emptyCategoryShape() {
        Category c = buildCategory(Family::RecordDelta, {}, subcountLayout(Family::RecordDelta, fixtureSettings()));
        const std::string expected = std::string("{\"global\":{\"records\":[],\"parents\":[],\"uploaders\":[],\"fileCount\":[],"
                                         "\"dataVolume\":[]},\"resourceTypes\":{\"records\":[],\"parents\":[],"
                                         "\"fileCount\":[],\"dataVolume\":[]},\"filePresence\":{\"records\":["
                                         "{\"id\":\"metadata_only\",\"name\":\"Metadata Only\",\"type\":\"line\","
                                         "\"valueType\":\"number\",\"data\":[]},{\"id\":\"with_files\",\"name\":"
                                         "\"With Files\",\"type\":\"line\",\"valueType\":\"number\",\"data\":[]}],");
        const std::string json = toJson(c);
        CPPUNIT_ASSERT_MESSAGE(json, json.rfind(expected, 0) == 0);
    }

    void bucketingSumsDeltasKeepsLastSnapshot() {
        const auto deltaLayout = subcountLayout(Family::UsageDelta, fixtureSettings());
        Category delta = buildCategory(Family::UsageDelta, parsed(usageDeltaDocs("c1")), deltaLayout);
        bucketCategory(delta, Granularity::Week, false);
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=8;"), seriesPoints(metricOf(delta, "global", "views")[0]));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-06=8;"), seriesPoints(metricOf(delta, "countries", "views")[0]));

        const auto snapLayout = subcountLayout(Family::RecordSnapshot, fixtureSettings());
        const auto docs = parsed(recordSnapshotDocs("c1"));
        Category week = buildCategory(Family::RecordSnapshot, docs, snapLayout);
        bucketCategory(week, Granularity::Week, true);  // 03-30 is a Sunday: weeks of 03-24 and 03-31
        CPPUNIT_ASSERT_EQUAL(std::string("2025-03-24=2;2025-03-31=3;"), seriesPoints(metricOf(week, "global", "records")[0]));
        Category month = buildCategory(Family::RecordSnapshot, docs, snapLayout);
        bucketCategory(month, Granularity::Month, true);
        CPPUNIT_ASSERT_EQUAL(std::string("2025-03-01=4;2025-04-01=3;"), seriesPoints(metricOf(month, "global", "records")[0]));
        Category quarter = buildCategory(Family::RecordSnapshot, docs, snapLayout);
        bucketCategory(quarter, Granularity::Quarter, true);
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-01=4;2025-04-01=3;"), seriesPoints(metricOf(quarter, "global", "records")[0]));
        Category year = buildCategory(Family::RecordDelta, parsed(recordDeltaDocs("c1")),
                                      subcountLayout(Family::RecordDelta, fixtureSettings()));
        bucketCategory(year, Granularity::Year, false);
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-01=3;"), seriesPoints(metricOf(year, "global", "records")[0]));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-01=0;"), seriesPoints(metricOf(year, "filePresence", "records")[0]));
    }

    void filterKeepsOneSeries() {
        const auto layout = subcountLayout(Family::UsageDelta, fixtureSettings());
        Category c = buildCategory(Family::UsageDelta, parsed(usageDeltaDocs("c1")), layout, SeriesFilter{"countries", "views"});
        CPPUNIT_ASSERT_EQUAL(std::string("countries,"), keysOf(c));
        CPPUNIT_ASSERT_EQUAL(std::size_t{1}, c.subcounts[0].metrics.size());
    }

    void jsonText() {
        DataSeries s{"a\"b", jsonQuote("Näme\n"), "line", "number", {{"2025-01-01", 3072}, {"2025-01-02", 0.5}}};
        CPPUNIT_ASSERT_EQUAL(std::string("{\"id\":\"a\\\"b\",\"name\":\"Näme\\n\",\"type\":\"line\",\"valueType\":\"number\","
                                         "\"data\":[[\"2025-01-01\",3072],[\"2025-01-02\",0.5]]}"),
                             toJson(s));
        CPPUNIT_ASSERT_EQUAL(std::string("accessRights"), camelCase("access_rights"));
        CPPUNIT_ASSERT_EQUAL(std::string("countriesByView"), camelCase("countries_by_view"));
        CPPUNIT_ASSERT_EQUAL(std::string("viewUniqueRecords"), camelCase("viewUniqueRecords"));
        CPPUNIT_ASSERT_EQUAL(std::string("-5"), jsonNumber(-5.0));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TransformTest);
