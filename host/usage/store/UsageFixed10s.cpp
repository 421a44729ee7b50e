// fixed10s write path: survivors of the batch (in memory) are upserted on the double-click key
// (click_bucket, event_type, unique_id, visitor_id, day); a stored row is replaced only when the newcomer is
// at least as late (the newcomer is always the later ingested, so it wins ties).
//
// PostgreSQL: the statement that takes the usage_state lock also reads the stored rows in the batch's
// buckets (for live traffic a handful: the key index is time-first, and buckets after the latest stored one
// are skipped) and, when none meets a winner, writes the counters (startPostgres); survivors of new
// groups are appended with COPY straight into the year's partition, and the few that meet a stored survivor
// go through a multi-row INSERT ... ON CONFLICT ... DO UPDATE ... WHERE. Measured against COPY into a staging
// table + one INSERT ... SELECT ... ON CONFLICT for all rows, this saves speculative insertion on every row
// and the staging table's truncation at every commit (see the report in scripts/bench/README.md).
// SQLite (in-process, so per-row statements cost no round trip): one prepared INSERT ... ON CONFLICT DO
// NOTHING per survivor; the rare conflicts then read the stored row and upsert with the same rule.
#include <algorithm>
#include <memory>
#include <mutex>
#include <set>
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

/// Adds the stored row whose storedInBucketsSql columns start at column `at` of `row`.
void addStored(const Row& row, std::size_t at, StoredByKey& stored) {
    const std::string stream =
        clicks::streamKey(sql::parseType(row.getString(at + 1)), row.getString(at + 2), row.getString(at + 3));
    stored.emplace(clicks::bucketKey(stream, row.getInt(at)), Stored{row.getInt(at + 4), row.getString(at + 5).empty()});
}

/// The partitions this process has seen existing in a completed statement (names; cleared by
/// forgetKnownPartitions). A statement planned after that cannot lack them: attaching happens once.
std::mutex knownMutex;
std::set<std::string> knownPartitions;  // guarded by knownMutex

bool allKnown(const std::vector<std::string>& names) {
    std::lock_guard<std::mutex> lock(knownMutex);
    for (const std::string& name : names)
        if (!knownPartitions.count(name)) return false;
    return true;
}

void remember(const std::vector<std::string>& names) {
    std::lock_guard<std::mutex> lock(knownMutex);
    knownPartitions.insert(names.begin(), names.end());
}

/// The text the first-bucket conflict test compares: type, unique_id and visitor_id joined by U+001F (SQL:
/// kConflictKeySql). Equal keys give equal texts; the rare unequal keys with equal texts only make the test
/// report a conflict, which takes the general path.
std::string conflictKey(const std::string& type, const std::string& uniqueId, const std::string& visitorId) {
    return type + '\x1f' + uniqueId + '\x1f' + visitorId;
}
const char* const kConflictKeySql = "(s.event_type || chr(31) || s.unique_id || chr(31) || s.visitor_id) COLLATE \"C\"";

/// Step 1 on PostgreSQL: the lock and insertion numbers, the stored rows in the winners' buckets and — for the
/// usual outcome, no stored row with the key of a winner — the ledger, in one statement (one round trip
/// instead of three).
///
/// A read in the statement that waits for the usage_state row lock runs on a snapshot taken before the wait
/// (see schema::beginWrite), so the statement also returns next_seq as its snapshot saw it (`seen`): every
/// ingesting transaction advances next_seq under that lock, so next_seq == seen + count means no ingesting
/// transaction committed after the snapshot, and the snapshot holds every stored survivor. Otherwise, or when
/// a partition the batch needs was not known to exist before the statement was planned (its plan could lack
/// a partition attached meanwhile), the rows are read again in a later statement and the ledger is written
/// at the end as usual. The ledger's CTEs check the same condition in SQL as this code does on the rows
/// returned. "No conflict" is tested cheaply: live traffic only shares its first bucket with stored rows
/// (the previous batch's last), so a stored row in a later bucket counts as a conflict, and in the first
/// bucket only the winners' keys are compared.
struct WriteStart {
    std::int64_t firstSeq = 0;
    StoredByKey stored;
    bool ledgerWritten = false;
};

