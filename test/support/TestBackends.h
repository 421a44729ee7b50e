#pragma once
/// The databases tests run against: a fresh SQLite file, or a fresh schema in the PostgreSQL of
/// STATSHOST_TEST_PG. Suites that must pass on both backends run each test body once per backend.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "storage/Storage.h"
#include "support/TestEnv.h"

namespace statshost::test {

/// One isolated database for one test; every open() of the same backend reaches the same database, as
/// separate processes would.
class TestBackend {
public:
    virtual ~TestBackend() = default;
    /// False when the backend cannot run here (PostgreSQL without STATSHOST_TEST_PG).
    virtual bool available() const = 0;
    /// The URL of this test's database.
    virtual std::string url() const = 0;

    std::unique_ptr<storage::Storage> open(const storage::StorageOptions& options = {}) const {
        return storage::Storage::open(url(), options);
    }
};

/// A fresh SQLite file in a temporary folder.
class SqliteBackend : public TestBackend {
public:
    bool available() const override { return true; }
    std::string url() const override { return "sqlite:" + _dir.file("stats.db"); }
    const TempDir& dir() const { return _dir; }

private:
    TempDir _dir;
};

/// A fresh schema in the STATSHOST_TEST_PG database, dropped when destroyed; the URL selects it with
/// `options=-csearch_path=<schema>`.
class PostgresBackend : public TestBackend {
public:
    PostgresBackend();
    ~PostgresBackend() override;
    bool available() const override { return !_baseUrl.empty(); }
    std::string url() const override;
    const std::string& schema() const { return _schema; }
    /// A connection to the base database outside the test schema (for catalog checks and clean-up).
    storage::Database& admin() { return _admin->database(); }

private:
    std::string _baseUrl;
    std::string _schema;
    std::unique_ptr<storage::Storage> _admin;
};

/// A new, empty database of the same kind as `backend` (SQLite or PostgreSQL), for tests that need one
/// fresh database per iteration.
std::unique_ptr<TestBackend> freshBackendLike(const TestBackend& backend);

/// Opens `racers` separate Storage objects on `backend` (as separate processes would), releases
/// `body(i, storage)` on all of them at the same moment on their own threads, and returns what
/// each threw ("" for none), in racer order.
std::vector<std::string> raceOnSeparateStores(const TestBackend& backend, int racers,
                                              const std::function<void(int, storage::Storage&)>& body);

/// The first column of the first row of `sql`, as an integer (throws when there is no row).
std::int64_t scalar(storage::Database& db, const std::string& sql, const storage::SqlParams& params = {});
/// The message of the StorageError `action` throws, or "" when it throws none.
std::string storageError(const std::function<void()>& action);
bool contains(const std::string& text, const std::string& part);

}  // namespace statshost::test
