// SQLite backend of the SQL seam: Poco::Data sessions from a SessionPool, statements run through the
// session's native sqlite3 handle (exact types and NULLs, streaming rows, statements reused for bulk writes).
#include <algorithm>
#include <cctype>
#include <chrono>
#include <climits>
#include <cmath>
#include <mutex>
#include <optional>
#include <thread>

#include <sqlite3.h>

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Exception.h>

#include "statshost/Errors.h"
#include "storage/ConnectionSource.h"
#include "storage/SessionSlots.h"
#include "storage/SqlSupport.h"
#include "storage/StorageUrl.h"

namespace statshost::storage {
namespace {

using Clock = std::chrono::steady_clock;

bool isBusy(int rc) { return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED; }

[[noreturn]] void fail(sqlite3* db, int rc, const std::string& sql, int busyTimeoutMs) {
    if (isBusy(rc))
        throw StorageError("SQLite database is busy (locked by another writer) for more than " +
                           std::to_string(busyTimeoutMs) + " ms in: " + sqlHead(sql));
    throw StorageError("SQLite: " + std::string(sqlite3_errmsg(db)) + " (code " + std::to_string(rc) +
                       ") in: " + sqlHead(sql));
}

class SqliteRow : public Row {
public:
    explicit SqliteRow(sqlite3_stmt* stmt) : _stmt(stmt), _size(static_cast<std::size_t>(sqlite3_column_count(stmt))) {}

    std::size_t size() const override { return _size; }
    bool isNull(std::size_t column) const override { return type(column) == SQLITE_NULL; }

    std::string getString(std::size_t column) const override {
        if (type(column) == SQLITE_NULL) throwNullColumn(column);
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(_stmt, static_cast<int>(column)));
        return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(_stmt, static_cast<int>(column))));
    }

    std::int64_t getInt(std::size_t column) const override {
        switch (type(column)) {
        case SQLITE_INTEGER: return sqlite3_column_int64(_stmt, static_cast<int>(column));
        case SQLITE_FLOAT: {
            double value = sqlite3_column_double(_stmt, static_cast<int>(column));
            if (std::trunc(value) != value || std::fabs(value) > 9.0e18)
                throw StorageError("column " + std::to_string(column) + " is not an integer");
            return static_cast<std::int64_t>(value);
        }
        case SQLITE_TEXT: return parseIntColumn(text(column), bytes(column), column);
        case SQLITE_NULL: throwNullColumn(column);
        default: throw StorageError("column " + std::to_string(column) + " is a BLOB, not an integer");
        }
    }

    double getDouble(std::size_t column) const override {
        switch (type(column)) {
        case SQLITE_INTEGER:
        case SQLITE_FLOAT: return sqlite3_column_double(_stmt, static_cast<int>(column));
        case SQLITE_TEXT: return parseDoubleColumn(text(column), bytes(column), column);
        case SQLITE_NULL: throwNullColumn(column);
        default: throw StorageError("column " + std::to_string(column) + " is a BLOB, not a number");
        }
    }

private:
    int type(std::size_t column) const {
        if (column >= _size) throwNoColumn(column, _size);
        return sqlite3_column_type(_stmt, static_cast<int>(column));
    }
    const char* text(std::size_t column) const {
        return reinterpret_cast<const char*>(sqlite3_column_text(_stmt, static_cast<int>(column)));
    }
    std::size_t bytes(std::size_t column) const {
        return static_cast<std::size_t>(sqlite3_column_bytes(_stmt, static_cast<int>(column)));
    }

    sqlite3_stmt* _stmt;
    std::size_t _size;
};

