// The usage tables on both dialects. DDL runs in one transaction; on PostgreSQL an advisory transaction
// lock serializes concurrent runs (CREATE ... IF NOT EXISTS alone can fail with a unique violation in the
// catalog when two sessions race), on SQLite BEGIN IMMEDIATE already does.
#include "usage/store/UsageSchema.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "statshost/Errors.h"
#include "storage/Names.h"
#include "usage/store/UsageIngest.h"
#include "usage/store/UsageSql.h"
#include "usage/store/UsageStore.h"

namespace statshost::usage {

namespace {

using storage::Connection;
using storage::Dialect;

const std::vector<std::string> kTables = {"usage_events", "usage_changes", "usage_counters", "usage_state"};
const char* const kKeyIndexColumns = "(click_bucket, event_type, unique_id, visitor_id, day)";
const char* const kStreamIndex = "usage_events_stream";

void lockDdl(Connection& c) {
    if (c.dialect() == Dialect::PostgreSQL)
        c.query("SELECT pg_advisory_xact_lock($1)", {storage::lockKey("statshost-ddl:usage")},
                [](const storage::Row&) {});
}

void createTables(Connection& c) {
    const bool pg = c.dialect() == Dialect::PostgreSQL;
    const std::string key = pg ? "TEXT COLLATE \"C\"" : "TEXT";

    // The insertion counter; its row lock also serializes ingesting transactions (see UsageStore.h).
    c.exec("CREATE TABLE IF NOT EXISTS usage_state (id INTEGER PRIMARY KEY CHECK (id = 1), next_seq BIGINT NOT NULL)");
    c.exec("INSERT INTO usage_state (id, next_seq) VALUES (1, 1) ON CONFLICT (id) DO NOTHING");

    // Survivors only, one index: the double-click key (the fixed10s upsert target), which also serves the
    // aggregators' day-range scan (click_bucket order; scanDays sorts each page by time). Time first: live
    // ingestion appends at its right edge, where a stream-first key would dirty one random page per event
    // (each commit rewrites them all). `day` is implied by click_bucket; PostgreSQL needs it in a partitioned
    // unique key. PostgreSQL: one partition per year of `day`, created by the first store() that needs it.
    // SQLite: the table is clustered on the key (WITHOUT ROWID), a single b-tree.
    if (pg) {
        c.exec("CREATE TABLE IF NOT EXISTS usage_events (" + schema::eventColumnsDdl(c.dialect()) +
               ") PARTITION BY RANGE (day)");
        c.exec(std::string("CREATE UNIQUE INDEX IF NOT EXISTS usage_events_key ON usage_events ") + kKeyIndexColumns);
    } else {
        c.exec("CREATE TABLE IF NOT EXISTS usage_events (" + schema::eventColumnsDdl(c.dialect()) + ", PRIMARY KEY " +
               kKeyIndexColumns + ") WITHOUT ROWID");
    }

    // Days each transaction touched, including days that lost a row (a deleted or moved survivor), which a
    // change_seq column on the rows alone could not show. A few rows per store() call.
    c.exec(std::string("CREATE TABLE IF NOT EXISTS usage_changes (change_seq BIGINT NOT NULL, day INTEGER NOT NULL, "
                       "PRIMARY KEY (change_seq, day))") +
           (pg ? "" : " WITHOUT ROWID"));

    c.exec("CREATE TABLE IF NOT EXISTS usage_counters (month " + key + " NOT NULL, event_type " + key +
           " NOT NULL, stored BIGINT NOT NULL, robots BIGINT NOT NULL, api_views BIGINT NOT NULL, "
           "double_clicks BIGINT NOT NULL, no_country BIGINT NOT NULL, PRIMARY KEY (month, event_type))");
}

/// The relations among `names` that exist in the schema new tables go to. PostgreSQL: read from pg_class
/// with the statement's snapshot, not through the session's catalog caches (to_regclass), which may still
/// hold "missing" for a relation another session created while this one waited for the DDL lock — which
/// would make createSchema run DDL on a complete schema.
std::vector<std::string> existing(Connection& c, const std::vector<std::string>& names) {
    sql::Params p;
    std::string list;
    for (const std::string& name : names) list += (list.empty() ? "" : ", ") + p.add(name);
    const std::string sql = c.dialect() == Dialect::PostgreSQL
                                ? "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                  "WHERE n.nspname = current_schema() AND c.relname IN (" +
                                      list + ")"
                                : "SELECT name FROM sqlite_master WHERE name IN (" + list + ")";
    std::vector<std::string> found;
    c.query(sql, p.values(), [&](const storage::Row& row) { found.push_back(row.getString(0)); });
    return found;
}

/// True when every table and index exists and usage_state has its row. Reads without waiting for locks:
/// DDL on a complete schema would (CREATE INDEX IF NOT EXISTS takes a SHARE lock on the table, the state-row
/// INSERT waits for its row lock) and could deadlock with an ingesting transaction that holds the state row
/// and waits for the DDL lock to create a partition.
bool schemaComplete(Connection& c) {
    std::vector<std::string> names = kTables;
    if (c.dialect() == Dialect::PostgreSQL) names.push_back("usage_events_key");
    if (existing(c, names).size() != names.size()) return false;
    std::int64_t rows = 0;
    c.query("SELECT count(*) FROM usage_state WHERE id = 1", {},
            [&](const storage::Row& row) { rows = row.getInt(0); });
    return rows == 1;
}

}  // namespace

namespace schema {

std::string eventColumnsDdl(storage::Dialect dialect) {
    const bool pg = dialect == Dialect::PostgreSQL;
    const std::string text = pg ? " TEXT COLLATE \"C\" NOT NULL" : " TEXT NOT NULL";
    // Fixed-width columns first (no alignment padding on PostgreSQL).
    std::string ddl =
        "seq BIGINT NOT NULL, change_seq BIGINT NOT NULL, ts_us BIGINT NOT NULL, click_bucket BIGINT NOT NULL, "
        "chain_first_us BIGINT NOT NULL, size BIGINT NOT NULL, day INTEGER NOT NULL, is_machine SMALLINT NOT NULL";
    for (const char* column : {"event_type", "record_id", "parent_id", "visitor_id", "unique_id", "session_id",
                               "country", "referrer_host", "file_id", "file_key", "bucket_id", "file_type"})
        ddl += std::string(", ") + column + text;
    return ddl;
}

std::string partitionName(std::int64_t year) {
    char name[32];
    std::snprintf(name, sizeof name, "usage_events_y%04lld", static_cast<long long>(year));
    return name;
}

std::vector<std::string> neededRelations(Connection& c, const std::vector<std::int64_t>& days, bool streamIndex) {
    std::set<std::int64_t> years;
    if (c.dialect() == Dialect::PostgreSQL)
        for (std::int64_t day : days) years.insert(sql::yearOfDay(day));
    std::vector<std::string> names;
    for (std::int64_t year : years) names.push_back(partitionName(year));
    if (streamIndex) names.push_back(kStreamIndex);
    return names;
}

std::string presenceChecks(sql::Params& p, const std::vector<std::string>& names, const std::string& alias) {
    std::string checks;
    for (std::size_t k = 0; k < names.size(); ++k)
        checks += ", (to_regclass(" + p.add(names[k]) + "::text) IS NOT NULL)::int" +
                  (alias.empty() ? std::string() : " AS " + alias + std::to_string(k));
    return checks;
}

void createMissing(Connection& c, const std::vector<std::int64_t>& days, bool streamIndex,
                   const std::vector<std::string>& present) {
    const std::vector<std::string> names = neededRelations(c, days, streamIndex);
    if (present.size() >= names.size()) return;
    lockDdl(c);
    const std::vector<std::string> exact = existing(c, names);  // a racing creator has committed by now
    std::set<std::int64_t> years;
    if (c.dialect() == Dialect::PostgreSQL)
        for (std::int64_t day : days) years.insert(sql::yearOfDay(day));
    for (std::int64_t year : years) {
        const std::string name = partitionName(year);
        if (std::find(exact.begin(), exact.end(), name) != exact.end()) continue;
        // Created apart, then attached: ATTACH takes SHARE UPDATE EXCLUSIVE on usage_events, so readers
        // (scans) go on; CREATE TABLE ... PARTITION OF would lock them out until this transaction ends.
        c.exec("CREATE TABLE " + name + " (LIKE usage_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
        c.exec("ALTER TABLE usage_events ATTACH PARTITION " + name + " FOR VALUES FROM (" +
               std::to_string(sql::firstDayOfYear(year)) + ") TO (" + std::to_string(sql::firstDayOfYear(year + 1)) +
               ")");
    }
    if (streamIndex && std::find(exact.begin(), exact.end(), kStreamIndex) == exact.end())
        c.exec(std::string("CREATE INDEX IF NOT EXISTS ") + kStreamIndex +
               " ON usage_events (event_type, unique_id, visitor_id, ts_us)");
}

std::int64_t beginWrite(Connection& c, std::size_t count, const std::vector<std::int64_t>& days, bool streamIndex) {
    const std::vector<std::string> names = neededRelations(c, days, streamIndex);

    // PostgreSQL: one round trip. to_regclass reads the session's catalog cache, which can still say "missing"
    // for a relation another session created while this one waited for the row lock; CREATE ... IF NOT
    // EXISTS below then finds it (a notice). It never says "exists" wrongly (relations are only dropped with
    // the whole schema).
    sql::Params p;
    const std::string countParam = p.add(static_cast<std::int64_t>(count));
    const bool withCatalog = c.dialect() == Dialect::PostgreSQL && !names.empty();
    const std::string checks = withCatalog ? presenceChecks(p, names) : std::string();
    std::int64_t next = 0;
    std::vector<std::string> present;
    c.query("UPDATE usage_state SET next_seq = next_seq + " + countParam + " WHERE id = 1 RETURNING next_seq" + checks,
            p.values(), [&](const storage::Row& row) {
                next = row.getInt(0);
                for (std::size_t k = 0; withCatalog && k < names.size(); ++k)
                    if (row.getInt(k + 1) != 0) present.push_back(names[k]);
            });
    if (next <= 0) throw StorageError("usage_state has no row: the usage schema was not created");
    if (!withCatalog && !names.empty()) present = existing(c, names);
    createMissing(c, days, streamIndex, present);
    return next - static_cast<std::int64_t>(count);
}

void sqliteTempTable(Connection& c, const std::string& name, const std::string& columnsDdl) {
    c.exec("CREATE TEMP TABLE IF NOT EXISTS " + name + " (" + columnsDdl + ")");
    c.exec("DELETE FROM temp." + name);
}

}  // namespace schema

void UsageStore::createSchema(storage::Database& db) {
    bool complete = false;
    db.withConnection([&](Connection& c) { complete = schemaComplete(c); });
    if (complete) return;
    db.transaction([](Connection& c) {
        lockDdl(c);
        if (!schemaComplete(c)) createTables(c);  // another process may have finished it meanwhile
    });
}

void UsageStore::dropSchema(storage::Database& db) {
    ingest::forgetKnownPartitions();
    db.transaction([](Connection& c) {
        lockDdl(c);
        for (const std::string& table : kTables) c.exec("DROP TABLE IF EXISTS " + table);
    });
}

}  // namespace statshost::usage
