// IngestWriter on SQLite and PostgreSQL: commits are visible to other connections, a throwing body leaves
// nothing behind, concurrent callers take turns (no lost update), and the writer recovers after a failure.
#include <cppunit/extensions/HelperMacros.h>

#include <stdexcept>
#include <thread>
#include <vector>

#include "statshost/Errors.h"
#include "support/TestBackends.h"
#include "usage/store/IngestWriter.h"

using namespace statshost;
using namespace statshost::test;

namespace {

std::int64_t count(storage::Database& db, const std::string& sql) {
    std::int64_t n = -1;
    db.query(sql, {}, [&](const storage::Row& r) { n = r.getInt(0); });
    return n;
}

/// `body(storage)` once per available backend, on a fresh database with a table t (n integer).
void onBothBackends(const std::function<void(storage::Storage&, TestBackend&)>& body) {
    SqliteBackend sqlite;
    PostgresBackend postgres;
    for (TestBackend* b : {static_cast<TestBackend*>(&sqlite), static_cast<TestBackend*>(&postgres)}) {
        if (!b->available()) continue;
        auto storage = b->open();
        storage->database().exec("CREATE TABLE t (n BIGINT NOT NULL)");
        body(*storage, *b);
    }
}

}  // namespace

class IngestWriterTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(IngestWriterTest);
    CPPUNIT_TEST(commitsAreVisibleElsewhere);
    CPPUNIT_TEST(aThrowingBodyLeavesNothing);
    CPPUNIT_TEST(concurrentCallersTakeTurns);
    CPPUNIT_TEST(recoversAfterAFailedCommit);
    CPPUNIT_TEST(sqliteWriterUsesTheSmallPageCache);
    CPPUNIT_TEST_SUITE_END();

public:
    void commitsAreVisibleElsewhere() {
        onBothBackends([](storage::Storage& s, TestBackend& b) {
            usage::IngestWriter writer(s.database());
            writer.transaction([](storage::Connection& c) { c.exec("INSERT INTO t (n) VALUES (1)"); });
            auto other = b.open();  // as another process
            CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, count(other->database(), "SELECT count(*) FROM t"));
        });
    }

    void aThrowingBodyLeavesNothing() {
        onBothBackends([](storage::Storage& s, TestBackend&) {
            usage::IngestWriter writer(s.database());
            CPPUNIT_ASSERT_THROW(writer.transaction([](storage::Connection& c) {
                c.exec("INSERT INTO t (n) VALUES (1)");
                throw std::runtime_error("rejected");
            }),
                                 std::runtime_error);
            CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, count(s.database(), "SELECT count(*) FROM t"));
            writer.transaction([](storage::Connection& c) { c.exec("INSERT INTO t (n) VALUES (2)"); });
            CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, count(s.database(), "SELECT sum(n) FROM t"));
        });
    }

    /// Read-modify-write from several threads: only turns make every increment count.
    void concurrentCallersTakeTurns() {
        onBothBackends([](storage::Storage& s, TestBackend&) {
            s.database().exec("INSERT INTO t (n) VALUES (0)");
            usage::IngestWriter writer(s.database());
            std::vector<std::thread> threads;
            for (int t = 0; t < 4; ++t)
                threads.emplace_back([&] {
                    for (int i = 0; i < 25; ++i)
                        writer.transaction([](storage::Connection& c) {
                            std::int64_t n = 0;
                            c.query("SELECT n FROM t", {}, [&](const storage::Row& r) { n = r.getInt(0); });
                            std::this_thread::yield();
                            c.exec("UPDATE t SET n = $1", {n + 1});
                        });
                });
            for (auto& th : threads) th.join();
            CPPUNIT_ASSERT_EQUAL(std::int64_t{100}, count(s.database(), "SELECT n FROM t"));
        });
    }

    /// A COMMIT that fails (a deferred constraint on PostgreSQL; SQLite checks the same constraint at the
    /// statement, so the body throws) stores nothing and the next transaction works.
    void recoversAfterAFailedCommit() {
        onBothBackends([](storage::Storage& s, TestBackend&) {
            const bool pg = s.database().dialect() == storage::Dialect::PostgreSQL;
            s.database().exec(pg ? "CREATE TABLE u (k BIGINT UNIQUE DEFERRABLE INITIALLY DEFERRED)"
                                 : "CREATE TABLE u (k BIGINT UNIQUE)");
            usage::IngestWriter writer(s.database());
            CPPUNIT_ASSERT_THROW(writer.transaction([](storage::Connection& c) {
                c.exec("INSERT INTO t (n) VALUES (1)");
                c.exec("INSERT INTO u (k) VALUES (1)");
                c.exec("INSERT INTO u (k) VALUES (1)");
            }),
                                 StorageError);
            CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, count(s.database(), "SELECT count(*) FROM t"));
            writer.transaction([](storage::Connection& c) { c.exec("INSERT INTO t (n) VALUES (3)"); });
            CPPUNIT_ASSERT_EQUAL(std::int64_t{3}, count(s.database(), "SELECT sum(n) FROM t"));
        });
    }

    void sqliteWriterUsesTheSmallPageCache() {
        SqliteBackend b;
        auto s = b.open();
        usage::IngestWriter writer(s->database());
        std::int64_t pages = 0;
        writer.transaction([&](storage::Connection& c) {
            c.query("PRAGMA cache_size", {}, [&](const storage::Row& r) { pages = r.getInt(0); });
        });
        CPPUNIT_ASSERT_EQUAL(std::int64_t{-2000}, pages);
        std::int64_t pooled = 0;
        s->database().query("PRAGMA cache_size", {}, [&](const storage::Row& r) { pooled = r.getInt(0); });
        CPPUNIT_ASSERT(pooled != -2000);  // the pool keeps the storage's setting
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(IngestWriterTest);
