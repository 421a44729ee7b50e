#pragma once
/// Runs the dashboard queries: validates params, applies the access rules, reads documents,
/// builds the answer and keeps it in the response cache. Thread safe (the store, the directory
/// and the cache are); one instance per blueprint, shared by /api/stats and /api/stats-dashboard.
///
/// Answers (JSON text):
///   document queries  [<document>, ...] in day order; no document in the range → 400
///                     "No results found for community <id> for the period <start> to <end>"
///   composites        {"record_deltas_<basis>": [...], "record_snapshots_<basis>": [...],
///                      "usage_deltas": [...], "usage_snapshots": [...]}; 400 only when all four are empty
///   series            [DataSeries, ...] of one (category, metric); defaults global / records (record
///                     families) or views (usage); keys in snake_case or camelCase
///   category          {"<subcountKey>": {"<metricKey>": [DataSeries, ...]}}
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "Access.h"
#include "CommunityCache.h"
#include "GenerationCache.h"
#include "QueryCatalog.h"
#include "RedisTier.h"
#include "ResponseCache.h"
#include "statshost/Blueprint.h"

namespace statshost::dashboard {

class QueryService {
public:
    /// `checkInterval`: how long a community's access data and an index's generation read from the
    /// database are trusted (CommunityCache, GenerationCache); 0 = read them on every call.
    QueryService(DocumentStore& store, CommunityDirectory& communities, const AggregationSettings& settings,
                 AccessPolicy policy, ResponseCache& cache,
                 std::chrono::milliseconds checkInterval = std::chrono::milliseconds(0));

    /// A query call checked and resolved, before it runs.
    struct Prepared {
        const QuerySpec* spec = nullptr;
        QueryParams params;
        AccessDecision access;  ///< allowed; communityId resolved
        std::string basis;      ///< the date basis read
        /// Set for an external query (addExternalQuery): computes (or fetches from the cache) its answer.
        std::function<std::shared_ptr<const std::string>()> external;
    };

    /// A query answered outside this service (the leaderboards, LeaderboardService.h): called by
    /// prepare() for a catalogue entry marked `external`; validates and checks access like prepare()
    /// (throwing the same errors) and returns the decision and the function computing the answer.
    struct ExternalCall {
        AccessDecision access;
        std::function<std::shared_ptr<const std::string>()> answer;
    };
    using ExternalQuery = std::function<ExternalCall(const Params& params, const Caller& caller)>;
    /// Registers the handler of external query `name` (before serving starts).
    void addExternalQuery(const std::string& name, ExternalQuery query) { _external[name] = std::move(query); }

    /// Validates `params` for `query` (ConfigError / HttpError 400) and applies the access rules for
    /// `caller` (HttpError 403/404). `query` must be in the catalogue (else HttpError 400).
    Prepared prepare(const std::string& query, const Params& params, const Caller& caller);

    /// The JSON answer of a prepared call: from the in-process cache, else from the shared tier,
    /// else computed (and stored in both), as long as the indices it reads are unchanged.
    std::shared_ptr<const std::string> answer(const Prepared& call);

    /// The cache key of a prepared call: query, normalised params, resolved community and the
    /// generation of every index read (DocumentSource readGeneration, at most checkInterval old).
    /// `variant` distinguishes other representations of the same answer (export formats).
    std::string cacheKey(const Prepared& call, const std::string& variant);

    /// prepare() then answer().
    std::string run(const std::string& query, const Params& params, const Caller& caller);

    /// Adds the shared second tier (Redis): answers missing in the in-process cache are looked up
    /// there before they are computed, and computed answers are stored there too. Call before serving.
    void useSharedTier(std::shared_ptr<RedisTier> tier) { _shared = std::move(tier); }
    /// The shared tier, or null.
    RedisTier* sharedTier() const { return _shared.get(); }
    /// Forgets the in-process answers and the remembered generations and community data.
    void forgetAll();

    ResponseCache& cache() { return _cache; }
    const AccessPolicy& policy() const { return _policy; }
    CommunityDirectory& communities() { return _communities; }

private:
    std::string compute(const Prepared& call);
    std::string documentsAnswer(const Prepared& call);
    std::string compositeAnswer(const Prepared& call);
    std::string seriesAnswer(const Prepared& call);
    std::string categoryAnswer(const Prepared& call);

    DocumentStore& _store;
    CommunityCache _communities;
    const AggregationSettings& _settings;
    AccessPolicy _policy;
    ResponseCache& _cache;
    GenerationCache _generations;
    std::shared_ptr<RedisTier> _shared;
    std::map<std::string, ExternalQuery> _external;
};

/// The series query's subcount and metric keys in camelCase, defaults applied and checked against
/// `family`'s layout (ConfigError "category"/"metric" listing the valid keys).
std::pair<std::string, std::string> seriesSelection(Family family, const std::vector<SubcountSource>& layout,
                                                    const QueryParams& params);

}  // namespace statshost::dashboard
