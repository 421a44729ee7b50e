// Contract: the fixture, schema creation, input validation, rollback and query plans.
#include <condition_variable>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "UsageStoreContract.h"
#include "statshost/Errors.h"
#include "usage/store/UsageSql.h"

namespace statshost::test {

using usage::DoubleClickMode;
using usage::UsageStore;

namespace {

const char* const kTables = "('usage_events', 'usage_changes', 'usage_counters', 'usage_state')";

std::int64_t tableCount(storage::Database& db) {
    if (db.dialect() == storage::Dialect::SQLite)
        return scalar(db,
                      std::string("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ") + kTables);
    return scalar(
        db,
        std::string("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename IN ") + kTables);
}


bool hasStreamIndex(storage::Database& db) {
    return scalar(db, db.dialect() == storage::Dialect::SQLite
                          ? "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'usage_events_stream'"
                          : "SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND "
                            "indexname = 'usage_events_stream'") == 1;
}

}  // namespace

void UsageStoreContract::setUp() {
    _backend = makeBackend();
    if (!_backend->available()) return;
    _store = _backend->open();
    UsageStore::createSchema(_store->database());
}

void UsageStoreContract::tearDown() {
    _store.reset();
    _backend.reset();
}

usage::IngestCounters UsageStoreContract::store(const std::vector<UsageEvent>& events, DoubleClickMode mode,
                                                std::int64_t changeSeq) {
    _changeSeq = changeSeq > 0 ? changeSeq : _changeSeq + 1;
    usage::IngestCounters counters;
    db().transaction([&](storage::Connection& c) { counters = UsageStore(mode).store(c, events, _changeSeq); });
    CPPUNIT_ASSERT_EQUAL(static_cast<std::uint64_t>(events.size()), counters.stored + counters.suppressed);
    return counters;
}

void UsageStoreContract::storeInBatches(const std::vector<UsageEvent>& events, std::size_t batchSize,
                                        DoubleClickMode mode) {
    for (std::size_t begin = 0; begin < events.size(); begin += batchSize) {
        std::size_t end = std::min(events.size(), begin + batchSize);
        store(std::vector<UsageEvent>(events.begin() + static_cast<std::ptrdiff_t>(begin),
                                      events.begin() + static_cast<std::ptrdiff_t>(end)),
              mode);
    }
}

void UsageStoreContract::reset() {
    UsageStore::dropSchema(db());
    UsageStore::createSchema(db());
}

void UsageStoreContract::checkCountersMatchRows(const std::vector<UsageEvent>& offered) {
    struct Expect {
        std::int64_t offered = 0, rows = 0, noCountry = 0;
    };
    std::map<std::pair<std::string, int>, Expect> expected;
    for (const UsageEvent& e : offered) expected[{usage::sql::monthOfDay(e.day), static_cast<int>(e.type)}].offered++;
    for (const UsageEvent& e : storedEvents(db())) {
        Expect& x = expected[{usage::sql::monthOfDay(e.day), static_cast<int>(e.type)}];
        x.rows++;
        x.noCountry += e.country.empty() ? 1 : 0;
    }
    std::map<std::pair<std::string, int>, usage::MonthCounters> actual;
    for (const usage::MonthCounters& m : UsageStore::status(db())) actual[{m.month, static_cast<int>(m.type)}] = m;
    for (const auto& [key, x] : expected) {
        const std::string where = key.first + (key.second == 0 ? " view" : " download");
        CPPUNIT_ASSERT_MESSAGE(where, actual.count(key) == 1);
        const usage::MonthCounters& m = actual[key];
        CPPUNIT_ASSERT_EQUAL_MESSAGE(where, x.rows, m.stored);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(where, x.noCountry, m.noCountry);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(where, x.offered, m.stored + m.doubleClicks);
    }
}

void UsageStoreContract::testSchemaIdempotent() {
    if (!ready()) return;
    CPPUNIT_ASSERT_EQUAL(std::int64_t{4}, tableCount(db()));
    store({view("a", "v1", at(0, 10, 0, 0))});
    UsageStore::createSchema(db());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{4}, tableCount(db()));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, rowCount(db(), "usage_events"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, rowCount(db(), "usage_state"));
    // Only counter30s needs (and builds, on its first store) the stream index; fixed10s never pays for it.
    CPPUNIT_ASSERT(!hasStreamIndex(db()));
    store({view("a", "v1", at(0, 10, 0, 5))}, DoubleClickMode::Counter30s);
    CPPUNIT_ASSERT(hasStreamIndex(db()));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, rowCount(db(), "usage_events"));
    UsageStore::dropSchema(db());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, tableCount(db()));
}

