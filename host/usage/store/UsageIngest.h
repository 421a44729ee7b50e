#pragma once
/// The write paths of UsageStore::store (internal to usage/store/). Each runs inside the caller's
/// transaction after UsageStore::store validated the batch. Each starts with schema::beginWrite (the lock,
/// the insertion numbers firstSeq .. firstSeq + events.size() - 1 — event i gets firstSeq + i —, missing
/// partitions), then writes the rows and reports every outcome to the ledger.
#include <cstdint>
#include <vector>

#include "storage/Database.h"
#include "usage/UsageEvent.h"
#include "usage/store/UsageLedger.h"

namespace statshost::usage::ingest {

struct Batch {
    storage::Connection& c;
    const std::vector<UsageEvent>& events;
    std::int64_t changeSeq;
    std::vector<std::int64_t> days;  ///< the distinct days of `events`, ascending
    UsageLedger& ledger;
};

/// fixed10s: dedupe in memory, then upsert the group survivors on the double-click key, replacing a stored
/// row only when the newcomer is at least as late.
void storeFixed10s(const Batch& batch);

/// Forgets which PostgreSQL partitions fixed10s has seen existing (UsageStore::dropSchema): until seen
/// again, its first statement of a batch does not count on them.
void forgetKnownPartitions();

/// counter30s: fetch the stored chains the batch can touch, merge in memory, apply deletes, chain-start
/// updates and inserts.
void storeCounter30s(const Batch& batch);

}  // namespace statshost::usage::ingest
