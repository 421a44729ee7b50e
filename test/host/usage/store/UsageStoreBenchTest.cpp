// The ingest benchmark behind scripts/bench/ingest, as a hidden mode of this suite.
//
// Without STATSHOST_BENCH_BACKEND, UsageStoreBench::testIngest is a smoke test: 3000 generated events on
// SQLite through both phases and both modes, checked for correctness only. With it, it measures:
//   STATSHOST_BENCH_BACKEND  sqlite | postgresql (the latter in a fresh schema of STATSHOST_TEST_PG)
//   STATSHOST_BENCH_EVENTS   number of generated events (default 200000; UsageBenchData.h)
//   STATSHOST_BENCH_BATCH    events per store() call / raw batch, one transaction each (default 1000)
//   STATSHOST_BENCH_PHASES   comma list of: raw, store (default "raw,store")
//   STATSHOST_BENCH_MODE     fixed10s | counter30s (the store phase; default fixed10s)
// and prints one line per phase on stdout:
//   BENCH backend=sqlite phase=store mode=fixed10s events=200000 batch=1000 seconds=1.234 rate=162074 rows=190321
// Phases, each in its own fresh database, run batch by batch interleaved (so load from other processes hits
// them alike), each batch one transaction, only the writes timed:
//   store — UsageStore::store;
//   raw   — the same rows (same columns) appended to a plain table without keys or indexes:
//           SQLite one prepared INSERT reused for every row; PostgreSQL COPY FROM STDIN.
// Each phase also asserts its row count (store: equal to the reference survivors).
#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "UsageBenchData.h"
#include "UsageTestSupport.h"
#include "storage/Storage.h"
#include "support/TestBackends.h"
#include "usage/store/UsageSchema.h"
#include "usage/store/UsageSql.h"
#include "usage/store/UsageStore.h"

namespace statshost::test {

namespace {

using usage::DoubleClickMode;
using usage::UsageStore;

struct BenchConfig {
    std::string backend;  ///< "sqlite" | "postgresql"
    std::size_t events = 200000;
    std::size_t batch = 1000;
    std::vector<std::string> phases{"raw", "store"};
    DoubleClickMode mode = DoubleClickMode::Fixed10s;
    bool print = true;
};

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

std::size_t envSize(const char* name, std::size_t fallback) {
    const std::string text = env(name);
    if (text.empty()) return fallback;
    const long long value = std::atoll(text.c_str());
    if (value <= 0) throw std::invalid_argument(std::string(name) + " must be a positive number");
    return static_cast<std::size_t>(value);
}

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> items;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty()) items.push_back(item);
    return items;
}

std::unique_ptr<TestBackend> makeBackend(const std::string& name) {
    if (name == "sqlite") return std::make_unique<SqliteBackend>();
    if (name == "postgresql") {
        auto backend = std::make_unique<PostgresBackend>();
        if (!backend->available()) CPPUNIT_FAIL("STATSHOST_BENCH_BACKEND=postgresql needs STATSHOST_TEST_PG");
        return backend;
    }
    CPPUNIT_FAIL("STATSHOST_BENCH_BACKEND must be sqlite or postgresql, not '" + name + "'");
    return nullptr;
}

using Steady = std::chrono::steady_clock;

/// One measured way of writing the events, in its own fresh database.
class Phase {
public:
    explicit Phase(const BenchConfig& config) : _config(config), _backend(makeBackend(config.backend)) {
        _store = _backend->open();
    }
    virtual ~Phase() = default;
    virtual std::string name() const = 0;
    /// Writes one batch in one transaction; `number` counts from 1.
    virtual void write(const std::vector<UsageEvent>& batch, std::int64_t number) = 0;
    /// Checks the result after all batches; returns the row count.
    virtual std::int64_t finish(const std::vector<UsageEvent>& events) = 0;

    void timed(const std::vector<UsageEvent>& batch, std::int64_t number) {
        const Steady::time_point start = Steady::now();
        write(batch, number);
        seconds += std::chrono::duration<double>(Steady::now() - start).count();
    }
    double seconds = 0;

protected:
    storage::Database& db() { return _store->database(); }
    const BenchConfig& _config;

private:
    std::unique_ptr<TestBackend> _backend;
    std::unique_ptr<storage::Storage> _store;
};

/// (a) UsageStore::store per batch.
class StorePhase : public Phase {
public:
    explicit StorePhase(const BenchConfig& config) : Phase(config), _usage(config.mode) {
        UsageStore::createSchema(db());
    }
    std::string name() const override { return "store"; }
    void write(const std::vector<UsageEvent>& batch, std::int64_t number) override {
        db().transaction([&](storage::Connection& c) {
            usage::IngestCounters counters = _usage.store(c, batch, number);
            _stored += counters.stored;
            _replaced += counters.replaced;
            _suppressed += counters.suppressed;
        });
    }
    std::int64_t finish(const std::vector<UsageEvent>& events) override {
        const std::int64_t rows = rowCount(db(), "usage_events");
        CPPUNIT_ASSERT_EQUAL(static_cast<std::uint64_t>(events.size()), _stored + _suppressed);
        CPPUNIT_ASSERT_EQUAL(static_cast<std::int64_t>(_stored - _replaced), rows);
        CPPUNIT_ASSERT_EQUAL(static_cast<std::int64_t>(referenceSurvivors(events, _config.mode).size()), rows);
        return rows;
    }

private:
    const UsageStore _usage;
    std::uint64_t _stored = 0, _replaced = 0, _suppressed = 0;
};

