#pragma once
/// Extension point: an aggregator turns stored inputs into the documents of one index family
/// (one entry of STATS_AGGREGATIONS). Loaded from the `Aggregator` manifest of a plugin.
///
/// Call order: default constructor → configure() (once, at start-up) → indexTemplates() →
/// run() any number of times. run() is never called concurrently on one object (the host holds
/// the aggregation lock), but an aggregator keeps no state between runs beyond what it stores:
/// documents, bookmarks and its own tables (ClickHouse style: the function is stateless, the
/// state is data).
#include <cstdint>
#include <string>
#include <vector>

#include "statshost/Context.h"
#include "statshost/Params.h"
#include "statshost/Sources.h"
#include "statshost/Store.h"

namespace statshost {

struct AggregatorSetup {
    std::string name;        ///< STATS_AGGREGATIONS key, e.g. "community-records-delta-added-agg"
    std::string templates;   ///< the entry's `templates:` value (index alias it writes)
    Params params;           ///< the entry's `params:` block
};

struct AggregationRequest {
    std::vector<std::string> communityIds;  ///< empty = every community plus "global"
    std::string startDay;                   ///< YYYY-MM-DD or empty
    std::string endDay;                     ///< YYYY-MM-DD or empty (= as-of day)
    std::string asOfDay;                    ///< the run's "today" (YYYY-MM-DD)
    bool ignoreBookmark = false;
    bool updateBookmark = true;
    /// A scheduler tick: may stop after COMMUNITY_STATS_CATCHUP_INTERVAL days per community and
    /// continue on the next tick. Otherwise (CLI) the run completes through asOfDay.
    bool tick = false;
};

struct AggregationResult {
    std::uint64_t communities = 0;
    std::uint64_t documents = 0;
    std::vector<std::string> errors;  ///< one line per failed community; empty on success
};

struct AggregationContext {
    DocumentStore& store;
    AggregationSource& source;
    const AggregationSettings& settings;
    const Clock& clock;
    Logger& logger;
    Progress& progress;
};

class Aggregator {
public:
    virtual ~Aggregator() = default;
    /// Validates the configuration; throws ConfigError naming the key.
    virtual void configure(const AggregatorSetup& setup) = 0;
    /// The index families this aggregator writes (registered by `statshost init` and at start-up).
    virtual std::vector<IndexTemplate> indexTemplates() const = 0;
    virtual AggregationResult run(AggregationContext& context, const AggregationRequest& request) = 0;
};

}  // namespace statshost
