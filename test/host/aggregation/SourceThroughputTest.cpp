// HostAggregationSource at size: bulk-loaded records (2 files, 6 facet values each) and events, read back
// whole; rates are printed for the record, the assertions check completeness and a changed-since query that
// touches only the changed rows. STATSHOST_AGG_BENCH_RECORDS sets the size (default 50000).
#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <cstdlib>
#include <iostream>

#include "AggregationTestSupport.h"
#include "aggregation/HostAggregationSource.h"

using namespace statshost;
using namespace statshost::test;

namespace {

using Steady = std::chrono::steady_clock;

double secondsSince(Steady::time_point start) { return std::chrono::duration<double>(Steady::now() - start).count(); }

std::int64_t benchRecords() {
    const char* text = std::getenv("STATSHOST_AGG_BENCH_RECORDS");
    const long long value = text && *text ? std::atoll(text) : 50000;
    return value < 100 ? 100 : value;
}

std::string recordId(std::int64_t i) {
    char id[32];
    std::snprintf(id, sizeof id, "rec-%09lld", static_cast<long long>(i));
    return id;
}

/// Records 0..n-1 (change_seq 1), two files and six facet values each, and two events per record; then
/// one more transaction's worth of changes (change_seq 2) on every 1000th record.
void load(storage::Database& db, std::int64_t n) {
    db.transaction([&](storage::Connection& c) {
        std::int64_t i = 0;
        c.copyIn("repo_records",
                 {"record_id", "parent_id", "created", "created_us", "publication_date", "published_date", "is_deleted",
                  "deleted_us", "published_us", "publication_day", "files_enabled", "file_count", "data_volume",
                  "access_status", "owner", "source_json", "change_seq"},
                 [&](storage::SqlParams& row) {
                     if (i == n) return false;
                     const std::int64_t created = 1700000000000000 + i * 1000000;
                     row = {recordId(i), "p-" + recordId(i / 2), std::string("2023-11-14T22:13:20Z"), created,
                            std::string("2020"), std::string("2020-01-01"), std::int64_t{0}, nullptr, created,
                            std::string("2020-01-01"), std::int64_t{1}, std::int64_t{2}, std::int64_t{300},
                            std::string("open"), "u" + std::to_string(i % 97), std::string("{}"), std::int64_t{1}};
                     ++i;
                     return true;
                 });
        i = 0;
        int k = 0;
        c.copyIn("repo_record_files", {"record_id", "ordinal", "file_key", "file_id", "ext", "size"},
                 [&](storage::SqlParams& row) {
                     if (i == n) return false;
                     row = {recordId(i), std::int64_t{k}, k ? std::string("b.pdf") : std::string("a.csv"),
                            recordId(i) + "/" + std::to_string(k), k ? std::string("pdf") : std::string("csv"),
                            std::int64_t{100 + 100 * k}};
                     if (++k == 2) k = 0, ++i;
                     return true;
                 });
        i = 0;
        k = 0;
        static const char* const facets[] = {"access_right", "file_type", "file_type", "language", "resource_type", "subject"};
        c.copyIn("repo_record_facets", {"record_id", "facet", "value_id", "label", "ordinal"},
                 [&](storage::SqlParams& row) {
                     if (i == n) return false;
                     row = {recordId(i), std::string(facets[k]), "v" + std::to_string(k) + "-" + std::to_string(i % 13),
                            "Label " + std::to_string(k), std::int64_t{k}};
                     if (++k == 6) k = 0, ++i;
                     return true;
                 });
        i = 0;
        k = 0;
        c.copyIn("stats_community_events",
                 {"record_id", "community_id", "event_type", "event_date_us", "record_created_date",
                  "record_published_date", "is_deleted", "deleted_date_us", "timestamp_us", "updated_timestamp_us",
                  "change_seq"},
                 [&](storage::SqlParams& row) {
                     if (i == n) return false;
                     const std::int64_t date = 1700000000000000 + i * 1000000;
                     row = {recordId(i), k ? "c" + std::to_string(i % 50) : std::string("global"), std::string("added"),
                            date, std::string("2023-11-14T22:13:20Z"), std::string("2020-01-01"), std::int64_t{0},
                            nullptr, date, date, std::int64_t{1}};
                     if (++k == 2) k = 0, ++i;
                     return true;
                 });
        c.exec("UPDATE repo_change_counter SET value = 2 WHERE id = 1");
    });
    db.exec("UPDATE repo_records SET is_deleted = 1, deleted_us = created_us, change_seq = 2 WHERE created_us % 1000000000 = 0");
    db.exec("ANALYZE");
}

}  // namespace

class SourceThroughputTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SourceThroughputTest);
    CPPUNIT_TEST(readsEverythingInPages);
    CPPUNIT_TEST_SUITE_END();

public:
    void readsEverythingInPages() {
        onEachBackend([](TestBackend& b) {
            auto store = b.open();
            store->initialize();
            aggregation::ensureSourceTables(store->database());
            const std::int64_t n = benchRecords();
            auto start = Steady::now();
            load(store->database(), n);
            const double loadSeconds = secondsSince(start);
            aggregation::HostAggregationSource source(store->database(), "");

            start = Steady::now();
            std::int64_t records = 0, files = 0, facets = 0, deleted = 0;
            std::string previous;
            bool ordered = true;
            source.forEachRecord([&](const RecordFacts& r) {
                ordered = ordered && r.recordId > previous;
                previous = r.recordId;
                ++records;
                files += static_cast<std::int64_t>(r.files.size());
                facets += static_cast<std::int64_t>(r.facets.size());
                deleted += r.isDeleted;
                if (r.files.size() != 2 || r.facets.size() != 6 || r.files[0].key != "a.csv" || r.facets[5].facet != "subject")
                    CPPUNIT_FAIL("record " + r.recordId + " came back incomplete");
            });
            const double recordSeconds = secondsSince(start);
            CPPUNIT_ASSERT(ordered);
            CPPUNIT_ASSERT_EQUAL(n, records);
            CPPUNIT_ASSERT_EQUAL(2 * n, files);
            CPPUNIT_ASSERT_EQUAL(6 * n, facets);
            CPPUNIT_ASSERT_EQUAL((n + 999) / 1000, deleted);

            // The same rows by three plain ordered scans, values read but nothing built: the floor.
            start = Steady::now();
            std::int64_t raw = 0;
            for (const char* sql : {"SELECT record_id, parent_id, created_us, published_us, publication_day, files_enabled, "
                                    "owner, is_deleted, deleted_us FROM repo_records ORDER BY record_id",
                                    "SELECT record_id, file_id, file_key, ext, size FROM repo_record_files "
                                    "ORDER BY record_id, ordinal",
                                    "SELECT record_id, facet, value_id, label FROM repo_record_facets ORDER BY record_id, ordinal"})
                store->database().query(sql, {}, [&](const storage::Row& row) { raw += row.getString(0).size() + row.getString(1).size(); });
            const double rawSeconds = secondsSince(start);
            CPPUNIT_ASSERT(raw > 0);

            start = Steady::now();
            std::int64_t events = 0;
            source.forEachCommunityEvent("", [&](const CommunityEvent&) { ++events; });
            const double eventSeconds = secondsSince(start);
            CPPUNIT_ASSERT_EQUAL(2 * n, events);

            start = Steady::now();
            ChangeFeed feed = source.changesSince(1);
            const double feedSeconds = secondsSince(start);
            CPPUNIT_ASSERT_EQUAL(static_cast<std::size_t>((n + 999) / 1000), feed.recordIds.size());
            CPPUNIT_ASSERT_EQUAL(recordId(0), feed.recordIds.front());
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), feed.toSeq);

            std::cerr << "\n  [" << store->backend() << "] " << n << " records loaded in " << loadSeconds
                      << " s; forEachRecord " << recordSeconds << " s (" << static_cast<long long>(n / recordSeconds)
                      << " records/s with files and facets; raw ordered scans " << rawSeconds << " s); forEachCommunityEvent " << eventSeconds << " s ("
                      << static_cast<long long>(events / eventSeconds) << " events/s); changesSince " << feedSeconds
                      << " s\n";
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SourceThroughputTest);
