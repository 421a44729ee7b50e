// Hand-computed records documents (SEMANTICS §3–§5, §7, §9): every field family on small repositories
// written through the real services, read back densely. Every test runs on SQLite and PostgreSQL.
#include <cppunit/extensions/HelperMacros.h>

#include <Poco/JSON/Stringifier.h>

#include <sstream>

#include "AggregationHarness.h"

using namespace statshost;
using namespace statshost::test;
using aggregators::DateBasis;
using aggregators::RecordsKind;

namespace {

const std::string kDeltaAdded = "stats-community-records-delta-added";
const std::string kSnapAdded = "stats-community-records-snapshot-added";

/// Runs delta and snapshot of `basis` as of `asOf`.
std::pair<TestAggregation, TestAggregation> runBoth(AggregationHarness& h, DateBasis basis, const std::string& asOf) {
    auto delta = h.make(RecordsKind::Delta, basis);
    auto snap = h.make(RecordsKind::Snapshot, basis);
    CPPUNIT_ASSERT(h.run(delta, asOf).errors.empty());
    CPPUNIT_ASSERT(h.run(snap, asOf).errors.empty());
    return {std::move(delta), std::move(snap)};
}

std::vector<std::string> storedDays(AggregationHarness& h, const std::string& alias, const std::string& community) {
    std::vector<std::string> days;
    for (const Document& d : h.stored(alias, community)) days.push_back(d.day);
    return days;
}

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : " ") + p;
    return out;
}

}  // namespace

class RecordsFieldsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RecordsFieldsTest);
    CPPUNIT_TEST(deltaFieldsAndZeroDays);
    CPPUNIT_TEST(snapshotFieldsCarryForward);
    CPPUNIT_TEST(globalEqualsTheOnlyCommunity);
    CPPUNIT_TEST(sameDayAddAndRemovePerBasis);
    CPPUNIT_TEST(backDatedAndFuturePublicationDates);
    CPPUNIT_TEST(parentChangingClass);
    CPPUNIT_TEST(reAddAfterRemoval);
    CPPUNIT_TEST(deletionThenRestoration);
    CPPUNIT_TEST(versionsAndUploaders);
    CPPUNIT_TEST(fileTypeVolumes);
    CPPUNIT_TEST(topOrderingAndTies);
    CPPUNIT_TEST(yearBoundaries);
    CPPUNIT_TEST(labelsFromEarliestPublishedRecord);
    CPPUNIT_TEST_SUITE_END();

    /// c1: r1 (files a.pdf 100 + b.csv 50, owner 7, eng) and r2 (metadata-only, owner 8) on 2024-03-01,
    /// r3 (x.pdf 10, owner 7) on 2024-03-03.
    static void basicRepository(AggregationHarness& h) {
        h.community("c1");
        h.at("2024-03-01T10:00:00Z");
        TestRecord r1("r1", "p1");
        r1.communities = "c1";
        r1.files = {{"a.pdf", 100, ""}, {"b.csv", 50, ""}};
        r1.languages = {{"eng", "English"}};
        h.publish(r1);
        h.at("2024-03-01T12:00:00Z");
        TestRecord r2("r2", "p2");
        r2.communities = "c1";
        r2.owner = "8";
        r2.access = "metadata-only";
        h.publish(r2);
        h.at("2024-03-03T09:00:00Z");
        TestRecord r3("r3", "p3");
        r3.communities = "c1";
        r3.files = {{"x.pdf", 10, ""}};
        h.publish(r3);
    }

