#pragma once
/// What a backend provides to Database: connections with transaction control. Internal to storage/.
#include <memory>
#include <string>

#include "storage/Database.h"

namespace statshost::storage {

class StorageUrl;

/// A Connection as the backends implement it, with transaction control for Database::transaction.
class SessionConnection : public Connection {
public:
    /// Starts a write transaction (SQLite: BEGIN IMMEDIATE, retried while busy up to the busy timeout).
    virtual void begin() = 0;
    virtual void commit() = 0;
    /// Never throws; a connection whose rollback fails is left for the pool to discard.
    virtual void rollback() noexcept = 0;
};

/// Hands out connections of one database. Thread-safe.
class ConnectionSource {
public:
    virtual ~ConnectionSource() = default;
    virtual Dialect dialect() const = 0;
    /// A pooled connection (returned to the pool when destroyed), outside any transaction.
    virtual std::unique_ptr<SessionConnection> acquire() = 0;
    /// A new connection outside the pool, closed when destroyed.
    virtual std::unique_ptr<SessionConnection> connectDedicated() = 0;
};

/// `path` must be absolute; its folder must exist.
std::unique_ptr<ConnectionSource> makeSqliteSource(const std::string& path, const StorageUrl& url,
                                                   const StorageOptions& options);
std::unique_ptr<ConnectionSource> makePostgresSource(const StorageUrl& url, const StorageOptions& options);

}  // namespace statshost::storage
