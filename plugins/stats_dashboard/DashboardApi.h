#pragma once
/// POST /api/stats-dashboard (the original's second endpoint, API_UI.md §1.1/§2 with the fixes):
/// body {"<query name>": {"params": {...}}, ...} — the request key is the query (a `stat` member,
/// if any, is ignored); params as for /api/stats (any range, date basis, granularity, category,
/// metric). Also GET with `?q=<the same JSON>`.
///
/// Answers {"<query>": <answer>, ...} as JSON, or as CSV / XLSX / XML through the export library
/// (`format=json|csv|xlsx|xml` query parameter, else the Accept header; nothing acceptable → 406),
/// with a Content-Disposition naming community, queries and range. Errors: {"status", "message"}
/// with 400 (body, query, params), 403/404 (access), 406 (format).
#include <string>

#include "QueryService.h"
#include "statshost/Context.h"
#include "statshost/Http.h"

namespace statshost::dashboard {

struct ApiSettings {
    std::string route = "/api/stats-dashboard";
    std::string cacheControl = "no-cache";  ///< public answers; restricted ones get "private, no-cache"
    std::string publisher = "InvenioRDM";   ///< XML export metadata
};

/// The answer to one request (exceptions: HttpError / ConfigError for client errors).
Response answerDashboardRequest(QueryService& service, const ApiSettings& settings, const Clock& clock,
                                const Request& request);

/// The conditional routes (POST and GET) at settings.route.
std::vector<Route> dashboardApiRoutes(QueryService& service, const ApiSettings& settings, const Clock& clock);

}  // namespace statshost::dashboard
