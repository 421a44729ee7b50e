#pragma once
/// Runs the configured aggregators (STATS_AGGREGATIONS, in configuration order) for the CLI and the
/// scheduler: under the storage lock kAggregationLock, one after the other, each with its own
/// AggregationContext (the store, the source, the settings, the clock, a NamedLogger named after the
/// aggregation, the progress). A plugin exception or a result with errors marks that aggregation
/// failed; the others still run. Logs one line per aggregation (communities, documents, seconds).
///
/// Lock: DocumentStore::tryLock(kAggregationLock, lockTtlSeconds). When another holder (this or another
/// process) has it, nothing runs: the report says skipped and "aggregation skipped: lock held by another
/// process" is logged. On SQLite the lock is a row that expires after lockTtlSeconds (a crashed holder
/// blocks runs until then); on PostgreSQL it goes with the holder's connection.
///
/// Threading: run() on one thread at a time; cancel() and documentsWritten() from any thread.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "plugins/ExtensionRegistry.h"
#include "statshost/Aggregator.h"

namespace statshost::aggregation {

/// The storage lock held while aggregators run (the original's lock name).
constexpr const char* kAggregationLock = "community_stats_aggregation";

struct RunOptions {
    std::vector<std::string> aggregations;  ///< names to run (configuration order is kept); empty = all
    AggregationRequest request;
};

struct AggregationOutcome {
    std::string name;
    AggregationResult result;
    bool ok = true;        ///< false when the aggregator threw or reported errors
    std::string failure;   ///< what it threw ("" when it returned)
    double seconds = 0;
};

struct RunReport {
    bool skipped = false;    ///< the lock was held elsewhere; nothing ran
    bool cancelled = false;  ///< cancel() stopped the run
    std::vector<AggregationOutcome> outcomes;  ///< in the order they ran

    /// Not skipped, not cancelled, and every aggregation ok.
    bool ok() const;
    std::uint64_t documents() const;
};

/// Called after each aggregation: its name, seconds and success (e.g. Metrics::recordAggregationRun).
using AggregationObserver = std::function<void(const std::string& name, double seconds, bool ok)>;

class AggregationRunner {
public:
    /// Every reference must outlive the runner. `aggregators` in configuration order.
    AggregationRunner(const std::vector<plugins::AggregatorEntry>& aggregators, DocumentStore& store,
                      AggregationSource& source, const AggregationSettings& settings, const Clock& clock,
                      Progress& progress);

    void setObserver(AggregationObserver observer) { _observer = std::move(observer); }
    /// How long the lock is taken for (default 12 hours).
    void setLockTtlSeconds(std::int64_t seconds) { _lockTtlSeconds = seconds; }

    /// Throws std::invalid_argument naming the first name that is not a configured aggregation.
    void checkNames(const std::vector<std::string>& names) const;

    /// Takes the lock and runs the selected aggregations (see the file comment). Throws
    /// std::invalid_argument for unknown names (before taking the lock) and StorageError when the lock
    /// cannot be asked for; aggregator failures are reported, not thrown.
    RunReport run(const RunOptions& options);

    /// Makes the running aggregator stop at its next write or progress call and skips the rest; the
    /// flag stays set (a cancelled runner runs nothing more).
    void cancel() { _cancelled = true; }
    /// Documents written by aggregators through this runner so far (all runs).
    std::uint64_t documentsWritten() const { return _written.load(); }

private:
    AggregationOutcome runOne(const plugins::AggregatorEntry& entry, const AggregationRequest& request);

    const std::vector<plugins::AggregatorEntry>& _aggregators;
    DocumentStore& _store;
    AggregationSource& _source;
    const AggregationSettings& _settings;
    const Clock& _clock;
    Progress& _progress;
    AggregationObserver _observer;
    std::int64_t _lockTtlSeconds = 12 * 3600;
    std::atomic<bool> _cancelled{false};
    std::atomic<std::uint64_t> _written{0};
};

}  // namespace statshost::aggregation
