#pragma once
/// The SQL seam of the storage layer: pooled connections, bound parameters, typed rows, transactions.
///
/// SQL text uses `$1..$N` placeholders on both dialects and holds exactly one statement per call. Values
/// are only ever bound, never spliced into SQL; identifiers in SQL text must come from validated names
/// (see Names.h). Errors are thrown as statshost::StorageError naming the statement (never the values).
///
/// Threading: a Database is shared by all threads of a process (and several processes may open the same
/// database). Every call takes a connection from the pool for its duration and waits up to
/// StorageOptions::busyTimeoutMs for a free one. A Connection, Row or PreparedStatement belongs to the
/// callback or scope that received it and must not be used after it or by another thread. Inside a
/// transaction or query callback, do not call back into the same Database (that needs a second pooled
/// connection and, on SQLite, would wait on the writer lock held by the first).
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "storage/Dialect.h"
#include "storage/StorageOptions.h"

namespace statshost::storage {

class StorageUrl;
class ConnectionSource;

/// A bound parameter: NULL, a 64-bit integer, a double or text (also used for dates, JSON, ...).
using SqlValue = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
using SqlParams = std::vector<SqlValue>;

/// One result row; valid only during the callback that receives it. Columns are 0-based.
/// The getters throw StorageError for NULL or unconvertible values (test with isNull() first).
class Row {
public:
    virtual ~Row() = default;
    virtual std::size_t size() const = 0;
    virtual bool isNull(std::size_t column) const = 0;
    virtual std::string getString(std::size_t column) const = 0;
    virtual std::int64_t getInt(std::size_t column) const = 0;
    virtual double getDouble(std::size_t column) const = 0;
};

using RowHandler = std::function<void(const Row&)>;

/// A statement compiled once on one Connection and executed many times (bulk writes).
class PreparedStatement {
public:
    virtual ~PreparedStatement() = default;
    /// Executes with `params`; returns the number of rows changed.
    virtual std::uint64_t exec(const SqlParams& params) = 0;
};

/// One database connection, lent to a callback by Database.
class Connection {
public:
    virtual ~Connection() = default;
    virtual Dialect dialect() const = 0;
    /// Executes one statement; returns the number of rows inserted, updated or deleted (0 for DDL).
    virtual std::uint64_t exec(const std::string& sql, const SqlParams& params = {}) = 0;
    /// Runs one query and calls `onRow` for each result row, streaming (rows are not collected first).
    /// An exception thrown by `onRow` cancels the query and propagates.
    virtual void query(const std::string& sql, const SqlParams& params, const RowHandler& onRow) = 0;
    /// Compiles `sql` for repeated exec(); the statement must be destroyed before this connection is.
    virtual std::unique_ptr<PreparedStatement> prepare(const std::string& sql) = 0;
    /// Appends rows to `table` as fast as the backend can (PostgreSQL: COPY FROM STDIN; SQLite: one reused
    /// INSERT). `table` and `columns` must be validated identifiers. `nextRow` fills `row` with one value per
    /// column and returns false when there are no more rows. Returns the number of rows written.
    virtual std::uint64_t copyIn(const std::string& table, const std::vector<std::string>& columns,
                                 const std::function<bool(SqlParams& row)>& nextRow) = 0;
    /// PostgreSQL only (other dialects throw StorageError): executes one statement whose parameters are all
    /// sent in PostgreSQL's binary format, each string holding one parameter's bytes (see PgBinary.h), so
    /// bulk values (arrays of bytea, say) need no text escaping or parsing. Returns rows changed.
    virtual std::uint64_t execBinary(const std::string& sql, const std::vector<std::string>& params);
    /// Like query(), but every result column comes back as its raw binary value: text as its bytes, bytea as
    /// its bytes (no hex); use it only for text and bytea columns. On SQLite, whose values are raw already,
    /// it is query().
    virtual void queryRaw(const std::string& sql, const SqlParams& params, const RowHandler& onRow);
};

class Database {
public:
    /// Opens a pool for `url` (no connection is made yet). SQLite files are made absolute against the
    /// current directory and their parent folders created. Throws StorageError.
    static std::shared_ptr<Database> open(const StorageUrl& url, const StorageOptions& options);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Dialect dialect() const;

    /// Executes one statement on a pooled connection in autocommit mode; returns rows changed.
    std::uint64_t exec(const std::string& sql, const SqlParams& params = {});
    /// Runs one query on a pooled connection, streaming rows to `onRow`.
    void query(const std::string& sql, const SqlParams& params, const RowHandler& onRow);
    /// Connection::queryRaw on a pooled connection.
    void queryRaw(const std::string& sql, const SqlParams& params, const RowHandler& onRow);
    /// Runs `body` in one transaction on one pooled connection: commit when it returns, rollback when it
    /// throws (the exception propagates). SQLite transactions start with BEGIN IMMEDIATE, so concurrent
    /// writers queue (up to the busy timeout) instead of deadlocking on a lock upgrade.
    void transaction(const std::function<void(Connection&)>& body);
    /// Runs `body` on one pooled connection in autocommit mode (each statement commits on its own).
    void withConnection(const std::function<void(Connection&)>& body);
    /// A new connection outside the pool, closed when the returned object is destroyed; for session-scoped
    /// state such as PostgreSQL advisory locks. It keeps no reference to this Database.
    std::unique_ptr<Connection> connectDedicated();

private:
    explicit Database(std::unique_ptr<ConnectionSource> source);
    std::unique_ptr<ConnectionSource> _source;
};

}  // namespace statshost::storage
