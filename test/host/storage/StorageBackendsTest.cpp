// The storage contract on SQLite and on PostgreSQL, plus what only one backend promises.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <Poco/File.h>
#include <Poco/Path.h>

#include "StorageContract.h"
#include "statshost/Errors.h"
#include "storage/Names.h"

using namespace statshost;
using namespace statshost::test;

class SqliteStorageTest : public StorageContract {
    CPPUNIT_TEST_SUB_SUITE(SqliteStorageTest, StorageContract);
    CPPUNIT_TEST(testConnectionSettings);
    CPPUNIT_TEST(testRelativePathCreatesFolders);
    CPPUNIT_TEST(testExpiredLockTakeover);
    CPPUNIT_TEST(testBusyWriterTimesOut);
    CPPUNIT_TEST_SUITE_END();

public:
    void testConnectionSettings() {
        auto& db = _store->database();
        std::string mode;
        db.query("PRAGMA journal_mode", {}, [&](const storage::Row& row) { mode = row.getString(0); });
        CPPUNIT_ASSERT_EQUAL(std::string("wal"), mode);
        CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, scalar(db, "PRAGMA synchronous"));  // NORMAL
        CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, scalar(db, "PRAGMA foreign_keys"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t{10000}, scalar(db, "PRAGMA busy_timeout"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t{16384}, scalar(db, "PRAGMA page_size"));
        CPPUNIT_ASSERT_EQUAL(std::string("sqlite"), _store->backend());
    }

    void testRelativePathCreatesFolders() {
        auto& dir = static_cast<SqliteBackend&>(*_backend).dir();
        std::string previous = Poco::Path::current();
        CPPUNIT_ASSERT_EQUAL(0, ::chdir(dir.path().c_str()));
        std::unique_ptr<storage::Storage> store;
        std::string error = storageError([&] { store = storage::Storage::open("sqlite:nested/deeper/rel.db"); });
        CPPUNIT_ASSERT_EQUAL(0, ::chdir(previous.c_str()));
        CPPUNIT_ASSERT_EQUAL(std::string(), error);
        CPPUNIT_ASSERT(Poco::File(dir.file("nested/deeper/rel.db")).exists());
        store->initialize();  // still the same file after the directory changed back
        CPPUNIT_ASSERT(Poco::File(dir.file("nested/deeper/rel.db-wal")).exists());
    }

    void testExpiredLockTakeover() {
        const std::string name = "expiring";
        auto other = _backend->open();
        auto first = _store->tryLock(name, 1);
        CPPUNIT_ASSERT(first);
        CPPUNIT_ASSERT(!other->tryLock(name, 1));
        std::this_thread::sleep_for(std::chrono::milliseconds(1100));
        auto second = other->tryLock(name, 60);
        CPPUNIT_ASSERT(second);
        first.reset();  // the expired holder must not release the new holder's lock
        CPPUNIT_ASSERT(!_store->tryLock(name, 60));
        second.reset();
        CPPUNIT_ASSERT(_store->tryLock(name, 60));
    }

    void testBusyWriterTimesOut() {
        std::mutex mutex;
        std::condition_variable changed;
        bool writing = false, done = false;
        std::thread writer([&] {
            _store->database().transaction([&](storage::Connection& c) {
                c.exec("INSERT INTO statshost_meta (key, value) VALUES ($1, $2)", {std::string("busy"), std::string("x")});
                std::unique_lock<std::mutex> lock(mutex);
                writing = true;
                changed.notify_all();
                changed.wait(lock, [&] { return done; });
            });
        });
        {
            std::unique_lock<std::mutex> lock(mutex);
            changed.wait(lock, [&] { return writing; });
        }
        auto impatient = _backend->open(storage::StorageOptions{2, 200});
        auto start = std::chrono::steady_clock::now();
        std::string error = storageError([&] { impatient->setBookmark("agg", "c1", "2024-01-01"); });
        auto waited = std::chrono::steady_clock::now() - start;
        {
            std::lock_guard<std::mutex> lock(mutex);
            done = true;
        }
        changed.notify_all();
        writer.join();
        CPPUNIT_ASSERT_MESSAGE(error, contains(error, "busy"));
        CPPUNIT_ASSERT(waited >= std::chrono::milliseconds(150));
        impatient->setBookmark("agg", "c1", "2024-01-01");  // works once the writer committed
        CPPUNIT_ASSERT(_store->bookmark("agg", "c1"));
    }

protected:
    std::unique_ptr<TestBackend> makeBackend() override { return std::make_unique<SqliteBackend>(); }
};

