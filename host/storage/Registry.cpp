#include "storage/Registry.h"

#include <algorithm>
#include <optional>

#include "statshost/Errors.h"

namespace statshost::storage {

void createInternalTables(Connection& c) {
    c.exec("CREATE TABLE IF NOT EXISTS statshost_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    c.exec("CREATE TABLE IF NOT EXISTS statshost_indices (alias TEXT PRIMARY KEY, table_name TEXT NOT NULL UNIQUE, "
           "date_field TEXT NOT NULL, mapping TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)");
    c.exec("CREATE TABLE IF NOT EXISTS statshost_index_years (alias TEXT NOT NULL REFERENCES statshost_indices (alias) "
           "ON DELETE CASCADE, year INTEGER NOT NULL, PRIMARY KEY (alias, year))");
    c.exec("CREATE TABLE IF NOT EXISTS statshost_bookmarks (aggregation TEXT NOT NULL, community_id TEXT NOT NULL, "
           "value TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (aggregation, community_id))");
    c.exec("CREATE TABLE IF NOT EXISTS statshost_locks (name TEXT PRIMARY KEY, owner TEXT NOT NULL, "
           "acquired_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)");

    std::optional<std::string> stored;
    c.query("SELECT value FROM statshost_meta WHERE key = 'schema_version'", {},
            [&](const Row& row) { stored = row.getString(0); });
    if (!stored) {
        c.exec("INSERT INTO statshost_meta (key, value) VALUES ('schema_version', $1)", {std::to_string(kSchemaVersion)});
        return;
    }
    int version = 0;
    try {
        version = std::stoi(*stored);
    } catch (const std::exception&) {
        throw StorageError("statshost_meta holds an unreadable schema_version '" + *stored + "'");
    }
    if (version > kSchemaVersion)
        throw StorageError("the database has schema version " + *stored + ", newer than this statshost supports (" +
                           std::to_string(kSchemaVersion) + ")");
}

std::vector<std::string> registeredAliases(Connection& c) {
    std::vector<std::string> aliases;
    c.query("SELECT alias FROM statshost_indices", {}, [&](const Row& row) { aliases.push_back(row.getString(0)); });
    std::sort(aliases.begin(), aliases.end());
    return aliases;
}

std::vector<int> registeredYears(Connection& c, const std::string& alias) {
    bool known = false;
    std::vector<int> years;
    c.query("SELECT y.year FROM statshost_indices i LEFT JOIN statshost_index_years y ON y.alias = i.alias "
            "WHERE i.alias = $1 ORDER BY y.year",
            {alias}, [&](const Row& row) {
                known = true;
                if (!row.isNull(0)) years.push_back(static_cast<int>(row.getInt(0)));
            });
    if (!known) throw StorageError("unknown index '" + alias + "': register its template first");
    return years;
}

}  // namespace statshost::storage
