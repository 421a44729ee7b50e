// Contract: the SQL seam (Database, Connection, Row) on every backend; plus the fixture's set-up.
#include <chrono>
#include <stdexcept>
#include <thread>

#include "StorageContract.h"
#include "statshost/Errors.h"

namespace statshost::test {

using storage::Connection;
using storage::Row;
using storage::SqlParams;
using storage::SqlValue;

void StorageContract::setUp() {
    _backend = makeBackend();
    if (!_backend->available()) return;
    _store = _backend->open();
    _store->initialize();
}

void StorageContract::tearDown() {
    _store.reset();
    _backend.reset();
}

void StorageContract::registerAlias(const std::string& alias) {
    _store->registerTemplate(IndexTemplate{alias, "period_start", "{\"properties\":{\"count\":\"long\"}}", FillRule::None, ""});
}

void StorageContract::testDatabaseValues() {
    if (!ready()) return;
    auto& db = _store->database();
    db.exec("CREATE TABLE t_values (i BIGINT, d DOUBLE PRECISION, s TEXT, n TEXT)");
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1},
                         db.exec("INSERT INTO t_values (i, d, s, n) VALUES ($1, $2, $3, $4)",
                                 {std::int64_t{-9007199254740993}, 2.5, std::string("it's \"ü\""), nullptr}));
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, db.exec("INSERT INTO t_values (i, d, s, n) VALUES ($1, $2, $3, $4)",
                                                   {std::int64_t{7}, 0.25, std::string("42"), std::string("x")}));
    int rows = 0;
    db.query("SELECT i, d, s, n FROM t_values WHERE i < $1 ORDER BY i", {std::int64_t{0}}, [&](const Row& row) {
        ++rows;
        CPPUNIT_ASSERT_EQUAL(std::size_t{4}, row.size());
        CPPUNIT_ASSERT_EQUAL(std::int64_t{-9007199254740993}, row.getInt(0));
        CPPUNIT_ASSERT_EQUAL(2.5, row.getDouble(1));
        CPPUNIT_ASSERT_EQUAL(std::string("it's \"ü\""), row.getString(2));
        CPPUNIT_ASSERT(row.isNull(3));
        CPPUNIT_ASSERT(!row.isNull(2));
        CPPUNIT_ASSERT(contains(storageError([&] { row.getString(3); }), "NULL"));
        CPPUNIT_ASSERT(contains(storageError([&] { row.getInt(2); }), "not an integer"));
        CPPUNIT_ASSERT(contains(storageError([&] { row.getString(4); }), "does not exist"));
    });
    CPPUNIT_ASSERT_EQUAL(1, rows);
    // text holding a number converts; placeholders may appear in any order
    db.query("SELECT s, i FROM t_values WHERE n = $2 AND i = $1", {std::int64_t{7}, std::string("x")},
             [&](const Row& row) {
                 ++rows;
                 CPPUNIT_ASSERT_EQUAL(std::int64_t{42}, row.getInt(0));
                 CPPUNIT_ASSERT_EQUAL(42.0, row.getDouble(0));
                 CPPUNIT_ASSERT_EQUAL(std::string("7"), row.getString(1));
             });
    CPPUNIT_ASSERT_EQUAL(2, rows);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{2}, db.exec("UPDATE t_values SET n = $1", {std::string("y")}));
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{0}, db.exec("DELETE FROM t_values WHERE i = $1", {std::int64_t{1234}}));
}

void StorageContract::testDatabaseParameterErrors() {
    if (!ready()) return;
    auto& db = _store->database();
    db.exec("CREATE TABLE t_params (s TEXT)");
    CPPUNIT_ASSERT(!storageError([&] { db.exec("INSERT INTO t_params (s) VALUES ($1)", {}); }).empty());
    CPPUNIT_ASSERT(!storageError([&] {
                        db.exec("INSERT INTO t_params (s) VALUES ($1)", {std::string("a"), std::string("b")});
                    }).empty());
    std::string syntax = storageError([&] { db.exec("INSERT INTO nowhere_table (s) VALUES ($1)", {std::string("v")}); });
    CPPUNIT_ASSERT(contains(syntax, "nowhere_table"));
    CPPUNIT_ASSERT(!contains(syntax, "'v'"));  // values never appear in messages
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, scalar(db, "SELECT count(*) FROM t_params"));
}

void StorageContract::testDatabaseTransactions() {
    if (!ready()) return;
    auto& db = _store->database();
    db.exec("CREATE TABLE t_tx (s TEXT)");
    db.transaction([](Connection& c) {
        c.exec("INSERT INTO t_tx (s) VALUES ($1)", {std::string("kept")});
        c.exec("INSERT INTO t_tx (s) VALUES ($1)", {std::string("kept too")});
    });
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, scalar(db, "SELECT count(*) FROM t_tx"));
    bool thrown = false;
    try {
        db.transaction([](Connection& c) {
            c.exec("INSERT INTO t_tx (s) VALUES ($1)", {std::string("rolled back")});
            throw std::runtime_error("caller failure");
        });
    } catch (const std::runtime_error& e) {
        thrown = std::string(e.what()) == "caller failure";
    }
    CPPUNIT_ASSERT(thrown);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, scalar(db, "SELECT count(*) FROM t_tx"));
    // a failing statement rolls back the statements before it
    CPPUNIT_ASSERT(!storageError([&] {
                        db.transaction([](Connection& c) {
                            c.exec("INSERT INTO t_tx (s) VALUES ($1)", {std::string("rolled back")});
                            c.exec("INSERT INTO missing_table (s) VALUES ($1)", {std::string("x")});
                        });
                    }).empty());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, scalar(db, "SELECT count(*) FROM t_tx"));
    // the pooled connections are clean afterwards: a new transaction works on each of them
    for (int i = 0; i < 10; ++i)
        db.transaction([&](Connection& c) { c.exec("INSERT INTO t_tx (s) VALUES ($1)", {std::to_string(i)}); });
    CPPUNIT_ASSERT_EQUAL(std::int64_t{12}, scalar(db, "SELECT count(*) FROM t_tx"));
}

