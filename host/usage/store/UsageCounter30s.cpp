// counter30s write path, batched: one query fetches every stored chain the batch's streams can touch, the
// chains are merged in memory (UsageDoubleClicks), and the result is applied as deletes (absorbed or replaced
// survivors, one statement each), chain-start updates (rare) and inserts (COPY), in that order so the unique
// double-click key never sees two survivors at once.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <utility>

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

struct Stream {
    EventType type;
    std::vector<std::size_t> events;  ///< indexes into the batch
    std::vector<clicks::StoredChain> stored;
};

const char* const kKeyTableDdl =
    "tag BIGINT NOT NULL, n BIGINT NOT NULL, event_type TEXT NOT NULL, unique_id TEXT NOT NULL, "
    "visitor_id TEXT NOT NULL, lo_us BIGINT NOT NULL, hi_us BIGINT NOT NULL";

std::vector<Stream> groupStreams(const std::vector<UsageEvent>& events) {
    std::vector<Stream> streams;
    std::unordered_map<std::string, std::size_t> streamOf;
    streamOf.reserve(events.size() * 2);
    for (std::size_t i = 0; i < events.size(); ++i) {
        auto [it, inserted] = streamOf.try_emplace(clicks::streamKey(events[i]), streams.size());
        if (inserted) streams.push_back({events[i].type, {}, {}});
        streams[it->second].events.push_back(i);
    }
    return streams;
}

/// The window of a stream's clicks in which stored chains can touch them.
std::pair<std::int64_t, std::int64_t> window(const Batch& b, const Stream& s) {
    std::int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (std::size_t i : s.events) {
        lo = std::min(lo, b.events[i].timestampMicros);
        hi = std::max(hi, b.events[i].timestampMicros);
    }
    return {lo - sql::kChainGapMicros, hi + sql::kChainGapMicros};
}

/// PostgreSQL: the chains query with the streams as array parameters.
std::string chainsPostgres(sql::Params& p, const Batch& b, const std::vector<Stream>& streams) {
    std::vector<std::string> types, uniqueIds, visitorIds;
    std::vector<std::int64_t> los, his;
    for (const Stream& s : streams) {
        const UsageEvent& e = b.events[s.events.front()];
        types.push_back(sql::typeText(e.type));
        uniqueIds.push_back(e.uniqueId);
        visitorIds.push_back(e.visitorId);
        const auto [lo, hi] = window(b, s);
        los.push_back(lo);
        his.push_back(hi);
    }
    return sql::chainsSql(storage::Dialect::PostgreSQL,
                          {p.add(sql::textArray(types)), p.add(sql::textArray(uniqueIds)),
                           p.add(sql::textArray(visitorIds)), p.add(sql::intArray(los)), p.add(sql::intArray(his))});
}

/// SQLite: the streams go through a temporary table (in-process, no round trips to save; no unnest).
std::string chainsSqlite(sql::Params& p, const Batch& b, std::int64_t tag, const std::vector<Stream>& streams) {
    schema::sqliteTempTable(b.c, "usage_keys", kKeyTableDdl);
    std::size_t next = 0;
    b.c.copyIn(
        "usage_keys", {"tag", "n", "event_type", "unique_id", "visitor_id", "lo_us", "hi_us"}, [&](SqlParams& row) {
            if (next == streams.size()) return false;
            const Stream& s = streams[next];
            const UsageEvent& e = b.events[s.events.front()];
            const auto [lo, hi] = window(b, s);
            ++next;
            row = {
                tag, static_cast<std::int64_t>(next), std::string(sql::typeText(e.type)), e.uniqueId, e.visitorId, lo,
                hi};
            return true;
        });
    return sql::chainsSql(storage::Dialect::SQLite, {p.add(tag)});
}

/// A row of the chains query, into its stream.
void addChain(const Row& row, std::vector<Stream>& streams) {
    clicks::StoredChain chain;
    chain.seq = row.getInt(1);
    chain.day = row.getInt(2);
    chain.ts = row.getInt(3);
    chain.chainFirst = row.getInt(4);
    chain.noCountry = row.getString(5).empty();
    streams.at(static_cast<std::size_t>(row.getInt(0) - 1)).stored.push_back(chain);
}

/// Locks, reserves the insertion numbers, then fetches the stored chains. Returns the first insertion number.
std::int64_t beginAndFetch(const Batch& b, std::vector<Stream>& streams) {
    const std::int64_t firstSeq = schema::beginWrite(b.c, b.events.size(), b.days, true);
    sql::Params p;
    const std::string text = b.c.dialect() == storage::Dialect::PostgreSQL ? chainsPostgres(p, b, streams)
                                                                           : chainsSqlite(p, b, firstSeq, streams);
    b.c.query(text, p.values(), [&](const Row& row) { addChain(row, streams); });
    return firstSeq;
}

}  // namespace

void storeCounter30s(const Batch& b) {
    std::vector<Stream> streams = groupStreams(b.events);
    const std::int64_t firstSeq = beginAndFetch(b, streams);

    Connection& c = b.c;
    std::vector<clicks::ChainPlan::Insert> inserts;
    std::unique_ptr<storage::PreparedStatement> remove, restart;
    // Rows are addressed by the double-click key (click_bucket, type, unique_id, visitor_id, day).
    const char* const where =
        " WHERE click_bucket = $1 AND event_type = $2 AND unique_id = $3 AND visitor_id = $4 AND day = $5";
    for (const Stream& s : streams) {
        clicks::ChainPlan plan;
        clicks::mergeCounter30s(b.events, s.events, s.stored, plan);
        const UsageEvent& first = b.events[s.events.front()];
        auto key = [&](const clicks::StoredChain& row) {
            return SqlParams{sql::bucketOf(row.ts), std::string(sql::typeText(first.type)), first.uniqueId,
                             first.visitorId, row.day};
        };
        for (std::size_t i : plan.suppressed) b.ledger.suppressed(b.events[i].day, b.events[i].type);
        for (const clicks::StoredChain& row : plan.deletes) {
            if (!remove) remove = c.prepare(std::string("DELETE FROM usage_events") + where);
            if (remove->exec(key(row)) != 1)
                throw StorageError("usage_events: a counter30s survivor to delete is gone");
            b.ledger.displaced(row.day, s.type, row.noCountry);
        }
        for (const clicks::ChainPlan::Update& update : plan.updates) {
            if (!restart)
                restart =
                    c.prepare(std::string("UPDATE usage_events SET chain_first_us = $6, change_seq = $7") + where);
            SqlParams params = key(update.row);
            params.push_back(update.chainFirst);
            params.push_back(b.changeSeq);
            if (restart->exec(params) != 1) throw StorageError("usage_events: a counter30s survivor to update is gone");
            b.ledger.touched(update.row.day);
        }
        inserts.insert(inserts.end(), plan.inserts.begin(), plan.inserts.end());
    }
    remove.reset();
    restart.reset();
    if (inserts.empty()) return;
    std::size_t next = 0;
    c.copyIn(sql::kEvents, sql::writeColumns(), [&](SqlParams& row) {
        if (next == inserts.size()) return false;
        const clicks::ChainPlan::Insert& insert = inserts[next++];
        const UsageEvent& e = b.events[insert.event];
        sql::eventRow(e, firstSeq + static_cast<std::int64_t>(insert.event), b.changeSeq, insert.chainFirst, row);
        b.ledger.stored(e.day, e.type, e.country.empty());
        return true;
    });
}

}  // namespace statshost::usage::ingest
