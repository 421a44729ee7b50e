#include "usage/store/IngestWriter.h"

namespace statshost::usage {

IngestWriter::IngestWriter(storage::Database& db) : _db(db) {}

IngestWriter::~IngestWriter() = default;

void IngestWriter::transaction(const std::function<void(storage::Connection&)>& body) {
    std::lock_guard<std::mutex> turn(_turn);
    if (!_connection) {
        _connection = _db.connectDedicated();
        // SQLite's default page cache (2 MiB) instead of the storage's 32 MiB: an append-only writer never
        // reads its pages again, so a larger cache only fills with pages written once, each a fresh
        // allocation the kernel must fault in (the same finding as for `import events`).
        if (_connection->dialect() == storage::Dialect::SQLite) _connection->exec("PRAGMA cache_size=-2000");
    }
    storage::Connection& c = *_connection;
    // SQLite: take the writer lock now, waiting in the busy handler for writers of other processes.
    try {
        c.exec(c.dialect() == storage::Dialect::SQLite ? "BEGIN IMMEDIATE" : "BEGIN");
    } catch (...) {
        _connection.reset();  // busy, or a broken connection: the next call starts from a fresh one
        throw;
    }
    try {
        body(c);
    } catch (...) {
        try {
            c.exec("ROLLBACK");
        } catch (...) {
            _connection.reset();  // closing a connection rolls its transaction back
        }
        throw;
    }
    try {
        c.exec("COMMIT");
    } catch (...) {
        _connection.reset();  // whatever state it is in: closing rolls back, the next call reopens
        throw;
    }
}

}  // namespace statshost::usage