public:
    void deltaFieldsAndZeroDays() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            basicRepository(h);
            runBoth(h, DateBasis::Added, "2024-03-05");
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01 2024-03-03"), joined(storedDays(h, kDeltaAdded, "c1")));
            auto docs = h.dense(kDeltaAdded, "c1", "2024-03-01", "2024-03-05");
            CPPUNIT_ASSERT_EQUAL(std::size_t(5), docs.size());

            auto d1 = docs[0];
            CPPUNIT_ASSERT_EQUAL(std::string("c1"), textAt(d1, "community_id"));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01T00:00:00"), textAt(d1, "period_start"));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01T23:59:59"), textAt(d1, "period_end"));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-03T09:00:00"), textAt(d1, "timestamp"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(d1, "records.added.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(d1, "records.added.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(d1, "records.removed.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(d1, "records_added"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(d1, "records_removed"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(d1, "parents.added.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(d1, "parents.added.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(d1, "parents_added"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(d1, "parents_removed"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(d1, "files.added.file_count"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(150), intAt(d1, "files.added.data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(d1, "files.removed.data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(d1, "uploaders"));
            // Subcounts: every configured key, items ordered by records then id.
            CPPUNIT_ASSERT_EQUAL(std::size_t(12), d1->getObject("subcounts")->size());
            CPPUNIT_ASSERT_EQUAL(std::string("csv,pdf"), itemIds(d1, "by_file_type"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(50), intAt(item(d1, "by_file_type", "csv"), "files.added.data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::string("CSV"), textAt(item(d1, "by_file_type", "csv"), "label"));
            CPPUNIT_ASSERT_EQUAL(std::string("metadata-only,open"), itemIds(d1, "by_access_right"));
            auto open = item(d1, "by_access_right", "open");
            CPPUNIT_ASSERT_EQUAL(std::string("Open Access"), textAt(open, "label"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(open, "records.added.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(open, "records.added.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(open, "parents.added.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(open, "files.added.file_count"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(150), intAt(open, "files.added.data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(item(d1, "by_access_right", "metadata-only"), "records.added.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::string("English"), textAt(item(d1, "by_language", "eng"), "label"));
            auto dataset = item(d1, "by_resource_type", "dataset");
            CPPUNIT_ASSERT_EQUAL(std::string("Dataset"), textAt(dataset, "label"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(dataset, "records.added.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(dataset, "records.added.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::size_t(0), subcount(d1, "by_subject")->size());

            // Zero days: same shape, every number 0, lists empty, dates of the day.
            auto d2 = docs[1];
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-02T00:00:00"), textAt(d2, "period_start"));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-02T23:59:59"), textAt(d2, "period_end"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(d2, "records_added"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(d2, "files.added.data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(d2, "uploaders"));
            CPPUNIT_ASSERT_EQUAL(std::size_t(0), subcount(d2, "by_file_type")->size());
            CPPUNIT_ASSERT_EQUAL(std::size_t(12), d2->getObject("subcounts")->size());

            auto d3 = docs[2];
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(d3, "records.added.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(10), intAt(d3, "files.added.data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(d3, "uploaders"));
            CPPUNIT_ASSERT_EQUAL(std::string("pdf"), itemIds(d3, "by_file_type"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(docs[4], "records_added"));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-05T00:00:00"), textAt(docs[4], "period_start"));
            // Nothing after the bookmark, nothing before the first day.
            CPPUNIT_ASSERT_EQUAL(std::size_t(5), h.dense(kDeltaAdded, "c1", "2024-02-01", "2024-03-31").size());
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-05"), *h.bookmark("community-records-delta-added-agg", "c1"));
        });
    }

    void snapshotFieldsCarryForward() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            basicRepository(h);
            runBoth(h, DateBasis::Added, "2024-03-05");
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01 2024-03-03"), joined(storedDays(h, kSnapAdded, "c1")));
            auto docs = h.dense(kSnapAdded, "c1", "2024-03-01", "2024-03-05");
            CPPUNIT_ASSERT_EQUAL(std::size_t(5), docs.size());
            auto s2 = docs[1];  // carried from 03-01
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-02"), textAt(s2, "snapshot_date"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(s2, "total_records.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(s2, "total_records.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(150), intAt(s2, "total_files.data_volume"));

            auto s5 = docs[4];
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-05"), textAt(s5, "snapshot_date"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(s5, "total_records.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(s5, "total_records.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(s5, "total_parents.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(s5, "total_parents.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(3), intAt(s5, "total_files.file_count"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(160), intAt(s5, "total_files.data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(s5, "total_uploaders"));
            CPPUNIT_ASSERT_EQUAL(std::string("pdf,csv"), itemIds(s5, "all_file_types"));
            auto pdf = item(s5, "all_file_types", "pdf");
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(pdf, "records.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(pdf, "parents.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(pdf, "files.file_count"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(110), intAt(pdf, "files.data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::string("open,metadata-only"), itemIds(s5, "all_access_rights"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(160), intAt(item(s5, "all_access_rights", "open"), "files.data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::size_t(0), subcount(s5, "top_subjects")->size());
            CPPUNIT_ASSERT_EQUAL(std::size_t(12), s5->getObject("subcounts")->size());
            // total(D) = total(D-1) + added(D) - removed(D) for every count.
            auto deltas = h.dense(kDeltaAdded, "c1", "2024-03-01", "2024-03-05");
            std::int64_t records = 0, volume = 0;
            for (std::size_t i = 0; i < deltas.size(); ++i) {
                records += intAt(deltas[i], "records_added") - intAt(deltas[i], "records_removed");
                volume += intAt(deltas[i], "files.added.data_volume") - intAt(deltas[i], "files.removed.data_volume");
                CPPUNIT_ASSERT_EQUAL(records, intAt(docs[i], "total_records.metadata_only") +
                                                  intAt(docs[i], "total_records.with_files"));
                CPPUNIT_ASSERT_EQUAL(volume, intAt(docs[i], "total_files.data_volume"));
            }
        });
    }

    void globalEqualsTheOnlyCommunity() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            basicRepository(h);
            runBoth(h, DateBasis::Added, "2024-03-05");
            for (const std::string& alias : {kDeltaAdded, kSnapAdded}) {
                auto c1 = h.dense(alias, "c1", "2024-03-01", "2024-03-05");
                auto global = h.dense(alias, "global", "2024-03-01", "2024-03-05");
                CPPUNIT_ASSERT_EQUAL(c1.size(), global.size());
                for (std::size_t i = 0; i < c1.size(); ++i) {
                    CPPUNIT_ASSERT_EQUAL(std::string("global"), textAt(global[i], "community_id"));
                    c1[i]->set("community_id", "global");
                    std::ostringstream a, b;
                    Poco::JSON::Stringifier::condense(c1[i], a);
                    Poco::JSON::Stringifier::condense(global[i], b);
                    CPPUNIT_ASSERT_EQUAL(a.str(), b.str());
                }
            }
        });
    }

    /// r1 (created 2024-01-10, published 2023-05) is added to c1 at 10:00 and removed at 15:00 on
    /// 2024-03-01: nothing under added; [created, removal) and [publication, removal) otherwise.
    void sameDayAddAndRemovePerBasis() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            h.community("c1");
            h.at("2024-03-01T09:00:00Z");
            TestRecord r1("r1", "p1");
            r1.created = "2024-01-10T08:00:00Z";
            r1.publicationDate = "2023-05";
            h.publish(r1);
            h.at("2024-03-01T10:00:00Z");
            h.add("r1", "c1");
            h.at("2024-03-01T15:00:00Z");
            h.remove("r1", "c1");

            auto added = runBoth(h, DateBasis::Added, "2024-03-10");
            CPPUNIT_ASSERT(h.stored(kDeltaAdded, "c1").empty());
            CPPUNIT_ASSERT(h.stored(kSnapAdded, "c1").empty());
            CPPUNIT_ASSERT(h.dense(kDeltaAdded, "c1", "2024-01-01", "2024-03-10").empty());
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01"), joined(storedDays(h, kDeltaAdded, "global")));

            runBoth(h, DateBasis::Created, "2024-03-10");
            const std::string dc = "stats-community-records-delta-created", sc = "stats-community-records-snapshot-created";
            CPPUNIT_ASSERT_EQUAL(std::string("2024-01-10 2024-03-01"), joined(storedDays(h, dc, "c1")));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(h.day(dc, "c1", "2024-01-10"), "records_added"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(h.day(dc, "c1", "2024-03-01"), "records_removed"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(h.day(sc, "c1", "2024-02-29"), "total_records.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(h.day(sc, "c1", "2024-03-01"), "total_records.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(h.day(sc, "c1", "2024-03-10"), "total_files.data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-01-10"), joined(storedDays(h, dc, "global")));

            runBoth(h, DateBasis::Published, "2024-03-10");
            const std::string dp = "stats-community-records-delta-published";
            CPPUNIT_ASSERT_EQUAL(std::string("2023-05-01 2024-03-01"), joined(storedDays(h, dp, "c1")));
            CPPUNIT_ASSERT_EQUAL(std::string("2023-05-01"), joined(storedDays(h, dp, "global")));
        });
    }

    /// Published basis: 1850 is floored to 1900-01-01 (one stored document, no per-day ones); a
    /// publication date in the future counts from that day, once a run reaches it.
    void backDatedAndFuturePublicationDates() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            h.at("2024-03-01T10:00:00Z");
            TestRecord old("r-old", "p-old");
            old.publicationDate = "1850-06-01";
            h.publish(old);
            h.at("2024-03-02T10:00:00Z");
            TestRecord future("r-future", "p-future");
            future.publicationDate = "2024-06-15";
            h.publish(future);
            const std::string dp = "stats-community-records-delta-published";
            const std::string sp = "stats-community-records-snapshot-published";
            auto delta = h.make(RecordsKind::Delta, DateBasis::Published);
            auto snap = h.make(RecordsKind::Snapshot, DateBasis::Published);
            h.run(delta, "2024-03-10");
            h.run(snap, "2024-03-10");
            CPPUNIT_ASSERT_EQUAL(std::string("1900-01-01"), joined(storedDays(h, dp, "global")));
            CPPUNIT_ASSERT_EQUAL(std::string("1900-01-01"), joined(storedDays(h, sp, "global")));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(h.day(sp, "global", "2024-03-10"), "total_records.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(h.day(dp, "global", "2024-03-02"), "records_added"));
            // The future date arrives: the next run picks it up without any new input.
            h.at("2024-06-20T10:00:00Z");
            h.run(delta, "2024-06-20");
            h.run(snap, "2024-06-20");
            CPPUNIT_ASSERT_EQUAL(std::string("1900-01-01 2024-06-15"), joined(storedDays(h, dp, "global")));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(h.day(dp, "global", "2024-06-15"), "records_added"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(h.day(sp, "global", "2024-06-20"), "total_records.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(h.day(sp, "global", "2024-06-14"), "total_records.metadata_only"));
            // Stored in the yearly indices of 1900 and 2024 only.
            for (const auto& info : h.storage().indices())
                if (info.alias == dp) CPPUNIT_ASSERT(info.years == std::vector<int>({1900, 2024}));
        });
    }

    /// p1: v1 metadata-only (03-01), v2 with files (03-03): the parent moves from one class to the other.
    void parentChangingClass() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            h.community("c1");
            h.at("2024-03-01T10:00:00Z");
            TestRecord v1("v1", "p1");
            v1.communities = "c1";
            h.publish(v1);
            h.at("2024-03-03T10:00:00Z");
            TestRecord v2("v2", "p1");
            v2.files = {{"f.csv", 5, ""}};
            h.publish(v2);
            runBoth(h, DateBasis::Added, "2024-03-04");
            auto d = h.day(kDeltaAdded, "c1", "2024-03-03");
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(d, "records.added.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(d, "records.removed.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(d, "parents.removed.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(d, "parents.added.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(d, "parents_added"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(d, "parents_removed"));
            auto dataset = item(d, "by_resource_type", "dataset");
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(dataset, "parents.removed.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(dataset, "parents.added.with_files"));
            // csv only on v2: its parent enters the item as with_files, nothing leaves.
            auto csv = item(d, "by_file_type", "csv");
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(csv, "parents.added.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(csv, "parents.removed.metadata_only"));
            auto s = h.day(kSnapAdded, "c1", "2024-03-04");
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(s, "total_records.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(s, "total_records.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(s, "total_parents.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(s, "total_parents.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(item(s, "all_resource_types", "dataset"), "parents.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(item(s, "all_resource_types", "dataset"), "parents.metadata_only"));
        });
    }

    /// r1 (created 01-05) joins c1 on 03-01, leaves 03-03, rejoins 03-06, leaves and rejoins on 03-08.
    void reAddAfterRemoval() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            h.community("c1");
            h.at("2024-03-01T10:00:00Z");
            TestRecord r1("r1", "p1");
            r1.created = "2024-01-05T10:00:00Z";
            r1.communities = "c1";
            h.publish(r1);
            h.at("2024-03-03T10:00:00Z");
            h.remove("r1", "c1");
            h.at("2024-03-06T10:00:00Z");
            h.add("r1", "c1");
            h.at("2024-03-08T10:00:00Z");
            h.remove("r1", "c1");
            h.at("2024-03-08T11:00:00Z");
            h.add("r1", "c1");
            runBoth(h, DateBasis::Added, "2024-03-10");
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01 2024-03-03 2024-03-06"), joined(storedDays(h, kDeltaAdded, "c1")));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(h.day(kDeltaAdded, "c1", "2024-03-03"), "records_removed"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(h.day(kDeltaAdded, "c1", "2024-03-06"), "records_added"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(h.day(kDeltaAdded, "c1", "2024-03-08"), "records_added"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(h.day(kSnapAdded, "c1", "2024-03-05"), "total_records.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(h.day(kSnapAdded, "c1", "2024-03-09"), "total_records.metadata_only"));

            runBoth(h, DateBasis::Created, "2024-03-10");
            const std::string dc = "stats-community-records-delta-created";
            CPPUNIT_ASSERT_EQUAL(std::string("2024-01-05 2024-03-03 2024-03-06"), joined(storedDays(h, dc, "c1")));
        });
    }

    /// r1 (a.pdf 10) and r2 (metadata-only) join c1 on 03-01; r1 is deleted on 03-05 and restored on
    /// 03-08: after the restoration the deletion never happened.
    void deletionThenRestoration() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            h.community("c1");
            h.at("2024-03-01T10:00:00Z");
            TestRecord r1("r1", "p1");
            r1.communities = "c1";
            r1.files = {{"a.pdf", 10, ""}};
            h.publish(r1);
            TestRecord r2("r2", "p2");
            r2.communities = "c1";
            h.publish(r2);
            auto delta = h.make(RecordsKind::Delta, DateBasis::Added);
            auto snap = h.make(RecordsKind::Snapshot, DateBasis::Added);
            h.run(delta, "2024-03-04");
            h.run(snap, "2024-03-04");
            h.at("2024-03-05T10:00:00Z");
            h.deleteRecord("r1");
            h.run(delta, "2024-03-07");
            h.run(snap, "2024-03-07");
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01 2024-03-05"), joined(storedDays(h, kDeltaAdded, "c1")));
            auto d5 = h.day(kDeltaAdded, "c1", "2024-03-05");
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(d5, "records.removed.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(d5, "parents.removed.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(d5, "files.removed.file_count"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(10), intAt(d5, "files.removed.data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(d5, "uploaders"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(item(d5, "by_file_type", "pdf"), "records.removed.with_files"));
            auto s6 = h.day(kSnapAdded, "c1", "2024-03-06");
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(s6, "total_records.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(s6, "total_records.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(s6, "total_files.data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::string(""), itemIds(s6, "all_file_types"));  // fell to zero: dropped
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(s6, "total_uploaders"));

            h.at("2024-03-08T10:00:00Z");
            h.restoreRecord("r1");
            h.run(delta, "2024-03-10");
            h.run(snap, "2024-03-10");
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01"), joined(storedDays(h, kDeltaAdded, "c1")));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01"), joined(storedDays(h, kSnapAdded, "c1")));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(h.day(kDeltaAdded, "c1", "2024-03-05"), "records_removed"));
            auto s10 = h.day(kSnapAdded, "c1", "2024-03-10");
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(s10, "total_records.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(10), intAt(s10, "total_files.data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::string("pdf"), itemIds(s10, "all_file_types"));
        });
    }

    /// Two versions of p1 (owner 7) and p2 (owner 8): records count versions, parents concepts,
    /// uploaders distinct owners (strings).
    void versionsAndUploaders() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            h.community("c1");
            h.at("2024-03-01T10:00:00Z");
            TestRecord a1("a1", "p1");
            a1.communities = "c1";
            a1.files = {{"a.txt", 3, ""}};
            h.publish(a1);
            TestRecord b1("b1", "p2");
            b1.communities = "c1";
            b1.owner = "8";
            h.publish(b1);
            h.at("2024-03-02T10:00:00Z");
            TestRecord a2("a2", "p1");
            a2.files = {{"a.txt", 4, ""}};
            h.publish(a2);
            runBoth(h, DateBasis::Added, "2024-03-02");
            auto s = h.day(kSnapAdded, "c1", "2024-03-02");
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(s, "total_records.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(s, "total_records.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(s, "total_parents.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(s, "total_parents.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(7), intAt(s, "total_files.data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(s, "total_uploaders"));
            auto d = h.day(kDeltaAdded, "c1", "2024-03-02");
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(d, "records_added"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(d, "parents_added"));  // p1 was already there
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(d, "uploaders"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(h.day(kDeltaAdded, "c1", "2024-03-01"), "uploaders"));
        });
    }

    /// Files of one type only count in that type's item; a file without a type in none.
    void fileTypeVolumes() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            h.at("2024-03-01T10:00:00Z");
            TestRecord r("r1", "p1");
            r.files = {{"a.pdf", 100, ""}, {"B.PDF", 20, ""}, {"c.data", 5, "CSV"}, {"noext", 1, ""}};
            h.publish(r);
            runBoth(h, DateBasis::Added, "2024-03-01");
            auto d = h.day(kDeltaAdded, "global", "2024-03-01");
            CPPUNIT_ASSERT_EQUAL(std::int64_t(4), intAt(d, "files.added.file_count"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(126), intAt(d, "files.added.data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::string("csv,pdf"), itemIds(d, "by_file_type"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(item(d, "by_file_type", "pdf"), "files.added.file_count"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(120), intAt(item(d, "by_file_type", "pdf"), "files.added.data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::string("PDF"), textAt(item(d, "by_file_type", "pdf"), "label"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(5), intAt(item(d, "by_file_type", "csv"), "files.added.data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(126), intAt(item(d, "by_access_right", "open"), "files.added.data_volume"));
            auto s = h.day(kSnapAdded, "global", "2024-03-01");
            CPPUNIT_ASSERT_EQUAL(std::int64_t(120), intAt(item(s, "all_file_types", "pdf"), "files.data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(item(s, "all_file_types", "pdf"), "records.with_files"));
        });
    }

    /// Top lists: records descending, ties by id in code-point order, cut at the top limit.
    void topOrderingAndTies() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            h.settings().topLimit = 2;
            h.at("2024-03-01T10:00:00Z");
            auto rec = [&](const std::string& id, std::vector<std::pair<std::string, std::string>> subjects) {
                TestRecord r(id, "p-" + id);
                r.subjects = std::move(subjects);
                h.publish(r);
            };
            rec("r1", {{"s-b", "B"}, {"s-a", "A"}, {"", "beta"}});
            rec("r2", {{"s-b", "B"}, {"s-a", "A"}, {"s-d", "D"}, {"", "Alpha"}});
            rec("r3", {{"s-d", "D"}, {"s-c", "C"}});
            rec("r4", {{"s-a", "A"}});
            runBoth(h, DateBasis::Added, "2024-03-01");
            auto d = h.day(kDeltaAdded, "global", "2024-03-01");
            CPPUNIT_ASSERT_EQUAL(std::string("s-a,s-b,s-d,s-c"), itemIds(d, "by_subject"));  // no limit in deltas
            CPPUNIT_ASSERT_EQUAL(std::string("Alpha,beta"), itemIds(d, "by_keyword"));       // 'A' < 'b'
            auto s = h.day(kSnapAdded, "global", "2024-03-01");
            CPPUNIT_ASSERT_EQUAL(std::string("s-a,s-b"), itemIds(s, "top_subjects"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(3), intAt(item(s, "top_subjects", "s-a"), "records.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::string("A"), textAt(item(s, "top_subjects", "s-a"), "label"));
            CPPUNIT_ASSERT_EQUAL(std::string("Alpha,beta"), itemIds(s, "top_keywords"));
            // "all" lists are not cut.
            CPPUNIT_ASSERT_EQUAL(std::string("dataset"), itemIds(s, "all_resource_types"));
        });
    }

    /// Documents on both sides of a year end land in two yearly indices and read as one series.
    void yearBoundaries() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            h.at("2023-12-31T23:00:00Z");
            h.publish(TestRecord("r1", "p1"));
            h.at("2024-01-01T01:00:00Z");
            h.publish(TestRecord("r2", "p2"));
            runBoth(h, DateBasis::Added, "2024-01-02");
            CPPUNIT_ASSERT_EQUAL(std::string("2023-12-31 2024-01-01"), joined(storedDays(h, kDeltaAdded, "global")));
            auto docs = h.dense(kSnapAdded, "global", "2023-12-30", "2024-01-02");
            CPPUNIT_ASSERT_EQUAL(std::size_t(3), docs.size());
            CPPUNIT_ASSERT_EQUAL(std::string("2023-12-31"), textAt(docs[0], "snapshot_date"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(docs[0], "total_records.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(docs[2], "total_records.metadata_only"));
            for (const auto& info : h.storage().indices())
                if (info.alias == kDeltaAdded || info.alias == kSnapAdded)
                    CPPUNIT_ASSERT(info.years == std::vector<int>({2023, 2024}));
        });
    }

    /// The label of an id comes from the earliest published record that has a real one (§10.9).
    void labelsFromEarliestPublishedRecord() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            h.at("2024-03-01T10:00:00Z");
            TestRecord r1("r1", "p1");
            r1.languages = {{"eng", ""}};
            r1.creatorAffiliations = {{"", "Free Text U"}, {"01abc", "Org One"}};
            h.publish(r1);
            h.at("2024-03-02T10:00:00Z");
            TestRecord r2("r2", "p2");
            r2.languages = {{"eng", "English"}};
            r2.creatorAffiliations = {{"01abc", "Org One (renamed)"}};
            h.publish(r2);
            runBoth(h, DateBasis::Added, "2024-03-02");
            auto d1 = h.day(kDeltaAdded, "global", "2024-03-01");
            CPPUNIT_ASSERT_EQUAL(std::string("English"), textAt(item(d1, "by_language", "eng"), "label"));
            CPPUNIT_ASSERT_EQUAL(std::string("Org One"), textAt(item(d1, "by_affiliation_creator", "01abc"), "label"));
            CPPUNIT_ASSERT_EQUAL(std::string("Free Text U"),
                                 textAt(item(d1, "by_affiliation_creator", "Free Text U"), "label"));
            CPPUNIT_ASSERT_EQUAL(std::string("01abc,Free Text U"), itemIds(d1, "by_affiliation_creator"));
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RecordsFieldsTest);
