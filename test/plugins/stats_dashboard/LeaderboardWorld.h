#pragma once
/// The leaderboard test world: a DashboardWorld with the F1/F2/F3 indices registered, a community
/// hierarchy, record versions in the record directory and a LeaderboardService. Every expected
/// number in LeaderboardTest / RecordStatsTest is computed by hand from the documents written here.
#include <functional>

#include "DashboardWorld.h"
#include "LeaderboardService.h"

namespace statshost::test {

/// c1 "one" public (parent of c2 and c3), c2 "two" restricted, c3 "three" public, c4 "four" public;
/// all dashboards enabled.
class HierarchyDirectory : public CommunityDirectory {
public:
    std::optional<CommunityAccess> find(const std::string& idOrSlug) override;
    std::vector<CommunityAccess> all() override;
};

struct LeaderboardWorld {
    explicit LeaderboardWorld(DashboardWorld& world);

    /// Stores `bodies` (with `period_start`) of `communityId` in `alias`.
    void write(const std::string& alias, const std::string& communityId, const std::vector<std::string>& bodies);
    /// The fixture documents (see the .cpp for the numbers).
    void writeFixtures();

    std::string run(Leaderboard board, const std::string& params, const Caller& caller = {});

    DashboardWorld& base;
    HierarchyDirectory communities;
    std::unique_ptr<LeaderboardService> service;
};

void onBothBackendsWithLeaderboards(const std::function<void(LeaderboardWorld&)>& body);

}  // namespace statshost::test
