// fixed10s write path: survivors of the batch (in memory) are upserted on the double-click key
// (click_bucket, event_type, unique_id, visitor_id, day); a stored row is replaced only when the newcomer is
// at least as late (the newcomer is always the later ingested, so it wins ties).
//
// PostgreSQL: one query reads the stored rows in the batch's buckets (for live traffic a handful: the key
// index is time-first, and buckets after the latest stored one are skipped); survivors of new
// groups are appended with COPY straight into the year's partition, and the few that meet a stored survivor
// go through a multi-row INSERT ... ON CONFLICT ... DO UPDATE ... WHERE. Measured against COPY into a staging
// table + one INSERT ... SELECT ... ON CONFLICT for all rows, this saves speculative insertion on every row
// and the staging table's truncation at every commit (see the report in scripts/bench/README.md).
// SQLite (in-process, so per-row statements cost no round trip): one prepared INSERT ... ON CONFLICT DO
// NOTHING per survivor; the rare conflicts then read the stored row and upsert with the same rule.
#include <algorithm>
#include <memory>
#include <unordered_map>

#include "statshost/Errors.h"
#include "usage/store/UsageDoubleClicks.h"
#include "usage/store/UsageIngest.h"
#include "usage/store/UsageSchema.h"
#include "usage/store/UsageSql.h"

