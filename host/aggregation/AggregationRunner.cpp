#include "aggregation/AggregationRunner.h"

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include <Poco/Logger.h>

#include "aggregation/RunGuards.h"
#include "plugins/HostServices.h"

namespace statshost::aggregation {

namespace {

Poco::Logger& runLog() { return Poco::Logger::get("statshost.aggregation"); }

std::string seconds(double s) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f s", s);
    return text;
}

}  // namespace

bool RunReport::ok() const {
    if (skipped || cancelled) return false;
    for (const AggregationOutcome& o : outcomes)
        if (!o.ok) return false;
    return true;
}

std::uint64_t RunReport::documents() const {
    std::uint64_t n = 0;
    for (const AggregationOutcome& o : outcomes) n += o.result.documents;
    return n;
}

AggregationRunner::AggregationRunner(const std::vector<plugins::AggregatorEntry>& aggregators, DocumentStore& store,
                                     AggregationSource& source, const AggregationSettings& settings,
                                     const Clock& clock, Progress& progress)
    : _aggregators(aggregators), _store(store), _source(source), _settings(settings), _clock(clock),
      _progress(progress) {}

void AggregationRunner::checkNames(const std::vector<std::string>& names) const {
    for (const std::string& name : names) {
        bool known = false;
        std::string configured;
        for (const plugins::AggregatorEntry& entry : _aggregators) {
            known = known || entry.config.name == name;
            configured += (configured.empty() ? "" : ", ") + entry.config.name;
        }
        if (!known)
            throw std::invalid_argument("unknown aggregation '" + name + "' (configured: " +
                                        (configured.empty() ? "none" : configured) + ")");
    }
}

RunReport AggregationRunner::run(const RunOptions& options) {
    checkNames(options.aggregations);
    RunReport report;
    if (_cancelled) {
        report.cancelled = true;
        return report;
    }
    std::unique_ptr<Lock> lock = _store.tryLock(kAggregationLock, _lockTtlSeconds);
    if (!lock) {
        runLog().warning("aggregation skipped: lock held by another process");
        report.skipped = true;
        return report;
    }
    for (const plugins::AggregatorEntry& entry : _aggregators) {
        if (!options.aggregations.empty()) {
            bool selected = false;
            for (const std::string& name : options.aggregations) selected = selected || name == entry.config.name;
            if (!selected) continue;
        }
        if (_cancelled) break;
        report.outcomes.push_back(runOne(entry, options.request));
        if (_observer) _observer(entry.config.name, report.outcomes.back().seconds, report.outcomes.back().ok);
    }
    report.cancelled = _cancelled.load();
    if (report.cancelled) runLog().warning("aggregation cancelled; the remaining aggregations were not run");
    return report;
}

AggregationOutcome AggregationRunner::runOne(const plugins::AggregatorEntry& entry,
                                             const AggregationRequest& request) {
    AggregationOutcome outcome;
    outcome.name = entry.config.name;
    plugins::NamedLogger logger(entry.config.name);
    GuardedStore store(_store, _cancelled, _written, bulkBookmarkLoader(_store));
    GuardedProgress progress(_progress, _cancelled);
    AggregationContext context{store, _source, _settings, _clock, logger, progress};
    const auto start = std::chrono::steady_clock::now();
    try {
        outcome.result = entry.object->run(context, request);
    } catch (const std::exception& e) {
        outcome.failure = e.what();
    } catch (...) {
        outcome.failure = "unknown exception";
    }
    outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    outcome.ok = outcome.failure.empty() && outcome.result.errors.empty();

    const std::string summary = entry.config.name + ": " + std::to_string(outcome.result.communities) +
                                " communities, " + std::to_string(outcome.result.documents) + " documents, " +
                                seconds(outcome.seconds);
    if (outcome.ok) {
        runLog().information(summary);
    } else {
        if (!outcome.failure.empty()) runLog().error(entry.config.name + " failed: " + outcome.failure);
        for (const std::string& error : outcome.result.errors) runLog().error(entry.config.name + ": " + error);
        runLog().error(summary + " (with errors)");
    }
    return outcome;
}

}  // namespace statshost::aggregation