/// (b) The same rows appended to a plain table with the same columns, no keys, no indexes, no dedupe.
class RawPhase : public Phase {
public:
    explicit RawPhase(const BenchConfig& config) : Phase(config) {
        db().exec("CREATE TABLE bench_raw_events (" + usage::schema::eventColumnsDdl(db().dialect()) + ")");
        _insert = "INSERT INTO bench_raw_events (" + usage::sql::columnList() + ") VALUES (";
        for (std::size_t i = 1; i <= usage::sql::writeColumns().size(); ++i)
            _insert += (i > 1 ? ", $" : "$") + std::to_string(i);
        _insert += ")";
    }
    std::string name() const override { return "raw"; }
    void write(const std::vector<UsageEvent>& batch, std::int64_t number) override {
        db().transaction([&](storage::Connection& c) {
            if (c.dialect() == storage::Dialect::PostgreSQL) {  // COPY FROM STDIN
                std::size_t next = 0;
                c.copyIn("bench_raw_events", usage::sql::writeColumns(), [&](storage::SqlParams& row) {
                    if (next == batch.size()) return false;
                    const UsageEvent& e = batch[next++];
                    usage::sql::eventRow(e, ++_seq, number, e.timestampMicros, row);
                    return true;
                });
            } else {  // one prepared INSERT, executed per row
                auto statement = c.prepare(_insert);
                storage::SqlParams row;
                for (const UsageEvent& e : batch) {
                    usage::sql::eventRow(e, ++_seq, number, e.timestampMicros, row);
                    statement->exec(row);
                }
            }
        });
    }
    std::int64_t finish(const std::vector<UsageEvent>& events) override {
        const std::int64_t rows = rowCount(db(), "bench_raw_events");
        CPPUNIT_ASSERT_EQUAL(static_cast<std::int64_t>(events.size()), rows);
        return rows;
    }

private:
    std::string _insert;
    std::int64_t _seq = 0;
};

void report(const BenchConfig& config, const Phase& phase, std::int64_t rows) {
    if (!config.print) return;
    std::cout << "\nBENCH backend=" << config.backend << " phase=" << phase.name()
              << " mode=" << usage::modeName(config.mode) << " events=" << config.events << " batch=" << config.batch
              << " seconds=" << phase.seconds
              << " rate=" << static_cast<long long>(static_cast<double>(config.events) / phase.seconds)
              << " rows=" << rows << std::endl;
}

/// Runs the phases batch by batch, interleaved (the order alternating per batch), so that load from other
/// processes on the machine hits all phases alike; only the writes are timed.
void run(const BenchConfig& config) {
    const std::vector<UsageEvent> events = benchEvents(config.events);
    std::vector<std::unique_ptr<Phase>> phases;
    for (const std::string& name : config.phases) {
        if (name == "store")
            phases.push_back(std::make_unique<StorePhase>(config));
        else if (name == "raw")
            phases.push_back(std::make_unique<RawPhase>(config));
        else
            CPPUNIT_FAIL("unknown benchmark phase '" + name + "' (expected raw or store)");
    }
    std::vector<UsageEvent> batch;
    std::int64_t number = 0;
    for (std::size_t begin = 0; begin < events.size(); begin += config.batch) {
        batch.assign(events.begin() + static_cast<std::ptrdiff_t>(begin),
                     events.begin() + static_cast<std::ptrdiff_t>(std::min(events.size(), begin + config.batch)));
        ++number;
        for (std::size_t k = 0; k < phases.size(); ++k)
            phases[number % 2 ? k : phases.size() - 1 - k]->timed(batch, number);
    }
    for (const auto& phase : phases) report(config, *phase, phase->finish(events));
}

}  // namespace
}  // namespace statshost::test

using namespace statshost::test;

/// At global scope, so the runner finds it as "UsageStoreBench".
class UsageStoreBench : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(UsageStoreBench);
    CPPUNIT_TEST(testIngest);
    CPPUNIT_TEST_SUITE_END();

public:
    void testIngest() {
        BenchConfig config;
        config.backend = env("STATSHOST_BENCH_BACKEND");
        if (config.backend.empty()) {  // smoke test
            config.backend = "sqlite";
            config.events = 3000;
            config.batch = 500;
            config.print = false;
            // The generator is deterministic, and has its double clicks.
            CPPUNIT_ASSERT(canonical(benchEvents(300)) == canonical(benchEvents(300)));
            const std::size_t survivors = referenceSurvivors(benchEvents(20000), DoubleClickMode::Fixed10s).size();
            CPPUNIT_ASSERT_MESSAGE(std::to_string(survivors), survivors > 18600 && survivors < 19300);
            for (DoubleClickMode mode : {DoubleClickMode::Fixed10s, DoubleClickMode::Counter30s}) {
                config.mode = mode;
                run(config);
            }
            return;
        }
        config.events = envSize("STATSHOST_BENCH_EVENTS", config.events);
        config.batch = envSize("STATSHOST_BENCH_BATCH", config.batch);
        if (!env("STATSHOST_BENCH_PHASES").empty()) config.phases = splitList(env("STATSHOST_BENCH_PHASES"));
        if (!env("STATSHOST_BENCH_MODE").empty())
            config.mode = statshost::usage::parseMode(env("STATSHOST_BENCH_MODE"), "STATSHOST_BENCH_MODE");
        run(config);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(UsageStoreBench);
