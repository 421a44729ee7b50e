// RepositoryTx: construction and the per-transaction change sequence.
#include "repository/RepositoryTx.h"

#include "statshost/Errors.h"

namespace statshost::repository {

RepositoryTx::RepositoryTx(storage::Connection& connection, const Clock& clock) : _c(connection), _clock(clock) {}

std::int64_t RepositoryTx::changeSeq() {
    if (_changeSeq != 0) return _changeSeq;
    // The row lock taken here is held until the transaction ends, so numbers commit in increasing order
    // (SQLite: BEGIN IMMEDIATE already serializes writers).
    std::int64_t value = 0;
    _c.query("UPDATE repo_change_counter SET value = value + 1 WHERE id = 1 RETURNING value", {},
             [&](const storage::Row& row) { value = row.getInt(0); });
    if (value <= 0) throw StorageError("repo_change_counter has no row: the repository schema was not created");
    _changeSeq = value;
    return value;
}

}  // namespace statshost::repository
