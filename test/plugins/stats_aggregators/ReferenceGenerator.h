#pragma once
/// A seeded random stream of repository operations and usage events for the cross-check, applied
/// through the real services (ServiceHarness: records service, record-communities, requests,
/// delete/restore, with the real stats_components plugin) and the real usage store.
///
/// The stream: a few communities; records with random metadata (resource types, access statuses,
/// languages, licences, subjects with and without id, keywords differing only in case,
/// affiliations, funders, publishers, journals, files with and without types, metadata-only
/// records, owners 7 / "7" / others / none, labels missing or disagreeing between records);
/// new versions that keep, restate or change the parent's communities; add / remove / accept /
/// bulk add, same-day add+remove, republishing with other communities, delete and restore;
/// created and publication dates back-dated, reduced-precision, intervals, invalid, before the
/// floor and in the future; usage batches (views and downloads with double clicks, countries,
/// referrers, machines) including late events. The clock advances by minutes to weeks and
/// crosses a year boundary. Generation is a pure function of the seed.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "host/services/ServiceHarness.h"
#include "usage/UsageEvent.h"
#include "usage/store/UsageStore.h"

namespace statshost::test::reference {

struct Operation {
    enum class Kind { Community, Publish, Add, Remove, Accept, BulkAdd, Delete, Restore, Usage };
    Kind kind = Kind::Publish;
    std::int64_t at = 0;                    ///< clock time of the call (UTC µs)
    std::string json;                       ///< Publish: the record JSON
    std::string id;                         ///< the record (or, for Community/BulkAdd, the community)
    std::string text;                       ///< Community: slug; Accept: request type
    std::vector<std::string> ids;           ///< Add/Remove/Accept: communities; BulkAdd: records
    std::vector<usage::UsageEvent> events;  ///< Usage: one store() batch in ingestion order
    std::string describe() const;
};

struct GeneratorOptions {
    int operations = 140;
    int communities = 3;
    std::string start = "2024-10-20T09:00:00Z";
};

struct Stream {
    std::uint64_t seed = 0;
    std::vector<Operation> operations;
    std::int64_t lastMicros = 0;  ///< clock time of the last operation
};

Stream generate(std::uint64_t seed, const GeneratorOptions& options = {});

/// Late data for an incremental run: a usage batch of `count` copies of random usage events of
/// operations [0, upTo), ingested at the time of operation upTo - 1: most with other visitors and
/// timestamps in [before - 30 days, before), some as double clicks of the copied event (same
/// visitor, seconds later). Countries are drawn anew. Empty when those operations hold no usage.
Operation lateUsage(const Stream& stream, std::size_t upTo, std::int64_t before, std::uint64_t seed, int count);

/// Applies one operation at its time. Returns "" when the service accepted it, else the
/// ServiceError text (the call's transaction is rolled back; the stream stays usable).
std::string apply(ServiceHarness& harness, const usage::UsageStore& store, const Operation& op);

/// Counts of what apply() did over a run, by operation kind name ("publish", ...).
struct ApplyTally {
    std::map<std::string, int> accepted, rejected;
    std::vector<std::string> rejectedPublishes;  ///< publishes must never be rejected
    void note(const Operation& op, const std::string& error);
};

const char* kindName(Operation::Kind kind);

}  // namespace statshost::test::reference
