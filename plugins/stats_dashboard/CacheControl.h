#pragma once
/// Cache control of the dashboard: attaches the shared tier (Redis) when configured and registers
/// two admin-only /api/stats queries that `statshost cache info|clear` (and operators with an
/// admin token, against a running `serve`) use:
///
///   cache-info   {"process": {"entries", "bytes", "hits", "misses"},
///                 "redis": null | {"url", "prefix", "entries", "bytes", "hits", "misses"} | {"url", "error"}}
///                "process" is the answering process's in-process LRU.
///   cache-clear  empties the in-process LRU (and the remembered generations and community data)
///                and deletes our Redis keys: {"process": {"removed": n}, "redis": null | {"removed": m}}
///
/// Both take no params and answer 403 to a caller without the `admin` scope (404 when anonymous).
#include "CacheSettings.h"
#include "QueryService.h"
#include "statshost/Blueprint.h"

namespace statshost::dashboard {

/// Gives `service` its Redis tier when `settings.redisUrl` is set and registers the queries above.
void setUpCaching(BlueprintRegistrar& registrar, QueryService& service, const CacheSettings& settings, Logger& logger);

/// The cache-info answer of `service`.
std::string cacheInfoJson(QueryService& service);
/// Runs cache-clear on `service`; returns its answer.
std::string clearCaches(QueryService& service);

}  // namespace statshost::dashboard
