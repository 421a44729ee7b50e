#pragma once
/// The `params` of the leaderboard queries (issue 8), validated like the other dashboard queries
/// (QueryParams: community_id, start_date, end_date) plus their own keys; a bad value throws
/// ConfigError naming the param (→ 400 "<key>.params.<param>: ..."), start after end HttpError 400.
///
///   top-records         metric views|downloads|volume|unique_views|unique_downloads (views),
///                       level version|parent (version), size 1..100 (10)
///   top-uploaders       metric records|parents|volume (records), size
///   top-communities     metric records|views|downloads (records), size; community_id "global" only
///   top-subcommunities  the same; community_id required
#include <string>

#include "QueryParams.h"

namespace statshost::dashboard {

enum class Leaderboard { Records, Uploaders, Communities, Subcommunities };

/// The query name of `board` ("top-records", ...).
const char* leaderboardName(Leaderboard board);

struct LeaderboardParams {
    QueryParams range;           ///< community_id, start_date, end_date
    std::string metric;          ///< validated, default applied
    bool parentLevel = false;    ///< level=parent (top-records)
    int size = 10;
};

LeaderboardParams parseLeaderboardParams(Leaderboard board, const Params& params);

}  // namespace statshost::dashboard
