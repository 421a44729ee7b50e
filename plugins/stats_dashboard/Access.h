#pragma once
/// Who may see which statistics (API_UI.md §4 [FIX]); one set of rules for /api/stats queries,
/// /api/stats-dashboard and the dashboard pages.
///
///   - `admin` token: everything that exists (unknown community → 404).
///   - "global": visible when STATS_DASHBOARD_ENABLED_GLOBAL, else 404.
///   - unknown community (neither id nor slug) → 404.
///   - restricted community: needs a token with scope `read-restricted`; anonymous → 404 (its
///     existence is not revealed), a token without the scope → 403.
///   - community dashboard enabled = STATS_DASHBOARD_ENABLED_COMMUNITY and (not
///     STATS_DASHBOARD_COMMUNITY_OPT_IN or its `stats:dashboard_enabled`); disabled → 404.
#include <optional>
#include <string>

#include "statshost/Blueprint.h"

namespace statshost::dashboard {

struct AccessPolicy {
    bool enabledGlobal = true;     ///< STATS_DASHBOARD_ENABLED_GLOBAL
    bool enabledCommunity = true;  ///< STATS_DASHBOARD_ENABLED_COMMUNITY
    bool communityOptIn = true;    ///< STATS_DASHBOARD_COMMUNITY_OPT_IN
};

struct AccessDecision {
    int status = 200;         ///< 200 allowed, else 403 / 404
    std::string message;      ///< for the error answer
    std::string communityId;  ///< resolved: "global" or the community's id (when it exists)
    std::optional<CommunityAccess> community;  ///< the community (not for "global")

    bool allowed() const { return status == 200; }
};

/// The caller of an HTTP request (page routes pass it to checkAccess).
inline Caller callerOf(const Request& request) { return Caller{request.tokenName, request.scopes}; }

/// True when the community's dashboard is switched on under `policy`.
bool dashboardEnabled(const CommunityAccess& community, const AccessPolicy& policy);

/// The decision for `requested` ("global", an id or a slug) given what the directory found.
AccessDecision decideAccess(const std::string& requested, const std::optional<CommunityAccess>& found,
                            const Caller& caller, const AccessPolicy& policy);

/// Looks `requested` up (not for "global") and decides.
AccessDecision checkAccess(CommunityDirectory& directory, const std::string& requested, const Caller& caller,
                           const AccessPolicy& policy);

/// checkAccess that throws HttpError(status, message) unless allowed; returns the decision.
AccessDecision requireAccess(CommunityDirectory& directory, const std::string& requested, const Caller& caller,
                             const AccessPolicy& policy);

}  // namespace statshost::dashboard
