#pragma once
/// POST /api/stats (and GET with ?q=<json>): runs the named queries blueprints registered, in the
/// invenio-stats request shape
///     {"<key>": {"stat": "<query name>", "params": {...}}, ...}
/// and answers {"<key>": <query result>, ...}. An unknown query, a malformed body or a query that
/// rejects its params (ConfigError / HttpError) answers that error's status (400 by default, 403/404
/// from permission checks) with {"status", "message"} naming the key; never an error inside a 200.
/// `format=` / `Accept` choose JSON, CSV, XLSX or XML (StatsEndpointFormats.h).
#include <map>
#include <string>

#include "statshost/Blueprint.h"
#include "statshost/Http.h"

namespace statshost::app {

/// Converts parsed JSON (Poco::JSON objects/arrays) into the Dynamic tree Params reads.
Params jsonToParams(const std::string& jsonText, const std::string& path);

/// A public, conditional (ETag, compression) POST route at /api/stats serving `queries` (copied;
/// the handlers must stay valid). Responses carry `Cache-Control: cacheControl`.
Route statsRoute(std::map<std::string, QueryHandler> queries,
                 const std::string& cacheControl = "no-cache");

}  // namespace statshost::app