class PostgresStorageTest : public StorageContract {
    CPPUNIT_TEST_SUB_SUITE(PostgresStorageTest, StorageContract);
    CPPUNIT_TEST(testConnectionSettings);
    CPPUNIT_TEST(testPartitions);
    CPPUNIT_TEST(testLockReleasedWithStorage);
    CPPUNIT_TEST(testLockReleasedWhenHolderDies);
    CPPUNIT_TEST(testLocksAreScopedToTheSchema);
    CPPUNIT_TEST_SUITE_END();

public:
    void testConnectionSettings() {
        if (!ready()) return;
        std::string zone, path;
        _store->database().query("SELECT current_setting('TimeZone'), current_schema()", {}, [&](const storage::Row& row) {
            zone = row.getString(0);
            path = row.getString(1);
        });
        CPPUNIT_ASSERT_EQUAL(std::string("UTC"), zone);
        CPPUNIT_ASSERT_EQUAL(backend().schema(), path);  // options from the URL reach the server too
        CPPUNIT_ASSERT_EQUAL(std::string("postgresql"), _store->backend());
    }

    void testPartitions() {
        if (!ready()) return;
        _store->registerTemplate(IndexTemplate{"stats-parts", "day", "{}", FillRule::None, ""});
        _store->upsert("stats-parts", {makeDoc("a", "c", "2023-12-31"), makeDoc("b", "c", "2024-01-01"),
                                       makeDoc("c", "c", "2024-12-31")});
        auto& db = _store->database();
        CPPUNIT_ASSERT_EQUAL(std::int64_t{2},
                             scalar(db, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'idx_stats_parts'::regclass"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, scalar(db, "SELECT count(*) FROM idx_stats_parts "
                                                         "WHERE tableoid = 'idx_stats_parts__2024'::regclass"));
        std::string bound;
        db.query("SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = 'idx_stats_parts__2023' "
                 "AND relnamespace = current_schema()::regnamespace",
                 {}, [&](const storage::Row& row) { bound = row.getString(0); });
        CPPUNIT_ASSERT_EQUAL(std::string("FOR VALUES FROM ('2023-01-01') TO ('2024-01-01')"), bound);
        std::string type;
        db.query("SELECT pg_typeof(body)::text FROM idx_stats_parts LIMIT 1", {},
                 [&](const storage::Row& row) { type = row.getString(0); });
        CPPUNIT_ASSERT_EQUAL(std::string("bytea"), type);  // BodyCodec.h
    }

    void testLockReleasedWithStorage() {
        if (!ready()) return;
        const std::string name = uniqueName("lock");
        {
            auto holder = _backend->open();
            auto lock = holder->tryLock(name, 60);
            CPPUNIT_ASSERT(lock);
            CPPUNIT_ASSERT(!_store->tryLock(name, 60));
        }
        CPPUNIT_ASSERT(_store->tryLock(name, 60));
    }

    void testLocksAreScopedToTheSchema() {
        if (!ready()) return;
        // Two instances sharing one database in different schemas must not lock each other out.
        const std::string name = uniqueName("lock");
        test::PostgresBackend other;
        auto otherStore = other.open();
        otherStore->initialize();
        auto mine = _store->tryLock(name, 60);
        CPPUNIT_ASSERT(mine);
        auto theirs = otherStore->tryLock(name, 60);
        CPPUNIT_ASSERT(theirs);
        CPPUNIT_ASSERT(!otherStore->tryLock(name, 60));
    }

    void testLockReleasedWhenHolderDies() {
        if (!ready()) return;
        const std::string name = uniqueName("lock");
        auto holder = _backend->open();
        auto lock = holder->tryLock(name, 60);
        CPPUNIT_ASSERT(lock);
        CPPUNIT_ASSERT(!_store->tryLock(name, 60));
        // A crash, as the server sees it: the holder's connection ends without unlocking.
        // The key is derived from the schema and the name (locks are per schema).
        auto key = static_cast<std::uint64_t>(storage::lockKey("statshost-lock:" + backend().schema() + ":" + name));
        std::int64_t killed = scalar(backend().admin(),
                                     "SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' "
                                     "AND classid::bigint = $1 AND objid::bigint = $2",
                                     {static_cast<std::int64_t>(key >> 32), static_cast<std::int64_t>(key & 0xffffffffu)});
        CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, killed);
        std::unique_ptr<Lock> taken;
        for (int i = 0; i < 100 && !taken; ++i) {
            taken = _store->tryLock(name, 60);
            if (!taken) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        CPPUNIT_ASSERT(taken);
        lock.reset();  // the dead holder's release fails quietly and leaves the new holder's row alone
        CPPUNIT_ASSERT_EQUAL(std::int64_t{1},
                             scalar(_store->database(), "SELECT count(*) FROM statshost_locks WHERE name = $1", {name}));
    }

protected:
    std::unique_ptr<TestBackend> makeBackend() override { return std::make_unique<PostgresBackend>(); }
    PostgresBackend& backend() { return static_cast<PostgresBackend&>(*_backend); }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SqliteStorageTest);
CPPUNIT_TEST_SUITE_REGISTRATION(PostgresStorageTest);
