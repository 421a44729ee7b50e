#pragma once
/// The double-click rules as pure in-memory functions (internal to usage/store/): the batch part of
/// fixed10s and the chain merge of counter30s. The database code feeds them stored survivors and applies
/// what they decide.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "usage/UsageEvent.h"

namespace statshost::usage::clicks {

/// The identity of a click stream: (type, unique_id, visitor_id), as one string.
std::string streamKey(EventType type, const std::string& uniqueId, const std::string& visitorId);
inline std::string streamKey(const UsageEvent& e) { return streamKey(e.type, e.uniqueId, e.visitorId); }
/// The fixed10s group: the stream and the 10 s bucket, as one string.
std::string bucketKey(const std::string& streamKey, std::int64_t bucket);

/// fixed10s inside one batch (`events` in ingestion order): the index of each group's survivor (latest
/// timestamp, ties the later index), ascending, and the indexes of the losers, ascending.
struct BatchDedupe {
    std::vector<std::size_t> winners;
    std::vector<std::size_t> losers;
};
BatchDedupe dedupeFixed10s(const std::vector<UsageEvent>& events);

/// A stored counter30s survivor of one stream: its chain is [chainFirst, ts].
struct StoredChain {
    std::int64_t seq = 0;
    std::int64_t day = 0;
    std::int64_t ts = 0;
    std::int64_t chainFirst = 0;
    bool noCountry = false;
};

/// What merging new clicks of one stream into its stored chains means for the table.
struct ChainPlan {
    struct Insert {
        std::size_t event;  ///< index into the batch
        std::int64_t chainFirst;
    };
    struct Update {
        StoredChain row;          ///< stays the survivor
        std::int64_t chainFirst;  ///< its chain now starts earlier
    };
    std::vector<Insert> inserts;
    std::vector<Update> updates;
    std::vector<StoredChain> deletes;     ///< survivors absorbed into another chain
    std::vector<std::size_t> suppressed;  ///< batch events that are not survivors
};

/// Merges the batch events `batch` (indexes into `events`, one stream, any order) with `stored` (that stream's
/// stored chains that could touch them: every chain with ts >= min(batch ts) - 30 s and chainFirst <=
/// max(batch ts) + 30 s; extra chains are harmless). Clicks whose gap is <= 30 s chain; a chain's survivor is
/// its latest click, ties the later ingested (stored before batch, then batch index). Appends to `plan`.
void mergeCounter30s(const std::vector<UsageEvent>& events, const std::vector<std::size_t>& batch,
                     const std::vector<StoredChain>& stored, ChainPlan& plan);

}  // namespace statshost::usage::clicks