/// One compiled statement with its `$N` → SQLite parameter mapping. Finalized when destroyed.
class Statement {
public:
    /// `persistent` hints SQLite that the statement will be reused many times.
    Statement(sqlite3* db, const std::string& sql, int busyTimeoutMs, bool persistent = false)
        : _db(db), _sql(sql), _busyTimeoutMs(busyTimeoutMs) {
        const char* tail = nullptr;
        int rc = sqlite3_prepare_v3(db, sql.c_str(), static_cast<int>(sql.size() + 1),
                                    persistent ? SQLITE_PREPARE_PERSISTENT : 0, &_stmt, &tail);
        if (rc != SQLITE_OK) fail(db, rc, sql, busyTimeoutMs);
        if (!_stmt) throw StorageError("SQLite: no statement in: " + sqlHead(sql));
        for (; tail && *tail; ++tail)
            if (!std::isspace(static_cast<unsigned char>(*tail)) && *tail != ';') {
                sqlite3_finalize(_stmt);
                throw StorageError("SQLite: more than one statement in: " + sqlHead(sql));
            }
        int count = sqlite3_bind_parameter_count(_stmt);
        for (int i = 1; i <= count; ++i) {
            const char* name = sqlite3_bind_parameter_name(_stmt, i);
            char* end = nullptr;
            long number = name && name[0] == '$' ? std::strtol(name + 1, &end, 10) : 0;
            if (number < 1 || number > INT_MAX || !end || *end) {
                sqlite3_finalize(_stmt);
                throw StorageError("SQLite: parameters must be written $1..$N in: " + sqlHead(sql));
            }
            _numbers.push_back(static_cast<std::size_t>(number));
            _highest = std::max(_highest, static_cast<std::size_t>(number));
        }
    }
    ~Statement() { sqlite3_finalize(_stmt); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    /// Binds `params` (kept by pointer: they must outlive the steps until the next bind).
    void bind(const SqlParams& params) {
        sqlite3_reset(_stmt);
        sqlite3_clear_bindings(_stmt);
        if (params.size() != _highest)
            throw StorageError("SQLite: " + std::to_string(params.size()) + " parameters given, " +
                               std::to_string(_highest) + " expected in: " + sqlHead(_sql));
        for (std::size_t i = 0; i < _numbers.size(); ++i) {
            int index = static_cast<int>(i + 1);
            const SqlValue& value = params[_numbers[i] - 1];
            int rc = SQLITE_OK;
            if (std::holds_alternative<std::nullptr_t>(value)) rc = sqlite3_bind_null(_stmt, index);
            else if (auto* n = std::get_if<std::int64_t>(&value)) rc = sqlite3_bind_int64(_stmt, index, *n);
            else if (auto* d = std::get_if<double>(&value)) rc = sqlite3_bind_double(_stmt, index, *d);
            else {
                const auto& s = std::get<std::string>(value);
                rc = sqlite3_bind_text64(_stmt, index, s.data(), s.size(), SQLITE_STATIC, SQLITE_UTF8);
            }
            if (rc != SQLITE_OK) fail(_db, rc, _sql, _busyTimeoutMs);
        }
    }

    /// Steps once: true for a row, false when done.
    bool step() {
        int rc = sqlite3_step(_stmt);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        fail(_db, rc, _sql, _busyTimeoutMs);
    }

    std::uint64_t run(const SqlParams& params) {
        bind(params);
        sqlite3_int64 before = sqlite3_total_changes64(_db);
        while (step()) {
        }
        std::uint64_t changed = static_cast<std::uint64_t>(sqlite3_total_changes64(_db) - before);
        sqlite3_reset(_stmt);
        return changed;
    }

    sqlite3_stmt* handle() const { return _stmt; }

private:
    sqlite3* _db;
    std::string _sql;
    int _busyTimeoutMs;
    sqlite3_stmt* _stmt = nullptr;
    std::vector<std::size_t> _numbers;
    std::size_t _highest = 0;
};

class SqlitePrepared : public PreparedStatement {
public:
    SqlitePrepared(sqlite3* db, const std::string& sql, int busyTimeoutMs) : _statement(db, sql, busyTimeoutMs, true) {}
    std::uint64_t exec(const SqlParams& params) override { return _statement.run(params); }

private:
    Statement _statement;
};

class SqliteConnection : public SessionConnection {
public:
    /// Either `lease` (pooled) or `session` (dedicated) holds the session.
    SqliteConnection(std::optional<SessionLease> lease, std::optional<Poco::Data::Session> session, int busyTimeoutMs)
        : _lease(std::move(lease)), _session(std::move(session)), _busyTimeoutMs(busyTimeoutMs) {
        _db = Poco::Data::SQLite::Utility::dbHandle(_lease ? _lease->session() : *_session);
        if (!sqlite3_get_autocommit(_db)) rollback();  // a transaction left open by a crashed caller
    }

    Dialect dialect() const override { return Dialect::SQLite; }

    std::uint64_t exec(const std::string& sql, const SqlParams& params) override {
        return Statement(_db, sql, _busyTimeoutMs).run(params);
    }

    void query(const std::string& sql, const SqlParams& params, const RowHandler& onRow) override {
        Statement statement(_db, sql, _busyTimeoutMs);
        statement.bind(params);
        SqliteRow row(statement.handle());
        while (statement.step()) onRow(row);
    }

    std::unique_ptr<PreparedStatement> prepare(const std::string& sql) override {
        return std::make_unique<SqlitePrepared>(_db, sql, _busyTimeoutMs);
    }

