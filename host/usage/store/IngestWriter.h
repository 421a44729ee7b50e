#pragma once
/// The write transactions of one process's usage ingest on SQLite, on one dedicated connection taken in
/// turns (a mutex).
///
/// Why not the pool: two concurrent requests on pooled connections meet in SQLite's busy handler, which
/// polls with sleeps of 1, 2, 5, 10 ... ms while the lock may already be free; and each commit on one
/// pooled connection invalidates the page cache of the other, which then re-reads (and re-allocates,
/// page-faulting) the pages it needs. Taking turns on the pool alone moved the faults around without
/// removing them (measured: 3x the page faults). One dedicated connection keeps its cache valid between
/// its own transactions (another process's or connection's commit still invalidates it, as SQLite
/// requires), and waiters start the moment the previous transaction ends. Other processes still meet it
/// in the busy handler, with the storage's busy timeout.
///
/// Thread safe. The connection is opened on first use and dropped after a failed BEGIN, COMMIT or ROLLBACK
/// (the next transaction opens a fresh one). Works on PostgreSQL too (plain BEGIN), where the app does not use
/// it: there concurrent transactions do not block each other until they meet on a row.
#include <functional>
#include <memory>
#include <mutex>

#include "storage/Database.h"

namespace statshost::usage {

class IngestWriter {
public:
    /// `db` must outlive the writer.
    explicit IngestWriter(storage::Database& db);
    ~IngestWriter();

    /// Runs `body` between BEGIN IMMEDIATE (SQLite) or BEGIN and COMMIT on the dedicated connection, one
    /// call at a time:
    /// commit when it returns, rollback when it throws (the exception propagates). StorageError when the
    /// transaction cannot start or commit (nothing of `body` is then committed).
    void transaction(const std::function<void(storage::Connection&)>& body);

private:
    storage::Database& _db;
    std::mutex _turn;
    std::unique_ptr<storage::Connection> _connection;  ///< guarded by _turn
};

}  // namespace statshost::usage
