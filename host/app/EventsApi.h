#pragma once
/// Usage-event ingest (scope `ingest`):
///   POST /api/events/record-view     a JSON object, a JSON array, or NDJSON (one object per line)
///   POST /api/events/file-download   the same, with file_key / file_id / bucket_id / size
/// Each event: `timestamp` (ISO-8601), `recid`, optional `user_id`, `session_id`, `ip` (or
/// `ip_address`), `user_agent`, `referrer`, `country`, `via_api`. A 2xx answer means the accepted
/// events are committed. Answer: {"received", "stored", "double_clicks", "robots", "api_views",
/// "errors": [{"index", "message"}]} — 200 when nothing was rejected, 207 when some were (the
/// others are stored), 400 when all were, or with `?atomic=true` at the first rejection (nothing
/// is stored then).
#include <vector>

#include "app/UsageRuntime.h"
#include "services/RepositoryServices.h"
#include "statshost/Http.h"

namespace statshost::app {

std::vector<Route> eventRoutes(services::RepositoryServices& services, const UsageRuntime& usage, const Clock& clock);

}  // namespace statshost::app
