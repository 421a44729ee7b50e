#include "LeaderboardParams.h"

#include <Poco/Dynamic/Struct.h>

#include "statshost/Errors.h"

namespace statshost::dashboard {

namespace {

std::vector<std::string> metricsOf(Leaderboard board) {
    switch (board) {
        case Leaderboard::Records: return {"views", "downloads", "volume", "unique_views", "unique_downloads"};
        case Leaderboard::Uploaders: return {"records", "parents", "volume"};
        default: return {"records", "views", "downloads"};
    }
}

/// The range params alone, so QueryParams validates them with its own messages and paths.
Params rangeParams(const Params& params) {
    Poco::Dynamic::Struct<std::string> subset;
    for (const char* key : {"community_id", "start_date", "end_date"})
        if (params.has(key)) subset[key] = params.child(key).raw();
    return Params(Poco::Dynamic::Var(subset), params.path());
}

}  // namespace

const char* leaderboardName(Leaderboard board) {
    switch (board) {
        case Leaderboard::Records: return "top-records";
        case Leaderboard::Uploaders: return "top-uploaders";
        case Leaderboard::Communities: return "top-communities";
        case Leaderboard::Subcommunities: return "top-subcommunities";
    }
    return "";
}

LeaderboardParams parseLeaderboardParams(Leaderboard board, const Params& params) {
    if (!params.isEmpty() && !params.isMap()) throw ConfigError(params.path(), "expected an object");
    std::vector<std::string> allowed{"community_id", "start_date", "end_date", "metric", "size"};
    if (board == Leaderboard::Records) allowed.push_back("level");
    params.requireOnlyKeys(allowed);
    LeaderboardParams out;
    out.range = parseQueryParams(rangeParams(params), QueryKind::Documents);
    const std::vector<std::string> metrics = metricsOf(board);
    out.metric = readChoice(params, "metric", metrics.front(), metrics);
    if (board == Leaderboard::Records) out.parentLevel = readChoice(params, "level", "version", {"version", "parent"}) == "parent";
    const std::int64_t size = params.getInt("size", 10);
    if (size < 1 || size > 100)
        throw ConfigError(params.child("size").path(), "expected an integer from 1 to 100, got " + std::to_string(size));
    out.size = static_cast<int>(size);
    if (board == Leaderboard::Communities && out.range.communityId != "global")
        throw ConfigError(params.child("community_id").path(), "top-communities reads \"global\" only (use top-subcommunities)");
    if (board == Leaderboard::Subcommunities && !params.has("community_id"))
        throw ConfigError(params.child("community_id").path(), "required: the community whose subcommunities are ranked");
    if (board == Leaderboard::Subcommunities && out.range.communityId == "global")
        throw ConfigError(params.child("community_id").path(), "expected a community id or slug, not \"global\"");
    return out;
}

}  // namespace statshost::dashboard
