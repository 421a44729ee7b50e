#include "http/Metrics.h"

#include <cstdio>
#include <set>
#include <sstream>

#include <Poco/Timestamp.h>

namespace statshost::http {

namespace {

/// Bucket bounds as written in `le`; durationBuckets() parses the same strings.
const std::vector<std::string> kBucketLabels = {"0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1",
                                                "0.25",  "0.5",    "1",     "2.5",  "5",     "10"};

const std::set<std::string> kStandardMethods = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};

/// Fixed format (microsecond resolution) so the output is deterministic.
std::string formatSeconds(double seconds) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6f", seconds);
    return buf;
}

void family(std::ostringstream& out, const char* name, const char* type, const char* help) {
    out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
}

std::string label(const char* name, const std::string& value) {
    return std::string(name) + "=\"" + escapeLabelValue(value) + "\"";
}

}  // namespace

std::string escapeLabelValue(const std::string& value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        if (c == '\\') out += "\\\\";
        else if (c == '"') out += "\\\"";
        else if (c == '\n') out += "\\n";
        else out.push_back(c);
    }
    return out;
}

Metrics::Metrics(std::string version)
    : _version(std::move(version)), _startSeconds(static_cast<double>(Poco::Timestamp().epochMicroseconds()) / 1e6) {}

const std::vector<double>& Metrics::durationBuckets() {
    static const std::vector<double> buckets = [] {
        std::vector<double> v;
        for (const std::string& bound : kBucketLabels) v.push_back(std::stod(bound));
        return v;
    }();
    return buckets;
}

void Metrics::recordRequest(const std::string& route, const std::string& method, int status, double seconds) {
    const std::string methodLabel = kStandardMethods.count(method) ? method : "OTHER";
    const std::vector<double>& bounds = durationBuckets();
    std::lock_guard<std::mutex> lock(_mutex);
    ++_requests[{route, methodLabel, status}];
    Histogram& h = _durations[route];
    if (h.cumulative.empty()) h.cumulative.assign(bounds.size() + 1, 0);
    for (std::size_t i = 0; i < bounds.size(); ++i)
        if (seconds <= bounds[i]) ++h.cumulative[i];
    ++h.cumulative.back();
    h.sum += seconds;
}

void Metrics::recordAggregationRun(const std::string& aggregation, double seconds, bool ok) {
    std::lock_guard<std::mutex> lock(_mutex);
    ++_aggregationRuns[{aggregation, ok ? "ok" : "error"}];
    Summary& s = _aggregationDurations[aggregation];
    ++s.count;
    s.sum += seconds;
}

std::string Metrics::render() const {
    std::ostringstream out;
    std::lock_guard<std::mutex> lock(_mutex);

    family(out, "statshost_http_requests_total", "counter", "HTTP requests by route, method and status.");
    for (const auto& [key, count] : _requests) {
        const auto& [route, method, status] = key;
        out << "statshost_http_requests_total{" << label("route", route) << ',' << label("method", method) << ','
            << label("status", std::to_string(status)) << "} " << count << '\n';
    }

    family(out, "statshost_http_request_duration_seconds", "histogram", "HTTP request duration by route.");
    for (const auto& [route, h] : _durations) {
        const std::string routeLabel = label("route", route);
        for (std::size_t i = 0; i < kBucketLabels.size(); ++i)
            out << "statshost_http_request_duration_seconds_bucket{" << routeLabel << ",le=\"" << kBucketLabels[i]
                << "\"} " << h.cumulative[i] << '\n';
        out << "statshost_http_request_duration_seconds_bucket{" << routeLabel << ",le=\"+Inf\"} "
            << h.cumulative.back() << '\n';
        out << "statshost_http_request_duration_seconds_sum{" << routeLabel << "} " << formatSeconds(h.sum) << '\n';
        out << "statshost_http_request_duration_seconds_count{" << routeLabel << "} " << h.cumulative.back() << '\n';
    }

    family(out, "statshost_http_requests_in_flight", "gauge", "HTTP requests being handled.");
    out << "statshost_http_requests_in_flight " << _inFlight.load() << '\n';

    family(out, "statshost_aggregation_runs_total", "counter", "Aggregation runs by aggregation and result.");
    for (const auto& [key, count] : _aggregationRuns)
        out << "statshost_aggregation_runs_total{" << label("aggregation", key.first) << ','
            << label("result", key.second) << "} " << count << '\n';

    family(out, "statshost_aggregation_duration_seconds", "summary", "Time spent in aggregation runs.");
    for (const auto& [name, s] : _aggregationDurations) {
        const std::string nameLabel = label("aggregation", name);
        out << "statshost_aggregation_duration_seconds_sum{" << nameLabel << "} " << formatSeconds(s.sum) << '\n';
        out << "statshost_aggregation_duration_seconds_count{" << nameLabel << "} " << s.count << '\n';
    }

    family(out, "statshost_build_info", "gauge", "Build information; the value is always 1.");
    out << "statshost_build_info{" << label("version", _version) << "} 1\n";

    family(out, "process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch in seconds.");
    out << "process_start_time_seconds " << formatSeconds(_startSeconds) << '\n';
    return out.str();
}

}  // namespace statshost::http
