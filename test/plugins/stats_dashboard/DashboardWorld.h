#pragma once
/// A dashboard on a test database: the four `added` families registered as the aggregators
/// register them (sparse; deltas zero-filled, snapshots carried forward, extent = the aggregation's
/// bookmark), the fixture documents written by the test, three communities, a QueryService.
#include <functional>
#include <map>
#include <memory>

#include "DashboardFixtures.h"
#include "QueryService.h"
#include "support/TestBackends.h"

namespace statshost::test {

/// Communities: c1 "one" public + enabled, c2 "two" restricted + enabled, c3 "three" public + disabled.
class FixtureDirectory : public CommunityDirectory {
public:
    std::optional<CommunityAccess> find(const std::string& idOrSlug) override;
    std::vector<CommunityAccess> all() override;
};

/// Record versions a test puts in `summaries` (in publication order per parent).
class FixtureRecords : public RecordDirectory {
public:
    std::vector<RecordSummary> find(const std::vector<std::string>& recordIds) override;
    std::vector<RecordSummary> versionsOf(const std::string& parentId) override;
    std::vector<RecordSummary> summaries;
};

class FixedClock : public Clock {
public:
    std::int64_t nowMicros() const override { return 1767225600000000; }  // 2026-01-01T00:00:00Z
};

struct DashboardWorld {
    explicit DashboardWorld(storage::Storage& store);

    /// Writes `bodies` (documents of community `communityId`, day from their date field) into the
    /// family's index and sets the aggregation's bookmark to `bookmarkDay` (the dense extent's end).
    void write(Family family, const std::string& communityId, const std::vector<std::string>& bodies,
               const std::string& bookmarkDay);
    /// What an aggregation run that changed source data leaves behind: a new change watermark.
    void bumpWatermark(Family family);

    /// A Params over JSON text.
    static Params params(const std::string& json);

    storage::Storage& store;
    FixtureDirectory directory;
    FixtureRecords records;
    AggregationSettings settings;
    ResponseCache cache{100, 1 << 20};
    std::unique_ptr<QueryService> service;
    int watermark = 0;
};

/// Runs `body` once on SQLite and once on PostgreSQL (when configured; see TestEnv postgresUrl),
/// each on a fresh database.
void onBothBackends(const std::function<void(DashboardWorld&)>& body);

/// The status of the HttpError `action` throws (0 = none; -1 = a ConfigError) and its message.
std::pair<int, std::string> errorOf(const std::function<void()>& action);

}  // namespace statshost::test