namespace statshost::usage::ingest {

namespace {

using storage::Connection;
using storage::Row;
using storage::SqlParams;

const char* const kKeyColumns = "click_bucket, event_type, unique_id, visitor_id, day";

/// Rows per replacement upsert (20 parameters each; PostgreSQL allows 65535, SQLite 32766).
constexpr std::size_t kUpsertRows = 1000;

/// The SET list of the upsert: every column except the key.
std::string replaceAssignments() {
    std::string set;
    for (const char* column :
         {"seq", "change_seq", "ts_us", "chain_first_us", "record_id", "parent_id", "session_id", "country",
          "referrer_host", "is_machine", "file_id", "file_key", "bucket_id", "file_type", "size"})
        set += std::string(set.empty() ? "" : ", ") + column + " = excluded." + column;
    return set;
}

/// INSERT of `rows` rows (multi-row VALUES, $1.. in writeColumns() order per row), without a conflict clause.
std::string insertSql(std::size_t rows) {
    const std::size_t columns = sql::writeColumns().size();
    std::string values;
    for (std::size_t r = 0; r < rows; ++r) {
        values += r ? ", (" : "(";
        for (std::size_t i = 1; i <= columns; ++i) values += (i > 1 ? ", $" : "$") + std::to_string(r * columns + i);
        values += ")";
    }
    return "INSERT INTO usage_events (" + sql::columnList() + ") VALUES " + values;
}

/// The upsert: replaces the stored row of the same key only when the newcomer is at least as late.
std::string upsertSql(std::size_t rows) {
    return insertSql(rows) + " ON CONFLICT (" + kKeyColumns + ") DO UPDATE SET " + replaceAssignments() +
           " WHERE excluded.ts_us >= usage_events.ts_us";
}

std::int64_t seqOf(std::int64_t firstSeq, std::size_t i) { return firstSeq + static_cast<std::int64_t>(i); }

/// A stored survivor as the decision needs it.
struct Stored {
    std::int64_t ts;
    bool noCountry;
};
using StoredByKey = std::unordered_map<std::string, Stored>;

void addStored(const Row& row, StoredByKey& stored) {
    const std::string stream = clicks::streamKey(sql::parseType(row.getString(1)), row.getString(2), row.getString(3));
    stored.emplace(clicks::bucketKey(stream, row.getInt(0)), Stored{row.getInt(4), row.getString(5).empty()});
}

void storePostgres(const Batch& b, const std::vector<std::size_t>& winners) {
    Connection& c = b.c;
    // 1. The lock and insertion numbers, then (a later statement, see schema::beginWrite) the stored rows in
    //    the winners' buckets.
    const std::int64_t firstSeq = schema::beginWrite(c, b.events.size(), b.days, false);
    std::vector<std::int64_t> buckets;
    buckets.reserve(winners.size());
    for (std::size_t i : winners) buckets.push_back(sql::bucketOf(b.events[i].timestampMicros));
    std::sort(buckets.begin(), buckets.end());
    buckets.erase(std::unique(buckets.begin(), buckets.end()), buckets.end());
    StoredByKey stored;
    if (!winners.empty()) {
        sql::Params p;
        const std::string text = sql::storedInBucketsSql(p, b.days, buckets);
        c.query(text, p.values(), [&](const Row& row) { addStored(row, stored); });
    }

    // 2. New groups are appended with COPY; a group with a stored survivor is replaced (upsert) when the
    //    newcomer is at least as late, else the newcomer is the double click.
    std::vector<std::size_t> inserts, replacements;
    for (std::size_t i : winners) {
        const UsageEvent& e = b.events[i];
        auto it = stored.empty()
                      ? stored.end()
                      : stored.find(clicks::bucketKey(clicks::streamKey(e), sql::bucketOf(e.timestampMicros)));
        if (it == stored.end()) {
            inserts.push_back(i);
            b.ledger.stored(e.day, e.type, e.country.empty());
        } else if (e.timestampMicros >= it->second.ts) {
            replacements.push_back(i);
            b.ledger.displaced(e.day, e.type, it->second.noCountry);
            b.ledger.stored(e.day, e.type, e.country.empty());
        } else {
            b.ledger.suppressed(e.day, e.type);
        }
    }
    const std::int64_t firstYear = sql::yearOfDay(b.days.front());
    const bool oneYear = firstYear == sql::yearOfDay(b.days.back());
    std::size_t next = 0;
    if (!inserts.empty())  // straight into the year's partition when there is one (skips tuple routing)
        c.copyIn(oneYear ? schema::partitionName(firstYear) : sql::kEvents, sql::writeColumns(), [&](SqlParams& row) {
            if (next == inserts.size()) return false;
            const std::size_t i = inserts[next++];
            const UsageEvent& e = b.events[i];
            sql::eventRow(e, seqOf(firstSeq, i), b.changeSeq, e.timestampMicros, row);
            return true;
        });
    SqlParams row;
    for (std::size_t begin = 0; begin < replacements.size(); begin += kUpsertRows) {
        const std::size_t end = std::min(replacements.size(), begin + kUpsertRows);
        SqlParams params;
        for (std::size_t k = begin; k < end; ++k) {
            const UsageEvent& e = b.events[replacements[k]];
            sql::eventRow(e, seqOf(firstSeq, replacements[k]), b.changeSeq, e.timestampMicros, row);
            params.insert(params.end(), row.begin(), row.end());
        }
        const std::uint64_t changed = c.exec(upsertSql(end - begin), params);
        // Ingesting transactions are serialized (usage_state), so what step 1 read still holds.
        if (changed != end - begin)
            throw StorageError("usage_events changed during a store(): " + std::to_string(changed) + " of " +
                               std::to_string(end - begin) + " replacements applied");
    }
}

void storeSqlite(const Batch& b, const std::vector<std::size_t>& winners) {
    Connection& c = b.c;
    const std::int64_t firstSeq = schema::beginWrite(c, b.events.size(), b.days, false);
    std::vector<std::size_t> conflicts;
    {
        auto statement = c.prepare(insertSql(1) + " ON CONFLICT (" + kKeyColumns + ") DO NOTHING");
        SqlParams row;
        for (std::size_t i : winners) {
            const UsageEvent& e = b.events[i];
            sql::eventRow(e, seqOf(firstSeq, i), b.changeSeq, e.timestampMicros, row);
            if (statement->exec(row) == 1)
                b.ledger.stored(e.day, e.type, e.country.empty());
            else
                conflicts.push_back(i);
        }
    }
    if (conflicts.empty()) return;
    auto upsert = c.prepare(upsertSql(1));
    SqlParams row;
    for (std::size_t i : conflicts) {
        const UsageEvent& e = b.events[i];
        bool found = false;
        Stored old{0, false};
        c.query(
            "SELECT ts_us, country FROM usage_events WHERE click_bucket = $1 AND event_type = $2 AND "
            "unique_id = $3 AND visitor_id = $4 AND day = $5",
            {sql::bucketOf(e.timestampMicros), std::string(sql::typeText(e.type)), e.uniqueId, e.visitorId, e.day},
            [&](const Row& r) {
                found = true;
                old = {r.getInt(0), r.getString(1).empty()};
            });
        if (found && e.timestampMicros < old.ts) {
            b.ledger.suppressed(e.day, e.type);
            continue;
        }
        sql::eventRow(e, seqOf(firstSeq, i), b.changeSeq, e.timestampMicros, row);
        upsert->exec(row);
        if (found) b.ledger.displaced(e.day, e.type, old.noCountry);
        b.ledger.stored(e.day, e.type, e.country.empty());
    }
}

}  // namespace

void storeFixed10s(const Batch& b) {
    const clicks::BatchDedupe dedupe = clicks::dedupeFixed10s(b.events);
    for (std::size_t i : dedupe.losers) b.ledger.suppressed(b.events[i].day, b.events[i].type);
    if (b.c.dialect() == storage::Dialect::PostgreSQL)
        storePostgres(b, dedupe.winners);
    else
        storeSqlite(b, dedupe.winners);
}

}  // namespace statshost::usage::ingest
