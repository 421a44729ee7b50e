// Contract: throughput of the events log, printed for the record (asserts only correctness and a sane floor).
// STATSHOST_REPO_BENCH_EVENTS sets the size of the table latest() is measured on (default 100000).
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>

#include "RepositoryContract.h"

namespace statshost::test {

using repository::RepositoryTx;

namespace {

using Steady = std::chrono::steady_clock;

double secondsSince(Steady::time_point start) {
    return std::chrono::duration<double>(Steady::now() - start).count();
}

std::int64_t benchEvents() {
    const char* text = std::getenv("STATSHOST_REPO_BENCH_EVENTS");
    long long value = text && *text ? std::atoll(text) : 100000;
    return value < 1000 ? 1000 : value;
}

/// Events per record in the bulk-loaded table; see loadEvents.
constexpr int kPerRecord = 5;

std::string benchRecord(std::int64_t i) { return "bench-" + std::to_string(i); }
std::string firstCommunity(std::int64_t i) { return "c" + std::to_string(i % 50); }
std::string secondCommunity(std::int64_t i) { return "c" + std::to_string((i + 7) % 50); }

/// Record i gets: global added, A added, A removed a day later, B added, A added again on that same later day
/// (inserted after the removal, so it is the latest for A).
std::uint64_t loadEvents(storage::Database& db, std::int64_t records) {
    std::uint64_t written = 0;
    db.transaction([&](storage::Connection& c) {
        std::int64_t i = 0;
        int k = 0;
        written = c.copyIn("stats_community_events",
                           {"record_id", "community_id", "event_type", "event_date_us", "record_created_date",
                            "record_published_date", "is_deleted", "deleted_date_us", "timestamp_us",
                            "updated_timestamp_us", "change_seq"},
                           [&](storage::SqlParams& row) {
                               if (i == records) return false;
                               std::int64_t date = dayMicros(static_cast<int>(i % 3000));
                               static const char* const types[] = {"added", "added", "removed", "added", "added"};
                               std::string community = k == 0 ? "global" : k == 3 ? secondCommunity(i) : firstCommunity(i);
                               if (k >= 2 && k != 3) date += 86400000000;
                               row = {benchRecord(i), community, std::string(types[k]), date,
                                      std::string("2024-01-01T00:00:00Z"), std::string("2024-01-01"), std::int64_t{0},
                                      nullptr, date, date, std::int64_t{1}};
                               if (++k == kPerRecord) {
                                   k = 0;
                                   ++i;
                               }
                               return true;
                           });
    });
    return written;
}

}  // namespace

void RepositoryContract::testThroughput() {
    if (!ready()) return;
    const std::string name = "[repository " + _store->backend() + "] ";

    // appends, one transaction
    const int inOne = 20000;
    auto start = Steady::now();
    tx([&](RepositoryTx& r) {
        for (int i = 0; i < inOne; ++i)
            r.append(makeEvent("one-" + std::to_string(i / 4), i % 4 ? "c" + std::to_string(i % 4) : "global", "added",
                               dayMicros(i % 365)));
    });
    const double oneTx = inOne / secondsSince(start);

    // appends, one transaction each
    const int separate = sqlite() ? 5000 : 2000;
    start = Steady::now();
    for (int i = 0; i < separate; ++i)
        tx([&](RepositoryTx& r) { r.append(makeEvent("sep-" + std::to_string(i), "global", "added", dayMicros(1))); });
    const double perTx = separate / secondsSince(start);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{inOne + separate}, scalar(db(), "SELECT count(*) FROM stats_community_events"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1 + separate}, counter());

    // latest() on a large table
    const std::int64_t records = benchEvents() / kPerRecord;
    start = Steady::now();
    CPPUNIT_ASSERT_EQUAL(std::uint64_t(records * kPerRecord), loadEvents(db(), records));
    const double loadSeconds = secondsSince(start);
    const std::int64_t total = scalar(db(), "SELECT count(*) FROM stats_community_events");

    const int lookups = 20000;
    std::mt19937_64 random(42);
    int found = 0;
    start = Steady::now();
    tx([&](RepositoryTx& r) {
        for (int n = 0; n < lookups; ++n) {
            std::int64_t i = static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(records));
            switch (n % 3) {
            case 0: {
                auto e = r.latest(benchRecord(i), firstCommunity(i));
                CPPUNIT_ASSERT(e && e->eventType == "added" && e->eventDateMicros == dayMicros(i % 3000) + 86400000000);
                ++found;
                break;
            }
            case 1: {
                auto e = r.latest(benchRecord(i), "global");
                CPPUNIT_ASSERT(e && e->eventType == "added" && e->eventDateMicros == dayMicros(i % 3000));
                ++found;
                break;
            }
            default:
                CPPUNIT_ASSERT(!r.latest(benchRecord(i), "c-none"));  // misses cost an index probe too
            }
        }
    });
    const double lookupRate = lookups / secondsSince(start);
    CPPUNIT_ASSERT(found > lookups / 2);

    // appends, one transaction, into the large table
    start = Steady::now();
    tx([&](RepositoryTx& r) {
        for (int i = 0; i < inOne; ++i)
            r.append(makeEvent(benchRecord(i % records), "global", i % 2 ? "removed" : "added", dayMicros(4000)));
    });
    const double oneTxLarge = inOne / secondsSince(start);
    tx([&](RepositoryTx& r) {
        CPPUNIT_ASSERT_EQUAL(std::string(inOne % 2 ? "added" : "removed"),
                             r.latest(benchRecord((inOne - 1) % records), "global")->eventType);
    });

    std::cout << "\n" << name << "append in one transaction: " << static_cast<long long>(oneTx) << " events/s ("
              << inOne << ")\n"
              << name << "append, one transaction each: " << static_cast<long long>(perTx) << " events/s (" << separate
              << ")\n"
              << name << "bulk load (copyIn) of " << records * kPerRecord << " events: " << loadSeconds << " s\n"
              << name << "latest() with " << total << " events in the table: " << static_cast<long long>(lookupRate)
              << " lookups/s (" << lookups << ")\n"
              << name << "append in one transaction into that table: " << static_cast<long long>(oneTxLarge)
              << " events/s (" << inOne << ")" << std::endl;
    CPPUNIT_ASSERT(lookupRate > 500);  // an index probe, not a scan
}

}  // namespace statshost::test
