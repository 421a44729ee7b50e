#include "http/BuiltinRoutes.h"

#include <sstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "http/Metrics.h"
#include "http/Router.h"

namespace statshost::http {

namespace {

Response health(const HealthChecks& checks) {
    std::vector<HealthCheckResult> results = checks ? checks() : std::vector<HealthCheckResult>{};
    bool ok = true;
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const HealthCheckResult& c : results) {
        Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        item->set("name", c.name);
        item->set("ok", c.ok);
        item->set("detail", c.detail);
        list->add(item);
        ok = ok && c.ok;
    }
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("status", ok ? "ok" : "fail");
    body.set("checks", list);
    std::ostringstream out;
    body.stringify(out);
    Response r;
    r.status = ok ? 200 : 503;
    r.body = out.str();
    r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

}  // namespace

void addBuiltinRoutes(Router& router, const Metrics& metrics, HealthChecks checks) {
    Route healthz;
    healthz.method = "GET";
    healthz.pattern = "/healthz";
    healthz.name = "healthz";
    healthz.handler = [checks = std::move(checks)](const Request&) { return health(checks); };
    router.add(std::move(healthz));

    Route metricsRoute;
    metricsRoute.method = "GET";
    metricsRoute.pattern = "/metrics";
    metricsRoute.name = "metrics";
    metricsRoute.handler = [&metrics](const Request&) {
        Response r;
        r.contentType = "text/plain; version=0.0.4; charset=utf-8";
        r.body = metrics.render();
        r.headers.emplace_back("Cache-Control", "no-store");
        return r;
    };
    router.add(std::move(metricsRoute));
}

}  // namespace statshost::http
