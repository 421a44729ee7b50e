#pragma once
/// POST /api/stats (and GET with ?q=<json>): runs the named queries blueprints registered, in the
/// invenio-stats request shape
///     {"<key>": {"stat": "<query name>", "params": {...}}, ...}
/// and answers {"<key>": <query result>, ...}. An unknown query, a malformed body or a query that
/// rejects its params (ConfigError / HttpError) is a 400 naming the key; no query runs then.
#include <map>
#include <string>

#include "statshost/Blueprint.h"
#include "statshost/Http.h"

namespace statshost::app {

/// Converts parsed JSON (Poco::JSON objects/arrays) into the Dynamic tree Params reads.
Params jsonToParams(const std::string& jsonText, const std::string& path);

/// A public POST route at /api/stats serving `queries` (copied; the handlers must stay valid).
Route statsRoute(std::map<std::string, QueryHandler> queries);

}  // namespace statshost::app
