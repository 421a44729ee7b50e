#pragma once
/// The internal tables: schema version, index templates and their years, bookmarks, locks.
/// Functions run on the caller's connection (and inside its transaction, if any).
#include <string>
#include <vector>

#include "storage/Database.h"

namespace statshost::storage {

/// The schema version this code writes; a database with a higher one is refused.
constexpr int kSchemaVersion = 1;

/// Creates the internal tables if missing and records or checks the schema version. The DDL is the same
/// on both dialects. Callers serialize concurrent runs (IndexLayout::lockDdl).
void createInternalTables(Connection& connection);

/// Registered aliases, sorted bytewise (the same order on both dialects).
std::vector<std::string> registeredAliases(Connection& connection);

/// The years of a registered alias, ascending; throws StorageError("unknown index ...") when the alias
/// has no template.
std::vector<int> registeredYears(Connection& connection, const std::string& alias);

}  // namespace statshost::storage
