// PostgreSQL backend of the SQL seam: Poco::Data sessions from a SessionPool, statements run through the
// session's native PGconn (one round trip per statement instead of Poco's Parse/Bind/Execute/DEALLOCATE,
// exact NULLs, rows streamed in single-row mode).
#include <atomic>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <optional>

#include <libpq-fe.h>

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/PostgreSQL/SessionHandle.h>

#include "statshost/Errors.h"
#include "storage/ConnectionSource.h"
#include "storage/SessionSlots.h"
#include "storage/SqlSupport.h"
#include "storage/StorageUrl.h"

namespace statshost::storage {
namespace {

constexpr Oid kInt8Oid = 20;
constexpr Oid kFloat8Oid = 701;

/// Owns a PGresult.
struct Result {
    explicit Result(PGresult* r) : result(r) {}
    ~Result() { PQclear(result); }
    Result(const Result&) = delete;
    Result& operator=(const Result&) = delete;
    PGresult* result;
};

[[noreturn]] void fail(PGconn* conn, PGresult* result, const std::string& sql) {
    std::string message;
    std::string state;
    if (result) {
        const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
        const char* code = PQresultErrorField(result, PG_DIAG_SQLSTATE);
        if (primary) message = primary;
        if (code) state = code;
    }
    if (message.empty()) message = PQerrorMessage(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    throw StorageError("PostgreSQL: " + message + (state.empty() ? "" : " (SQLSTATE " + state + ")") +
                       " in: " + sqlHead(sql));
}

/// Parameters in libpq's text format; numbers carry their type, text is left for the server to infer.
class Params {
public:
    Params(const SqlParams& params, const std::string& sql) {
        _numbers.reserve(params.size());
        for (const SqlValue& value : params) {
            if (std::holds_alternative<std::nullptr_t>(value)) {
                _values.push_back(nullptr);
                _types.push_back(0);
            } else if (auto* n = std::get_if<std::int64_t>(&value)) {
                _numbers.push_back(std::to_string(*n));
                _values.push_back(_numbers.back().c_str());
                _types.push_back(kInt8Oid);
            } else if (auto* d = std::get_if<double>(&value)) {
                char buffer[32];
                std::snprintf(buffer, sizeof buffer, "%.17g", *d);
                _numbers.push_back(buffer);
                _values.push_back(_numbers.back().c_str());
                _types.push_back(kFloat8Oid);
            } else {
                const auto& text = std::get<std::string>(value);
                if (std::memchr(text.data(), '\0', text.size()))
                    throw StorageError("PostgreSQL: a text parameter contains a NUL byte in: " + sqlHead(sql));
                _values.push_back(text.c_str());
                _types.push_back(0);
            }
        }
    }
    int count() const { return static_cast<int>(_values.size()); }
    const char* const* values() const { return _values.data(); }
    const Oid* types() const { return _types.data(); }

private:
    std::vector<std::string> _numbers;  // reserved up front: c_str() pointers stay valid
    std::vector<const char*> _values;
    std::vector<Oid> _types;
};

/// Bytes buffered before each PQputCopyData.
constexpr std::size_t kCopyChunk = 1 << 20;

/// Appends one row in COPY text format: tab-separated, backslash escapes, \N for NULL.
void appendCopyRow(std::string& buffer, const SqlParams& row, const std::string& sql) {
    for (std::size_t i = 0; i < row.size(); ++i) {
        if (i) buffer += '\t';
        const SqlValue& value = row[i];
        if (std::holds_alternative<std::nullptr_t>(value)) {
            buffer += "\\N";
        } else if (auto* n = std::get_if<std::int64_t>(&value)) {
            buffer += std::to_string(*n);
        } else if (auto* d = std::get_if<double>(&value)) {
            char text[32];
            std::snprintf(text, sizeof text, "%.17g", *d);
            buffer += text;
        } else {
            for (char c : std::get<std::string>(value)) {
                switch (c) {
                case '\\': buffer += "\\\\"; break;
                case '\n': buffer += "\\n"; break;
                case '\r': buffer += "\\r"; break;
                case '\t': buffer += "\\t"; break;
                case '\0': throw StorageError("PostgreSQL: a text value contains a NUL byte in: " + sqlHead(sql));
                default: buffer += c;
                }
            }
        }
    }
    buffer += '\n';
}

std::uint64_t changedRows(PGresult* result) {
    const char* tuples = PQcmdTuples(result);
    return tuples && *tuples ? std::strtoull(tuples, nullptr, 10) : 0;
}

class PgRow : public Row {
public:
    explicit PgRow(PGresult* result) : _result(result), _size(static_cast<std::size_t>(PQnfields(result))) {}

    std::size_t size() const override { return _size; }
    bool isNull(std::size_t column) const override {
        check(column);
        return PQgetisnull(_result, 0, static_cast<int>(column)) == 1;
    }
    std::string getString(std::size_t column) const override {
        if (isNull(column)) throwNullColumn(column);
        return std::string(PQgetvalue(_result, 0, static_cast<int>(column)), length(column));
    }
    std::int64_t getInt(std::size_t column) const override {
        if (isNull(column)) throwNullColumn(column);
        return parseIntColumn(PQgetvalue(_result, 0, static_cast<int>(column)), length(column), column);
    }
    double getDouble(std::size_t column) const override {
        if (isNull(column)) throwNullColumn(column);
        return parseDoubleColumn(PQgetvalue(_result, 0, static_cast<int>(column)), length(column), column);
    }

private:
    void check(std::size_t column) const {
        if (column >= _size) throwNoColumn(column, _size);
    }
    std::size_t length(std::size_t column) const {
        return static_cast<std::size_t>(PQgetlength(_result, 0, static_cast<int>(column)));
    }

    PGresult* _result;
    std::size_t _size;
};

class PgPrepared : public PreparedStatement {
public:
    PgPrepared(PGconn* conn, const std::string& sql) : _conn(conn), _sql(sql) {
        static std::atomic<unsigned long> counter{0};
        _name = "statshost_ps_" + std::to_string(++counter);
        Result result(PQprepare(conn, _name.c_str(), sql.c_str(), 0, nullptr));
        if (PQresultStatus(result.result) != PGRES_COMMAND_OK) fail(conn, result.result, sql);
    }
    ~PgPrepared() override { PQclear(PQexec(_conn, ("DEALLOCATE " + _name).c_str())); }

    std::uint64_t exec(const SqlParams& params) override {
        Params bound(params, _sql);
        Result result(PQexecPrepared(_conn, _name.c_str(), bound.count(), bound.values(), nullptr, nullptr, 0));
        ExecStatusType status = PQresultStatus(result.result);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(_conn, result.result, _sql);
        return changedRows(result.result);
    }

private:
    PGconn* _conn;
    std::string _sql;
    std::string _name;
};

PGconn* nativeHandle(Poco::Data::Session& session) {
    return *Poco::AnyCast<Poco::Data::PostgreSQL::SessionHandle*>(session.getProperty("handle"));
}

void ignoreNotice(void*, const char*) {}

class PgConnection : public SessionConnection {
public:
    /// A pooled session: returned to the pool when this is destroyed.
    explicit PgConnection(SessionLease lease) : _lease(std::move(lease)) {
        _conn = nativeHandle(_lease->session());
        if (PQtransactionStatus(_conn) != PQTRANS_IDLE) rollback();  // left open by a crashed caller
    }
    /// A dedicated connection of our own (not null, connected): closed when this is destroyed.
    explicit PgConnection(PGconn* owned) : _conn(owned), _owned(owned) {}
    ~PgConnection() override {
        if (_owned) PQfinish(_owned);
    }

    Dialect dialect() const override { return Dialect::PostgreSQL; }

    std::uint64_t exec(const std::string& sql, const SqlParams& params) override {
        Params bound(params, sql);
        Result result(PQexecParams(_conn, sql.c_str(), bound.count(), bound.types(), bound.values(), nullptr, nullptr, 0));
        ExecStatusType status = PQresultStatus(result.result);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(_conn, result.result, sql);
        return changedRows(result.result);
    }

    void query(const std::string& sql, const SqlParams& params, const RowHandler& onRow) override {
        queryInFormat(sql, params, onRow, 0);
    }

    /// Results in binary format (1): bytea arrives as its bytes, not as hex text.
    void queryRaw(const std::string& sql, const SqlParams& params, const RowHandler& onRow) override {
        queryInFormat(sql, params, onRow, 1);
    }

    /// query() with results in text (0) or binary (1) format.
    void queryInFormat(const std::string& sql, const SqlParams& params, const RowHandler& onRow, int resultFormat) {
        Params bound(params, sql);
        if (!PQsendQueryParams(_conn, sql.c_str(), bound.count(), bound.types(), bound.values(), nullptr, nullptr,
                               resultFormat))
            fail(_conn, nullptr, sql);
        PQsetSingleRowMode(_conn);
        std::optional<std::string> error;
        while (PGresult* raw = PQgetResult(_conn)) {
            Result result(raw);
            ExecStatusType status = PQresultStatus(raw);
            if (status == PGRES_SINGLE_TUPLE && !error) {
                try {
                    onRow(PgRow(raw));
                } catch (...) {
                    cancelAndDrain();
                    throw;
                }
            } else if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK && status != PGRES_SINGLE_TUPLE && !error) {
                try {
                    fail(_conn, raw, sql);
                } catch (const StorageError& e) {
                    error = e.what();
                }
            }
        }
        if (error) throw StorageError(*error);
    }

    std::unique_ptr<PreparedStatement> prepare(const std::string& sql) override {
        return std::make_unique<PgPrepared>(_conn, sql);
    }

    std::uint64_t copyIn(const std::string& table, const std::vector<std::string>& columns,
                         const std::function<bool(SqlParams&)>& nextRow) override {
        std::string sql = "COPY " + table + " (";
        for (std::size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + columns[i];
        sql += ") FROM STDIN";
        {
            Result start(PQexec(_conn, sql.c_str()));
            if (PQresultStatus(start.result) != PGRES_COPY_IN) fail(_conn, start.result, sql);
        }
        std::string buffer;
        buffer.reserve(kCopyChunk + 64 * 1024);
        SqlParams row(columns.size());
        try {
            while (nextRow(row)) {
                if (row.size() != columns.size())
                    throw StorageError("PostgreSQL: a row of " + std::to_string(row.size()) + " values for " +
                                       std::to_string(columns.size()) + " columns in: " + sqlHead(sql));
                appendCopyRow(buffer, row, sql);
                if (buffer.size() >= kCopyChunk) sendCopyData(buffer, sql);
            }
            sendCopyData(buffer, sql);
        } catch (...) {
            PQputCopyEnd(_conn, "statshost: copy aborted by the caller");
            while (PGresult* raw = PQgetResult(_conn)) PQclear(raw);
            throw;
        }
        if (PQputCopyEnd(_conn, nullptr) != 1) fail(_conn, nullptr, sql);
        std::uint64_t written = 0;
        std::optional<std::string> error;
        while (PGresult* raw = PQgetResult(_conn)) {
            Result result(raw);
            if (PQresultStatus(raw) == PGRES_COMMAND_OK)
                written = changedRows(raw);
            else if (!error) {
                try {
                    fail(_conn, raw, sql);
                } catch (const StorageError& e) {
                    error = e.what();
                }
            }
        }
        if (error) throw StorageError(*error);
        return written;
    }

    std::uint64_t execBinary(const std::string& sql, const std::vector<std::string>& params) override {
        std::vector<const char*> values;
        std::vector<int> lengths, formats(params.size(), 1);
        for (const std::string& param : params) {
            if (param.size() > static_cast<std::size_t>(INT32_MAX))
                throw StorageError("PostgreSQL: a binary parameter exceeds 2 GB in: " + sqlHead(sql));
            values.push_back(param.data());
            lengths.push_back(static_cast<int>(param.size()));
        }
        Result result(PQexecParams(_conn, sql.c_str(), static_cast<int>(params.size()), nullptr, values.data(),
                                   lengths.data(), formats.data(), 0));
        ExecStatusType status = PQresultStatus(result.result);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(_conn, result.result, sql);
        return changedRows(result.result);
    }

    void begin() override { exec("BEGIN", {}); }
    void commit() override {
        Result result(PQexec(_conn, "COMMIT"));
        if (PQresultStatus(result.result) != PGRES_COMMAND_OK) fail(_conn, result.result, "COMMIT");
        if (std::strcmp(PQcmdStatus(result.result), "ROLLBACK") == 0)
            throw StorageError("PostgreSQL: the transaction was rolled back at COMMIT (an earlier statement failed)");
    }
    void rollback() noexcept override {
        if (PQtransactionStatus(_conn) != PQTRANS_IDLE) PQclear(PQexec(_conn, "ROLLBACK"));
    }

private:
    void sendCopyData(std::string& buffer, const std::string& sql) {
        if (buffer.empty()) return;
        if (PQputCopyData(_conn, buffer.data(), static_cast<int>(buffer.size())) != 1) fail(_conn, nullptr, sql);
        buffer.clear();
    }

    void cancelAndDrain() noexcept {
        if (PGcancel* cancel = PQgetCancel(_conn)) {
            char message[256];
            PQcancel(cancel, message, sizeof message);
            PQfreeCancel(cancel);
        }
        while (PGresult* raw = PQgetResult(_conn)) PQclear(raw);
    }

    std::optional<SessionLease> _lease;
    PGconn* _conn = nullptr;
    PGconn* _owned = nullptr;  ///< the dedicated connection this object closes
};

void configure(Poco::Data::Session& session) { PQsetNoticeProcessor(nativeHandle(session), ignoreNotice, nullptr); }

/// Opens a connection of our own with libpq; throws StorageError naming the redacted URL when that fails
/// (the failed PGconn is freed here).
PGconn* connectOwn(const StorageUrl& url) {
    PGconn* conn = PQconnectdb(url.connectionString().c_str());
    if (conn && PQstatus(conn) == CONNECTION_OK) {
        PQsetNoticeProcessor(conn, ignoreNotice, nullptr);
        return conn;
    }
    std::string message = conn ? PQerrorMessage(conn) : "out of memory";
    PQfinish(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    throw StorageError("cannot connect to " + url.redacted() + ": " + url.scrub(message));
}

/// Explains a failed pool connection. Poco 1.11 never frees the PGconn of a failed connection attempt
/// (SessionHandle::connect), so after a failure SessionSlots runs this before every new session until one
/// opens again: a retry during an outage or after a password change then leaks nothing.
void probe(const StorageUrl& url) { PQfinish(connectOwn(url)); }

class PgSource : public ConnectionSource {
public:
    PgSource(const StorageUrl& url, const StorageOptions& options) : _url(url) {
        static std::once_flag registered;
        std::call_once(registered, [] { Poco::Data::PostgreSQL::Connector::registerConnector(); });
        _slots = std::make_shared<SessionSlots>(
            "PostgreSQL", url.connectionString(), options.poolSize, options.busyTimeoutMs, configure,
            [url] { probe(url); }, url.redacted(), [url](const std::string& text) { return url.scrub(text); });
    }

    Dialect dialect() const override { return Dialect::PostgreSQL; }

    std::unique_ptr<SessionConnection> acquire() override {
        return std::make_unique<PgConnection>(_slots->acquire());
    }

    std::unique_ptr<SessionConnection> connectDedicated() override {
        return std::make_unique<PgConnection>(connectOwn(_url));
    }

private:
    StorageUrl _url;
    std::shared_ptr<SessionSlots> _slots;
};

}  // namespace

std::unique_ptr<ConnectionSource> makePostgresSource(const StorageUrl& url, const StorageOptions& options) {
    return std::make_unique<PgSource>(url, options);
}

}  // namespace statshost::storage
