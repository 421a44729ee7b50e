#include "CacheControl.h"

#include "statshost/Errors.h"

namespace statshost::dashboard {

namespace {

std::string counts(std::initializer_list<std::pair<const char*, std::uint64_t>> fields) {
    std::string out;
    for (const auto& [name, value] : fields) out += std::string(out.empty() ? "" : ",") + "\"" + name + "\":" + std::to_string(value);
    return out;
}

void requireAdmin(const std::string& query, const Params& params, const Caller& caller) {
    if (!caller.hasScope("admin")) {
        if (caller.anonymous()) throw HttpError(404, "unknown query '" + query + "'");
        throw HttpError(403, query + " needs a token with scope 'admin'");
    }
    if (!params.isEmpty() && !(params.isMap() && params.keys().empty()))
        throw ConfigError("", query + " takes no params");
}

}  // namespace

std::string cacheInfoJson(QueryService& service) {
    const ResponseCache::Stats local = service.cache().stats();
    std::string out = "{\"process\":{" +
                      counts({{"entries", local.entries}, {"bytes", local.bytes}, {"hits", local.hits}, {"misses", local.misses}}) +
                      "},\"redis\":";
    RedisTier* shared = service.sharedTier();
    if (!shared) return out + "null}";
    try {
        const RedisTier::Info info = shared->info();
        return out + "{\"url\":" + jsonQuote(shared->url()) + ",\"prefix\":" + jsonQuote(shared->prefix()) + "," +
               counts({{"entries", info.entries}, {"bytes", info.bytes}, {"hits", info.hits}, {"misses", info.misses}}) +
               "}}";
    } catch (const Error& e) {
        return out + "{\"url\":" + jsonQuote(shared->url()) + ",\"error\":" + jsonQuote(e.what()) + "}}";
    }
}

std::string clearCaches(QueryService& service) {
    const std::uint64_t local = service.cache().stats().entries;
    service.forgetAll();
    std::string out = "{\"process\":{\"removed\":" + std::to_string(local) + "},\"redis\":";
    RedisTier* shared = service.sharedTier();
    if (!shared) return out + "null}";
    return out + "{\"removed\":" + std::to_string(shared->clear()) + "}}";
}

void setUpCaching(BlueprintRegistrar& registrar, QueryService& service, const CacheSettings& settings, Logger& logger) {
    if (!settings.redisUrl.empty()) service.useSharedTier(std::make_shared<RedisTier>(settings, logger));
    QueryService* s = &service;
    registrar.addQuery("cache-info", [s](const Params& params, const Caller& caller) {
        requireAdmin("cache-info", params, caller);
        return cacheInfoJson(*s);
    });
    registrar.addQuery("cache-clear", [s](const Params& params, const Caller& caller) {
        requireAdmin("cache-clear", params, caller);
        try {
            return clearCaches(*s);
        } catch (const Error& e) {
            throw HttpError(503, e.what());
        }
    });
}

}  // namespace statshost::dashboard