void StorageContract::testDatabasePreparedStatement() {
    if (!ready()) return;
    auto& db = _store->database();
    db.exec("CREATE TABLE t_prep (k TEXT PRIMARY KEY, v BIGINT)");
    db.transaction([](Connection& c) {
        auto insert = c.prepare("INSERT INTO t_prep (k, v) VALUES ($1, $2) ON CONFLICT (k) DO UPDATE SET v = excluded.v");
        for (int i = 0; i < 100; ++i)
            CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, insert->exec({std::string("k") + std::to_string(i % 40), std::int64_t{i}}));
    });
    CPPUNIT_ASSERT_EQUAL(std::int64_t{40}, scalar(db, "SELECT count(*) FROM t_prep"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{99}, scalar(db, "SELECT v FROM t_prep WHERE k = $1", {std::string("k19")}));
}

void StorageContract::testDatabaseQueryCallbackThrows() {
    if (!ready()) return;
    storage::StorageOptions one{1, 2000};
    auto store = _backend->open(one);  // one connection: the next query must reuse the interrupted one
    auto& db = store->database();
    db.exec("CREATE TABLE t_rows (n BIGINT)");
    db.transaction([](Connection& c) {
        auto insert = c.prepare("INSERT INTO t_rows (n) VALUES ($1)");
        for (int i = 0; i < 5000; ++i) insert->exec({std::int64_t{i}});
    });
    int seen = 0;
    bool thrown = false;
    try {
        db.query("SELECT n FROM t_rows ORDER BY n", {}, [&](const Row&) {
            if (++seen == 3) throw std::logic_error("stop here");
        });
    } catch (const std::logic_error&) {
        thrown = true;
    }
    CPPUNIT_ASSERT(thrown);
    CPPUNIT_ASSERT_EQUAL(3, seen);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{5000}, scalar(db, "SELECT count(*) FROM t_rows"));
}

void StorageContract::testDatabaseCopyIn() {
    if (!ready()) return;
    auto& db = _store->database();
    db.exec("CREATE TABLE t_copy (k TEXT, n BIGINT, d DOUBLE PRECISION, note TEXT)");
    const std::string tricky = "tab\there\nnew line\r\\N back\\slash \"quoted\" ü";
    int produced = 0;
    std::uint64_t written = 0;
    db.withConnection([&](Connection& c) {
        written = c.copyIn("t_copy", {"k", "n", "d", "note"}, [&](SqlParams& row) {
            if (produced == 3000) return false;
            row = {std::string("k") + std::to_string(produced), std::int64_t{produced}, produced * 0.5,
                   produced % 2 ? SqlValue(nullptr) : SqlValue(tricky)};
            ++produced;
            return true;
        });
    });
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{3000}, written);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{3000}, scalar(db, "SELECT count(*) FROM t_copy"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1500}, scalar(db, "SELECT count(*) FROM t_copy WHERE note IS NULL"));
    db.query("SELECT note, n, d FROM t_copy WHERE k = $1", {std::string("k1000")}, [&](const Row& row) {
        CPPUNIT_ASSERT_EQUAL(tricky, row.getString(0));
        CPPUNIT_ASSERT_EQUAL(std::int64_t{1000}, row.getInt(1));
        CPPUNIT_ASSERT_EQUAL(500.0, row.getDouble(2));
    });
    // a failing producer inside a transaction leaves nothing behind, and the connection stays usable
    bool thrown = false;
    try {
        db.transaction([&](Connection& c) {
            int n = 0;
            c.copyIn("t_copy", {"k", "n", "d", "note"}, [&](SqlParams& row) {
                if (++n == 10) throw std::runtime_error("producer failed");
                row = {std::string("x"), std::int64_t{n}, 0.0, nullptr};
                return true;
            });
        });
    } catch (const std::runtime_error&) {
        thrown = true;
    }
    CPPUNIT_ASSERT(thrown);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{3000}, scalar(db, "SELECT count(*) FROM t_copy"));
}

void StorageContract::testPoolWaitsForFreeConnection() {
    if (!ready()) return;
    using namespace std::chrono;
    auto patient = _backend->open(storage::StorageOptions{1, 5000});
    auto impatient = _backend->open(storage::StorageOptions{1, 100});
    for (auto* store : {patient.get(), impatient.get()}) {
        std::thread holder([&] { store->database().withConnection([](Connection&) { std::this_thread::sleep_for(milliseconds(400)); }); });
        std::this_thread::sleep_for(milliseconds(100));  // let the holder take the only connection
        auto start = steady_clock::now();
        std::string error = storageError([&] { scalar(store->database(), "SELECT count(*) FROM statshost_meta"); });
        auto waited = steady_clock::now() - start;
        holder.join();
        if (store == patient.get()) {
            CPPUNIT_ASSERT_EQUAL(std::string(), error);  // waited for the slot instead of failing
            CPPUNIT_ASSERT(waited >= milliseconds(200));
        } else {
            CPPUNIT_ASSERT_MESSAGE(error, contains(error, "no free database connection"));
            CPPUNIT_ASSERT(waited < milliseconds(300));
        }
    }
}

}  // namespace statshost::test
