#pragma once
/// The leaderboard queries of /api/stats (issue 8): top-records, top-uploaders, top-communities and
/// top-subcommunities, registered with QueryService as external queries so /api/stats-dashboard
/// serves them too. Thread safe (store, directories and cache are); one instance per blueprint.
///
/// Answer (JSON text):
///   {"query": "<name>", "params": {<the params, defaults applied, community_id resolved>},
///    "period": {"start": "YYYY-MM-DD"|null, "end": "YYYY-MM-DD"|null}, "entries": [{"rank": 1, ...}, ...]}
/// Entries per query are listed in docs/api.md ("Leaderboards").
///
/// Permissions (Access.h): community-scoped calls follow the dashboard rules (403/404). Callers without
/// scope `read-restricted` never see: records that are not public, records whose communities are all
/// restricted, records the repository does not know (purged), restricted communities. The ranking skips
/// such entries and fills `size` from the following candidates.
#include <map>
#include <string>

#include "Access.h"
#include "LeaderboardParams.h"
#include "LeaderboardRanking.h"
#include "QueryService.h"
#include "ResponseCache.h"
#include "statshost/Blueprint.h"

namespace statshost::dashboard {

/// Blueprint params of the leaderboards (docs/configuration.md).
struct LeaderboardSettings {
    /// STATS_DASHBOARD_RECORD_URL_TEMPLATE: landing page of a record; `{id}` = the version id (at
    /// parent level the latest version's), `{parent_id}` = the parent id.
    std::string recordUrlTemplate = "/records/{id}";
    /// STATS_DASHBOARD_UPLOADER_NAMES: owner id → name shown instead of the id.
    std::map<std::string, std::string> uploaderNames;
};

/// Reads the two keys from the blueprint params (ConfigError naming the key).
LeaderboardSettings parseLeaderboardSettings(const Params& params);

/// How an owner id is shown without a configured name: the id itself, except that an id that looks
/// like an e-mail address (contains '@') is masked to its first character, "***@", the domain's first
/// character and "***" (e.g. "jane@example.org" → "j***@e***").
std::string shownOwnerId(const std::string& ownerId);

/// `tmpl` with `{id}` and `{parent_id}` replaced (URL-encoded).
std::string recordUrl(const std::string& tmpl, const std::string& id, const std::string& parentId);

class LeaderboardService {
public:
    LeaderboardService(DocumentStore& store, CommunityDirectory& communities, RecordDirectory& records,
                       AccessPolicy policy, ResponseCache& cache, LeaderboardSettings settings);

    /// Validates params (ConfigError / HttpError 400), checks access (HttpError 403/404) and returns
    /// the call ready to answer (cached by params, caller class and the generation of what is read).
    QueryService::ExternalCall prepare(Leaderboard board, const Params& params, const Caller& caller);

    /// prepare() then the answer.
    std::string run(Leaderboard board, const Params& params, const Caller& caller);

    /// Registers the four queries with `service` as external queries.
    void registerWith(QueryService& service);

private:
    struct Call {
        Leaderboard board;
        LeaderboardParams params;
        AccessDecision access;
        bool privileged = false;  ///< caller has read-restricted
    };
    std::string cacheKey(const Call& call, const std::vector<CommunityAccess>& communities);
    std::string compute(const Call& call, const std::vector<CommunityAccess>& communities);
    std::string topRecords(const Call& call, const std::vector<CommunityAccess>& communities);
    std::string topUploaders(const Call& call);
    std::string topCommunities(const Call& call, const std::vector<CommunityAccess>& communities);

    DocumentStore& _store;
    CommunityDirectory& _communities;
    RecordDirectory& _records;
    AccessPolicy _policy;
    ResponseCache& _cache;
    LeaderboardSettings _settings;
};

}  // namespace statshost::dashboard
