#pragma once
/// Process-wide counters and histograms, rendered in the Prometheus text format 0.0.4.
///
/// Threading: every method may be called from any thread; updates take one short mutex.
/// Label values are bounded by the caller: routes are route names (or "unmatched"), methods
/// outside the standard set are counted as "OTHER", aggregations are configured names.
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace statshost::http {

class Metrics {
public:
    /// `version` becomes statshost_build_info{version=...}; the construction time is reported as
    /// process_start_time_seconds, so construct one Metrics early in main.
    explicit Metrics(std::string version);

    /// Upper bounds (seconds) of the request duration histogram buckets, ascending.
    static const std::vector<double>& durationBuckets();

    /// Counts one finished request and observes its duration.
    void recordRequest(const std::string& route, const std::string& method, int status, double seconds);

    /// Marks a request as started/finished for statshost_http_requests_in_flight.
    void requestStarted() { ++_inFlight; }
    void requestFinished() { --_inFlight; }

    /// Counts one aggregation run (result "ok" or "error") and adds its duration.
    void recordAggregationRun(const std::string& aggregation, double seconds, bool ok);

    /// The exposition text, families in a fixed order and series sorted by labels.
    std::string render() const;

private:
    struct Histogram {
        std::vector<std::uint64_t> cumulative;  ///< one per bucket, then +Inf
        double sum = 0;
    };
    struct Summary {
        std::uint64_t count = 0;
        double sum = 0;
    };

    const std::string _version;
    const double _startSeconds;
    std::atomic<long> _inFlight{0};
    mutable std::mutex _mutex;
    std::map<std::tuple<std::string, std::string, int>, std::uint64_t> _requests;  ///< route, method, status
    std::map<std::string, Histogram> _durations;                                 ///< by route
    std::map<std::pair<std::string, std::string>, std::uint64_t> _aggregationRuns;  ///< name, result
    std::map<std::string, Summary> _aggregationDurations;
};

/// Escapes a label value for the text format: backslash, double quote and newline.
std::string escapeLabelValue(const std::string& value);

}  // namespace statshost::http
