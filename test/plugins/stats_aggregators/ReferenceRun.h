#pragma once
/// One cross-check run: a repository built by a seeded stream through the real services on a test
/// backend, the per-seed settings (published-date floor, top limit, sometimes fewer subcounts),
/// and helpers shared by the cross-check tests.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ReferenceGenerator.h"
#include "ReferenceInput.h"
#include "support/TestBackends.h"

namespace statshost::test::reference {

/// Settings of a seed: floor 2024-06-01 (some seeds 2024-03-01), top limit 20 or
/// 2, and for some seeds only a subset of the default subcounts (re-aggregation is all it takes).
AggregationSettings settingsFor(std::uint64_t seed);
GeneratorOptions optionsFor(std::uint64_t seed);

/// The seeds a cross-check test runs: `first`..`last`, or those of the environment variable
/// STATSHOST_CROSSCHECK_SEED: "N" (to re-run a failure) or "A-B" (to search more seeds).
std::vector<std::uint64_t> seedsToRun(std::uint64_t first, std::uint64_t last);

/// A backend's display name for messages.
std::string backendName(const TestBackend& backend);

/// The double-click mode of a seed's usage store (every fourth seed counter30s).
usage::DoubleClickMode modeFor(std::uint64_t seed);

/// A repository on `backend` with the usage tables, to which a stream is applied.
class Repository {
public:
    explicit Repository(TestBackend& backend, usage::DoubleClickMode mode = usage::DoubleClickMode::Fixed10s);
    ~Repository();
    /// Applies operations [from, to) of `stream`; returns "" or the rejected publishes / usage batches.
    std::string apply(const Stream& stream, std::size_t from, std::size_t to);
    ServiceHarness& harness() { return *_harness; }
    const usage::UsageStore& usageStore() const { return _usage; }
    storage::Storage& storage() { return _harness->storage(); }
    const ApplyTally& tally() const { return _tally; }

private:
    std::unique_ptr<ServiceHarness> _harness;
    usage::UsageStore _usage;
    ApplyTally _tally;
};

/// "YYYY-MM-DD" of a day number, and the day of an instant.
std::string dayText(std::int64_t day);
std::int64_t dayOf(std::int64_t micros);

}  // namespace statshost::test::reference