void UsageStoreContract::testSchemaRace() {
    if (!ready()) return;
    UsageStore::dropSchema(db());
    const int racers = 4;
    auto errors = raceOnSeparateStores(*_backend, racers, [](int i, storage::Storage& store) {
        UsageStore::createSchema(store.database());
        // The first events of a year race for its partition too.
        store.database().transaction([&](storage::Connection& c) {
            UsageStore().store(c, {view("r" + std::to_string(i), "v", at(400, 12, 0, i))}, 1);
        });
    });
    for (const std::string& error : errors) CPPUNIT_ASSERT_EQUAL(std::string(), error);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{4}, tableCount(db()));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{racers}, rowCount(db(), "usage_events"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{racers + 1}, scalar(db(), "SELECT next_seq FROM usage_state"));
}

void UsageStoreContract::testInvalidInput() {
    if (!ready()) return;
    UsageEvent wrongDay = view("a", "v", at(0, 10, 0, 0));
    wrongDay.day += 1;
    UsageEvent ok = view("b", "v", at(0, 10, 0, 0));
    for (const auto& batch : {std::vector<UsageEvent>{ok, wrongDay},
                              std::vector<UsageEvent>{view("c", "v", -400LL * 365 * 86400 * 1000000 * 10)}}) {
        bool thrown = false;
        try {
            store(batch);
        } catch (const std::invalid_argument&) {
            thrown = true;
        }
        CPPUNIT_ASSERT(thrown);
    }
    bool thrown = false;
    try {
        db().transaction([&](storage::Connection& c) { UsageStore().store(c, {ok}, 0); });
    } catch (const std::invalid_argument&) {
        thrown = true;
    }
    CPPUNIT_ASSERT(thrown);
    for (const char* month : {"2024-13", "2024-1", "24-01-01", "", "2024/01"}) {
        thrown = false;
        try {
            db().withConnection([&](storage::Connection& c) {
                UsageStore::countDropped(c, month, EventType::View, usage::DropReason::Robot, 1);
            });
        } catch (const std::invalid_argument&) {
            thrown = true;
        }
        CPPUNIT_ASSERT_MESSAGE(month, thrown);
    }
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, rowCount(db(), "usage_events"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, rowCount(db(), "usage_counters"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, rowCount(db(), "usage_changes"));
    CPPUNIT_ASSERT(usage::parseMode("counter30s") == DoubleClickMode::Counter30s);
    CPPUNIT_ASSERT(usage::parseMode("fixed10s") == DoubleClickMode::Fixed10s);
    CPPUNIT_ASSERT_THROW(usage::parseMode("sliding"), ConfigError);
}

void UsageStoreContract::testRollbackLeavesNothing() {
    if (!ready()) return;
    store({view("a", "v", at(0, 10, 0, 0))});
    for (DoubleClickMode mode : {DoubleClickMode::Fixed10s, DoubleClickMode::Counter30s}) {
        bool thrown = false;
        try {
            db().transaction([&](storage::Connection& c) {
                UsageStore(mode).store(c, {view("a", "v", at(0, 10, 0, 5)), view("b", "v", at(500, 1, 0, 0))}, 99);
                throw std::runtime_error("caller failed");
            });
        } catch (const std::runtime_error&) {
            thrown = true;
        }
        CPPUNIT_ASSERT(thrown);
    }
    std::vector<UsageEvent> rows = storedEvents(db());
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, rows.size());
    CPPUNIT_ASSERT_EQUAL(at(0, 10, 0, 0), rows[0].timestampMicros);
    CPPUNIT_ASSERT(UsageStore::changedDaysSince(db(), 1).days.empty());
    checkCountersMatchRows({view("a", "v", at(0, 10, 0, 0))});
    // The same events store fine afterwards (a rolled-back partition is created again).
    store({view("b", "v", at(500, 1, 0, 0))}, DoubleClickMode::Counter30s);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, rowCount(db(), "usage_events"));
}

