#pragma once
/// The /api/stats queries of the dashboard (issue 6 item 1; API_UI.md §1.2): names, kinds and
/// the document families each reads.
#include <optional>
#include <string>
#include <vector>

#include "QueryParams.h"
#include "SeriesTransform.h"

namespace statshost::dashboard {

struct QuerySpec {
    std::string name;
    QueryKind kind;
    std::vector<Family> families;  ///< one, except composites (all four)
    std::string fixedBasis;        ///< document queries named after a basis (e.g. "created"); else empty
    bool globalOnly = false;       ///< global-stats
    bool external = false;         ///< answered by a QueryService::addExternalQuery handler (leaderboards)
};

/// Every query, in documentation order: the 8 document queries, the 2 composites, the 4 series
/// and the 4 category queries.
const std::vector<QuerySpec>& queryCatalog();

/// The leaderboard queries (issue 8: top-records, top-uploaders, top-communities, top-subcommunities),
/// external: LeaderboardService answers them.
const std::vector<QuerySpec>& leaderboardCatalog();

/// The query named `name` (queryCatalog() or leaderboardCatalog()), or null.
const QuerySpec* findQuery(const std::string& name);

}  // namespace statshost::dashboard