    std::uint64_t copyIn(const std::string& table, const std::vector<std::string>& columns,
                         const std::function<bool(SqlParams&)>& nextRow) override {
        Statement insert(_db, insertSql(table, columns), _busyTimeoutMs, true);
        SqlParams row(columns.size());
        std::uint64_t written = 0;
        while (nextRow(row)) written += insert.run(row);
        return written;
    }

    void begin() override { retryWhileBusy("BEGIN IMMEDIATE"); }
    void commit() override { retryWhileBusy("COMMIT"); }
    void rollback() noexcept override {
        if (!sqlite3_get_autocommit(_db)) sqlite3_exec(_db, "ROLLBACK", nullptr, nullptr, nullptr);
    }

private:
    /// The busy handler already waits; this also covers the BUSY results SQLite returns without calling it.
    void retryWhileBusy(const char* sql) {
        auto deadline = Clock::now() + std::chrono::milliseconds(_busyTimeoutMs);
        for (;;) {
            int rc = sqlite3_exec(_db, sql, nullptr, nullptr, nullptr);
            if (rc == SQLITE_OK) return;
            if (!isBusy(rc) || Clock::now() >= deadline) fail(_db, rc, sql, _busyTimeoutMs);
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }

    std::optional<SessionLease> _lease;
    std::optional<Poco::Data::Session> _session;
    int _busyTimeoutMs;
    sqlite3* _db = nullptr;
};

/// Per-connection settings. Page size and journal mode are stored in the file (the page size only takes
/// effect while the file is still empty); the rest applies per connection.
void configure(Poco::Data::Session& session, int busyTimeoutMs) {
    sqlite3* db = Poco::Data::SQLite::Utility::dbHandle(session);
    sqlite3_busy_timeout(db, busyTimeoutMs);
    std::string mode;
    SqliteConnection sqlite(std::nullopt, session, busyTimeoutMs);
    Connection& connection = sqlite;
    connection.exec("PRAGMA page_size=16384");  // 1 KB documents: ~1.7x the upsert rate of 4 KB pages
    connection.query("PRAGMA journal_mode=WAL", {}, [&](const Row& row) { mode = row.getString(0); });
    if (mode != "wal") throw StorageError("SQLite: cannot switch the database to WAL mode (journal mode is '" + mode + "')");
    connection.exec("PRAGMA synchronous=NORMAL");
    connection.exec("PRAGMA foreign_keys=ON");
    connection.exec("PRAGMA cache_size=-32768");     // KiB: indices of large batches stay in memory
    connection.exec("PRAGMA mmap_size=1073741824");  // reads share the OS page cache instead of pread copies
}

class SqliteSource : public ConnectionSource {
public:
    SqliteSource(const std::string& path, const StorageUrl& url, const StorageOptions& options)
        : _path(path), _busyTimeoutMs(options.busyTimeoutMs) {
        static std::once_flag registered;
        std::call_once(registered, [] {
            // Multi-thread mode: no per-call mutex on connections. Safe because a connection (pooled or
            // dedicated) is only ever used by one thread at a time. Only possible before SQLite initialises;
            // afterwards the call fails harmlessly and the default (serialized) mode stays.
            sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
            Poco::Data::SQLite::Connector::registerConnector();
        });
        int timeout = options.busyTimeoutMs;
        _slots = std::make_shared<SessionSlots>(
            "SQLite", path, options.poolSize, timeout, [timeout](Poco::Data::Session& s) { configure(s, timeout); },
            nullptr, url.redacted(), [](const std::string& text) { return text; });
    }

    Dialect dialect() const override { return Dialect::SQLite; }

    std::unique_ptr<SessionConnection> acquire() override {
        return std::make_unique<SqliteConnection>(_slots->acquire(), std::nullopt, _busyTimeoutMs);
    }

    std::unique_ptr<SessionConnection> connectDedicated() override {
        try {
            Poco::Data::Session session("SQLite", _path);
            configure(session, _busyTimeoutMs);
            return std::make_unique<SqliteConnection>(std::nullopt, std::move(session), _busyTimeoutMs);
        } catch (const Poco::Exception& e) {
            throw StorageError("cannot open SQLite database " + _path + ": " + e.displayText());
        }
    }

private:
    std::string _path;
    int _busyTimeoutMs;
    std::shared_ptr<SessionSlots> _slots;
};

}  // namespace

std::unique_ptr<ConnectionSource> makeSqliteSource(const std::string& path, const StorageUrl& url,
                                                   const StorageOptions& options) {
    return std::make_unique<SqliteSource>(path, url, options);
}

}  // namespace statshost::storage