void UsageStoreContract::testQueryPlans() {
    if (!ready()) return;
    using storage::Dialect;
    const Dialect dialect = db().dialect();
    namespace sql = usage::sql;
    // Two partitions on PostgreSQL; counter30s builds the stream index.
    store({view("a", "v", at(0, 10, 0, 0)), view("a", "v", at(400, 10, 0, 0))}, DoubleClickMode::Counter30s);
    struct Case {
        std::string name, text;
        std::vector<std::string> indexes;  ///< any of them
        storage::SqlParams params;
    };
    const std::int64_t d = kDay2024;
    std::vector<Case> cases = {
        {"scan page",
         sql::kScanPageSql,
         {"click_bucket_event_type_unique_id", "PRIMARY KEY"},
         {d, d + 500, d * 8640, (d + 501) * 8640, std::int64_t{1000}}},
        {"scan bucket",
         sql::kScanBucketSql,
         {"click_bucket_event_type_unique_id", "PRIMARY KEY"},
         {d, at(0, 10, 0, 0) / 10000000}},
        {"changed days", sql::kChangedDaysSql, {"usage_changes_pkey", "PRIMARY KEY"}, {std::int64_t{0}}},
    };
    db().transaction([&](storage::Connection& c) {
        if (dialect == Dialect::PostgreSQL) {
            sql::Params probe;
            const std::string probeSql = sql::storedInBucketsSql(
                probe, {d, d + 400}, {at(0, 10, 0, 0) / 10000000, at(400, 10, 0, 0) / 10000000});
            cases.push_back({"stored in buckets", probeSql, {"click_bucket_event_type_unique_id"}, probe.values()});
            cases.push_back({"chains",
                             sql::chainsSql(dialect, {"$1", "$2", "$3", "$4", "$5"}),
                             {"event_type_unique_id_visitor_id_ts_us"},
                             {sql::textArray({"view"}), sql::textArray({"ui_a"}), sql::textArray({"v"}),
                              sql::intArray({at(0, 9, 0, 0)}), sql::intArray({at(0, 11, 0, 0)})}});
        } else {
            c.exec(
                "CREATE TEMP TABLE IF NOT EXISTS usage_keys (tag, n, event_type, unique_id, visitor_id, lo_us, hi_us)");
            cases.push_back({"chains", sql::chainsSql(dialect, {"$1"}), {"usage_events_stream"}, {std::int64_t{1}}});
        }
        if (dialect == Dialect::PostgreSQL) {
            // Tiny tables: the planner would rightly prefer scans and sorts; switched off, they still show up
            // when no index can serve the query or deliver its order.
            c.exec("SET LOCAL enable_seqscan = off");
            c.exec("SET LOCAL enable_bitmapscan = off");
            c.exec("SET LOCAL enable_sort = off");
        }
        for (const Case& test : cases) {
            std::string plan;
            c.query((dialect == Dialect::SQLite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + test.text, test.params,
                    [&](const storage::Row& row) { plan += row.getString(row.size() - 1) + "\n"; });
            const std::string message = test.name + ":\n" + plan;
            bool indexed = false;
            for (const std::string& index : test.indexes) indexed = indexed || contains(plan, index);
            CPPUNIT_ASSERT_MESSAGE(message, indexed);
            if (dialect == Dialect::SQLite) {
                CPPUNIT_ASSERT_MESSAGE(message, !contains(plan, "TEMP B-TREE") || test.name == "changed days");
                CPPUNIT_ASSERT_MESSAGE(message, !contains(plan, "SCAN e\n") && !contains(plan, "SCAN usage_events\n"));
            } else {
                CPPUNIT_ASSERT_MESSAGE(message,
                                       !contains(plan, "Sort  (") || test.name == "changed days");  // a Sort node
                CPPUNIT_ASSERT_MESSAGE(message, !contains(plan, "Seq Scan on usage_events"));
            }
        }
    });
}

}  // namespace statshost::test
