#include "storage/Registry.h"

#include <algorithm>
#include <optional>

#include "statshost/Errors.h"

namespace statshost::storage {
namespace {

bool hasColumn(Connection& c, const std::string& table, const std::string& column) {
    bool found = false;
    auto onRow = [&](const Row&) { found = true; };
    if (c.dialect() == Dialect::SQLite)
        c.query("SELECT 1 FROM pragma_table_info($1) WHERE name = $2", {table, column}, onRow);
    else
        c.query("SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 "
                "AND column_name = $2",
                {table, column}, onRow);
    return found;
}

/// Schema 1 → 2: the template's fill rule and extent bookmark. `column` and `definition` are constants.
void addColumnIfMissing(Connection& c, const std::string& table, const std::string& column,
                        const std::string& definition) {
    if (!hasColumn(c, table, column)) c.exec("ALTER TABLE " + table + " ADD COLUMN " + column + " " + definition);
}

/// Schema 2 → 3 on PostgreSQL: every family table whose body is still jsonb gets a bytea body holding the
/// JSON text (BodyCodec.h reads it as is). Names come from statshost_indices and are checked by the server's
/// catalog lookup: only tables that exist with a jsonb `body` column are altered, quoted as identifiers.
void convertJsonbBodies(Connection& c) {
    std::vector<std::string> tables;
    c.query("SELECT c.table_name FROM information_schema.columns c JOIN statshost_indices i ON i.table_name = "
            "c.table_name WHERE c.table_schema = current_schema() AND c.column_name = 'body' AND c.data_type = 'jsonb' "
            "ORDER BY c.table_name",
            {}, [&](const Row& row) { tables.push_back(row.getString(0)); });
    for (const std::string& table : tables) {
        std::string quoted = "\"";
        for (char ch : table) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        quoted += '"';
        c.exec("ALTER TABLE " + quoted + " ALTER COLUMN body TYPE bytea USING convert_to(body::text, 'UTF8')");
    }
}

}  // namespace

bool internalTablesCurrent(Connection& c) {
    bool exists = false;
    if (c.dialect() == Dialect::SQLite)
        c.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'statshost_meta'", {},
                [&](const Row&) { exists = true; });
    else
        c.query("SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND c.relname = 'statshost_meta'",
                {}, [&](const Row&) { exists = true; });
    if (!exists) return false;
    bool current = false;
    c.query("SELECT 1 FROM statshost_meta WHERE key = 'schema_version' AND value = $1", {std::to_string(kSchemaVersion)},
            [&](const Row&) { current = true; });
    return current;
}

void createInternalTables(Connection& c) {
    c.exec("CREATE TABLE IF NOT EXISTS statshost_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    c.exec("CREATE TABLE IF NOT EXISTS statshost_indices (alias TEXT PRIMARY KEY, table_name TEXT NOT NULL UNIQUE, "
           "date_field TEXT NOT NULL, mapping TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, "
           "fill TEXT NOT NULL DEFAULT 'none', extent_bookmark TEXT NOT NULL DEFAULT '')");
    addColumnIfMissing(c, "statshost_indices", "fill", "TEXT NOT NULL DEFAULT 'none'");
    addColumnIfMissing(c, "statshost_indices", "extent_bookmark", "TEXT NOT NULL DEFAULT ''");
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
    if (version < 3 && c.dialect() == Dialect::PostgreSQL) convertJsonbBodies(c);  // SQLite: text reads as bytes
    if (version < kSchemaVersion)  // the migrations above ran
        c.exec("UPDATE statshost_meta SET value = $1 WHERE key = 'schema_version'", {std::to_string(kSchemaVersion)});
}

std::string fillRuleName(FillRule rule, bool derived) {
    std::string name = "none";
    switch (rule) {
    case FillRule::Zero: name = "zero"; break;
    case FillRule::CarryForward: name = "carry_forward"; break;
    case FillRule::None: break;
    }
    return derived ? name + kDerivedSuffix : name;
}

SparseTemplate sparseTemplate(Connection& c, const std::string& alias) {
    std::optional<SparseTemplate> found;
    c.query("SELECT fill, extent_bookmark FROM statshost_indices WHERE alias = $1", {alias}, [&](const Row& row) {
        SparseTemplate tmpl;
        std::string fill = row.getString(0);
        const std::string suffix = kDerivedSuffix;
        if (fill.size() > suffix.size() && fill.compare(fill.size() - suffix.size(), suffix.size(), suffix) == 0) {
            tmpl.derived = true;
            fill.resize(fill.size() - suffix.size());
        }
        if (fill == fillRuleName(FillRule::Zero))
            tmpl.fill = FillRule::Zero;
        else if (fill == fillRuleName(FillRule::CarryForward))
            tmpl.fill = FillRule::CarryForward;
        else if (fill != fillRuleName(FillRule::None))
            throw StorageError("index '" + alias + "' has an unknown fill rule '" + row.getString(0) +
                               "' in statshost_indices");
        tmpl.extentBookmark = row.getString(1);
        found = std::move(tmpl);
    });
    if (!found) throw StorageError("unknown index '" + alias + "': register its template first");
    return *found;
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
