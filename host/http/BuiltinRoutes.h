#pragma once
/// The routes the host itself serves: GET /healthz and GET /metrics, both public.
#include <functional>
#include <string>
#include <vector>

namespace statshost::http {

class Metrics;
class Router;

struct HealthCheckResult {
    std::string name;    ///< e.g. "storage"
    bool ok = true;
    std::string detail;  ///< shown to any client: no secrets
};

/// Called on every /healthz request, on a server thread; must be thread-safe and quick.
using HealthChecks = std::function<std::vector<HealthCheckResult>()>;

/// Adds "healthz": 200 {"status":"ok","checks":[{"name":..,"ok":..,"detail":..}]}, or 503 with
/// "status":"fail" when a check fails (a throwing callback gives the server's 500); and
/// "metrics": metrics.render() as text/plain; version=0.0.4. `metrics` and whatever `checks`
/// captures must outlive the router.
void addBuiltinRoutes(Router& router, const Metrics& metrics, HealthChecks checks = {});

}  // namespace statshost::http
