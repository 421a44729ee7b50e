#pragma once
/// Shared by the repository suites: the database a test runs against (SQLite file or isolated PostgreSQL
/// schema), a settable clock and row builders.
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "repository/RepositoryTx.h"
#include "statshost/Context.h"
#include "storage/Storage.h"
#include "support/TestBackends.h"
#include "support/TestEnv.h"

namespace statshost::test {

/// The shared backends (support/TestBackends.h) under the names this suite uses.
using RepoBackend = TestBackend;
using SqliteRepoBackend = SqliteBackend;
using PostgresRepoBackend = PostgresBackend;

/// A clock the test sets; every reading advances it by `step` µs (0 = stands still).
class TestClock : public Clock {
public:
    explicit TestClock(std::int64_t start = 1700000000000000, std::int64_t step = 0) : _now(start), _step(step) {}
    std::int64_t nowMicros() const override { return _now.fetch_add(_step); }
    void set(std::int64_t micros) { _now = micros; }

private:
    mutable std::atomic<std::int64_t> _now;
    std::int64_t _step;
};


repository::CommunityRow makeCommunity(const std::string& id, const std::string& slug);
/// A record with two files and three facet values; `createdMicros` also sets `created`.
repository::RecordRow makeRecord(const std::string& id, const std::string& parentId, std::int64_t createdMicros);
repository::RecordRow bareRecord(const std::string& id, const std::string& parentId, std::int64_t createdMicros);
CommunityEvent makeEvent(const std::string& recordId, const std::string& communityId, const std::string& type,
                         std::int64_t eventDateMicros);

/// 2024-01-01T00:00:00Z + `days` days, in µs.
std::int64_t dayMicros(int days);

}  // namespace statshost::test
