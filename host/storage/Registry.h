#pragma once
/// The internal tables: schema version, index templates and their years, bookmarks, locks.
/// Functions run on the caller's connection (and inside its transaction, if any).
#include <string>
#include <vector>

#include "statshost/Store.h"
#include "storage/Database.h"

namespace statshost::storage {

/// The schema version this code writes; a database with a higher one is refused.
/// 1: the first release. 2: statshost_indices gained `fill` and `extent_bookmark` (IndexTemplate).
/// 3: document bodies are bytes (BodyCodec.h: zstd frames or JSON text); PostgreSQL's jsonb body columns
/// become bytea holding the JSON text (converted in place; documents are compressed when next written).
constexpr int kSchemaVersion = 3;

/// True when the internal tables exist at kSchemaVersion: two cheap lookups (the system catalog for
/// statshost_meta, then its schema_version row), no DDL and no lock, so a start of a current database costs
/// two round trips. A current version implies every internal table and column exists (they are created
/// or migrated in the transaction that records the version).
bool internalTablesCurrent(Connection& connection);

/// Creates the internal tables if missing, migrates an older schema (adding missing columns) and records
/// or checks the schema version. Callers serialize concurrent runs (IndexLayout::lockDdl).
void createInternalTables(Connection& connection);

/// Appended to the fill rule of a derived family (IndexTemplate::deriver), e.g. "carry_forward derived":
/// the database remembers that the alias is rendered on read, so a process without the deriver fails
/// clearly (and binaries older than ABI 6 refuse the unknown fill rule instead of reading stale rows).
constexpr const char* kDerivedSuffix = " derived";

/// The fill rule as stored in statshost_indices.fill: "none", "zero", "carry_forward" (+ kDerivedSuffix).
std::string fillRuleName(FillRule rule, bool derived = false);

/// What readDense needs of a registered template; throws StorageError("unknown index ...") when the alias
/// has no template.
struct SparseTemplate {
    FillRule fill = FillRule::None;
    std::string extentBookmark;
    bool derived = false;  ///< rendered on read (registered with a DocumentDeriver)
};
SparseTemplate sparseTemplate(Connection& connection, const std::string& alias);

/// Registered aliases, sorted bytewise (the same order on both dialects).
std::vector<std::string> registeredAliases(Connection& connection);

/// The years of a registered alias, ascending; throws StorageError("unknown index ...") when the alias
/// has no template.
std::vector<int> registeredYears(Connection& connection, const std::string& alias);

}  // namespace statshost::storage
