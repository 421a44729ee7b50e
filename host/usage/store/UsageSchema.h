#pragma once
/// DDL of the usage tables (internal to usage/store/): the shared column definitions, what writes create
/// on demand (PostgreSQL's yearly partitions, counter30s's stream index), SQLite's temporary key table.
#include <cstdint>
#include <string>
#include <vector>

#include "storage/Database.h"
#include "usage/store/UsageSql.h"

namespace statshost::usage::schema {

/// The usage_events column definitions for `dialect` (also used for the staging tables and the benchmark's
/// raw table, so all share one layout).
std::string eventColumnsDdl(storage::Dialect dialect);

/// Name of the PostgreSQL partition of `year`: usage_events_y2024.
std::string partitionName(std::int64_t year);

/// Starts a store() inside the caller's transaction: locks the usage_state row (held until the transaction
/// ends, which serializes ingesting transactions; SQLite's BEGIN IMMEDIATE already does), reserves `count`
/// insertion numbers and returns the first, and creates what the write needs and is missing, serialized by an
/// advisory transaction lock so racing creators cannot collide: on PostgreSQL the partitions of `days`' years;
/// with `streamIndex` (counter30s) the index usage_events_stream (type, unique_id, visitor_id, ts_us) that
/// finds a stream's chains. fixed10s deployments never build it: its keys are random, so every insert would
/// dirty a random page. PostgreSQL: one statement when nothing is missing.
///
/// Reads of usage_events must come after this, in later statements: a read in the same statement would run
/// on a plan made before the wait for the row, which can lack a partition attached by the transaction
/// waited for (found when 4 writers raced on an empty database: the COPY then hit the unique key).
std::int64_t beginWrite(storage::Connection& c, std::size_t count, const std::vector<std::int64_t>& days,
                        bool streamIndex);

/// The relations a write of `days` needs that beginWrite may have to create: PostgreSQL's partitions of the
/// days' years, and with `streamIndex` the index usage_events_stream.
std::vector<std::string> neededRelations(storage::Connection& c, const std::vector<std::int64_t>& days,
                                         bool streamIndex);
/// PostgreSQL select-list items ", (to_regclass($n::text) IS NOT NULL)::int", one per name (parameters added
/// to `p`): 1 when the relation exists as far as the session's catalog cache knows. With `alias`, item k is
/// named <alias>k.
std::string presenceChecks(sql::Params& p, const std::vector<std::string>& names, const std::string& alias = "");
/// Creates the neededRelations(c, days, streamIndex) missing from `present` (the names found), under the
/// advisory DDL lock; nothing when all were found.
void createMissing(storage::Connection& c, const std::vector<std::int64_t>& days, bool streamIndex,
                   const std::vector<std::string>& present);

/// SQLite: creates the temporary table `name` (this connection only) with the column definitions
/// `columnsDdl` if missing, and empties it.
void sqliteTempTable(storage::Connection& c, const std::string& name, const std::string& columnsDdl);

}  // namespace statshost::usage::schema
