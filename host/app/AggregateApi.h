#pragma once
/// The "aggregate now" admin API (token scope `admin`):
///   POST /api/admin/aggregate   runs the configured aggregations inside the server process
///
/// Parameters, in a JSON object body or the query string (the body wins; an empty body is fine):
///   as_of          YYYY-MM-DD, the run's "today" (default: today, UTC)
///   aggregations   names of configured aggregations (JSON list, or in the query one `aggregations=`
///                  per name or comma-separated); default all, in configuration order
///   community_ids  community ids or slugs, or "global" (same forms); default every community and global
/// The run is the CLI's `aggregate --as-of` (bookmarks updated, no catch-up limit) through an
/// AggregationRunner, so it takes the storage lock kAggregationLock like the scheduler and every other
/// process: while another run holds it the answer is 409 and nothing runs.
///
/// Answers: 200 with the run report {"as_of", "ok", "cancelled", "documents", "seconds", "aggregations":
/// [{"name", "ok", "communities", "documents", "seconds", "errors": [...]}]} (a failed aggregation is
/// reported there, with ok false); 400 naming the parameter for bad input (a malformed day, an unknown
/// aggregation or community, a body that is not a JSON object); 409 {"error", "skipped": true} when the
/// lock is held; 404 when statistics are disabled or no aggregation is configured.
#include <vector>

#include "app/AppSession.h"
#include "http/Metrics.h"
#include "statshost/Http.h"

namespace statshost::app {

/// The route above, bound to `session` (its aggregators, storage and aggregation source, opened here)
/// and recording each aggregation in `metrics`; both must outlive the route.
std::vector<Route> aggregateRoutes(AppSession& session, http::Metrics& metrics);

}  // namespace statshost::app