WriteStart startPostgres(const Batch& b, const std::vector<std::size_t>& winners,
                         const std::vector<std::int64_t>& buckets) {
    Connection& c = b.c;
    const std::vector<std::string> names = schema::neededRelations(c, b.days, false);
    const bool planned = allKnown(names);  // else the read is repeated in a later statement
    UsageLedger usual = b.ledger;          // every winner a new row
    std::vector<std::string> firstKeys;    // of the winners in the first bucket
    for (std::size_t i : winners) {
        const UsageEvent& e = b.events[i];
        usual.stored(e.day, e.type, e.country.empty());
        if (sql::bucketOf(e.timestampMicros) == buckets.front())
            firstKeys.push_back(conflictKey(sql::typeText(e.type), e.uniqueId, e.visitorId));
    }
    const std::set<std::string> firstKeySet(firstKeys.begin(), firstKeys.end());

    sql::Params p;
    const std::int64_t count = static_cast<std::int64_t>(b.events.size());
    const std::string countParam = p.add(count);
    const std::string checkList = schema::presenceChecks(p, names, "present");
    const std::string storedSql = sql::storedInBucketsSql(p, b.days, buckets);
    std::string ledger;  // with its parameters only when the statement uses it
    if (planned) {
        sql::Params withLedger = p;
        std::string condition = "state_lock.next_seq = state_lock.seen + " + countParam +
                                " AND NOT EXISTS (SELECT 1 FROM stored_rows s WHERE s.click_bucket > " +
                                withLedger.add(buckets.front()) + " OR " + kConflictKeySql + " = ANY(" +
                                withLedger.add(sql::textArray(firstKeys)) + "::text[]))";
        for (std::size_t k = 0; k < names.size(); ++k)
            condition += " AND state_lock.present" + std::to_string(k) + " = 1";
        ledger = usual.conditionalCtes(withLedger, "state_lock", condition);
        if (!ledger.empty()) p = withLedger;
    }
    const std::string text =
        "WITH state_lock AS (UPDATE usage_state SET next_seq = next_seq + " + countParam +
        " WHERE id = 1 RETURNING next_seq, (SELECT s.next_seq FROM usage_state s WHERE s.id = 1) AS seen" + checkList +
        "), stored_rows AS (" + storedSql + ")" + (ledger.empty() ? "" : ", " + ledger) +
        " SELECT state_lock.*, stored_rows.* FROM state_lock LEFT JOIN stored_rows ON true";
    std::int64_t next = 0, seen = 0;
    std::vector<std::string> present;
    bool conflict = false;
    WriteStart start;
    const std::size_t at = 2 + names.size();  // the stored row's columns
    c.query(text, p.values(), [&](const Row& row) {
        if (next == 0) {
            next = row.getInt(0);
            seen = row.getInt(1);
            for (std::size_t k = 0; k < names.size(); ++k)
                if (row.getInt(2 + k) != 0) present.push_back(names[k]);
        }
        if (row.isNull(at)) return;
        addStored(row, at, start.stored);
        if (row.getInt(at) > buckets.front() ||
            firstKeySet.count(conflictKey(row.getString(at + 1), row.getString(at + 2), row.getString(at + 3))))
            conflict = true;
    });
    if (next <= 0) throw StorageError("usage_state has no row: the usage schema was not created");
    const bool current = next == seen + count && planned && present.size() == names.size();
    start.firstSeq = next - count;
    start.ledgerWritten = current && !conflict && !ledger.empty();
    if (start.ledgerWritten) {
        b.ledger = usual;
        b.ledger.markFlushed();
    }
    schema::createMissing(c, b.days, false, present);
    if (present.size() == names.size()) remember(names);
    if (!current) {  // read again, now that this transaction holds the lock
        start.stored.clear();
        sql::Params again;
        const std::string reread = sql::storedInBucketsSql(again, b.days, buckets);
        c.query(reread, again.values(), [&](const Row& row) { addStored(row, 0, start.stored); });
    }
    return start;
}

void storePostgres(const Batch& b, const std::vector<std::size_t>& winners) {
    Connection& c = b.c;
    std::vector<std::int64_t> buckets;
    buckets.reserve(winners.size());
    for (std::size_t i : winners) buckets.push_back(sql::bucketOf(b.events[i].timestampMicros));
    std::sort(buckets.begin(), buckets.end());
    buckets.erase(std::unique(buckets.begin(), buckets.end()), buckets.end());
    // 1. The lock, insertion numbers and stored rows in the winners' buckets (usually with the ledger).
    const WriteStart start = startPostgres(b, winners, buckets);
    const std::int64_t firstSeq = start.firstSeq;
    const StoredByKey& stored = start.stored;

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
            if (!start.ledgerWritten) b.ledger.stored(e.day, e.type, e.country.empty());
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

void forgetKnownPartitions() {
    std::lock_guard<std::mutex> lock(knownMutex);
    knownPartitions.clear();
}

void storeFixed10s(const Batch& b) {
    const clicks::BatchDedupe dedupe = clicks::dedupeFixed10s(b.events);
    for (std::size_t i : dedupe.losers) b.ledger.suppressed(b.events[i].day, b.events[i].type);
    if (b.c.dialect() == storage::Dialect::PostgreSQL)
        storePostgres(b, dedupe.winners);
    else
        storeSqlite(b, dedupe.winners);
}

}  // namespace statshost::usage::ingest
