#include "app/AggregateApi.h"

#include <sstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "aggregation/AggregationRunner.h"
#include "app/AggregateSupport.h"
#include "http/JsonError.h"
#include "plugins/HostServices.h"
#include "records/Dates.h"
#include "statshost/Errors.h"

namespace statshost::app {

namespace {

/// The run's parameters as given (names not yet checked).
struct AggregateParams {
    std::string asOf;
    std::vector<std::string> aggregations;
    std::vector<std::string> communities;
};

std::vector<std::string> splitCommas(const std::string& text) {
    std::vector<std::string> out;
    std::string item;
    std::istringstream in(text);
    while (std::getline(in, item, ','))
        if (!item.empty()) out.push_back(item);
    return out;
}

std::vector<std::string> queryList(const Request& r, const std::string& key) {
    std::vector<std::string> out;
    auto [first, last] = r.query.equal_range(key);
    for (auto it = first; it != last; ++it)
        for (std::string& item : splitCommas(it->second)) out.push_back(std::move(item));
    return out;
}

std::vector<std::string> bodyList(const Poco::JSON::Object::Ptr& body, const std::string& key) {
    if (!body->has(key)) return {};
    auto list = body->getArray(key);
    if (!list) throw HttpError(400, key + ": expected a list of strings");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < list->size(); ++i) {
        if (!list->get(i).isString()) throw HttpError(400, key + "[" + std::to_string(i) + "]: expected a string");
        out.push_back(list->get(i).extract<std::string>());
    }
    return out;
}

AggregateParams readParams(const Request& r) {
    AggregateParams p;
    p.asOf = r.queryValue("as_of");
    p.aggregations = queryList(r, "aggregations");
    p.communities = queryList(r, "community_ids");
    if (r.body.find_first_not_of(" \t\r\n") == std::string::npos) return p;
    Poco::JSON::Object::Ptr body;
    try {
        body = Poco::JSON::Parser().parse(r.body).extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception&) {
        throw HttpError(400, "request body: expected a JSON object");
    }
    if (!body) throw HttpError(400, "request body: expected a JSON object");
    if (body->has("as_of")) {
        if (!body->get("as_of").isString()) throw HttpError(400, "as_of: expected a day YYYY-MM-DD");
        p.asOf = body->getValue<std::string>("as_of");
    }
    if (body->has("aggregations")) p.aggregations = bodyList(body, "aggregations");
    if (body->has("community_ids")) p.communities = bodyList(body, "community_ids");
    return p;
}

Poco::JSON::Object reportObject(const aggregation::RunReport& report, const std::string& asOf) {
    Poco::JSON::Object obj;
    obj.set("as_of", asOf);
    obj.set("ok", report.ok());
    obj.set("cancelled", report.cancelled);
    obj.set("documents", static_cast<Poco::UInt64>(report.documents()));
    double total = 0;
    Poco::JSON::Array aggregations;
    for (const auto& o : report.outcomes) {
        total += o.seconds;
        Poco::JSON::Object item;
        item.set("name", o.name);
        item.set("ok", o.ok);
        item.set("communities", static_cast<Poco::UInt64>(o.result.communities));
        item.set("documents", static_cast<Poco::UInt64>(o.result.documents));
        item.set("seconds", o.seconds);
        Poco::JSON::Array errors;
        if (!o.failure.empty()) errors.add(o.failure);
        for (const std::string& e : o.result.errors) errors.add(e);
        item.set("errors", errors);
        aggregations.add(item);
    }
    obj.set("seconds", total);
    obj.set("aggregations", aggregations);
    return obj;
}

}  // namespace

std::vector<Route> aggregateRoutes(AppSession& session, http::Metrics& metrics) {
    const bool enabled = session.config().stats.enabled && !session.extensions().aggregators().empty();
    if (enabled) {  // opened here, on the serving thread, not lazily by the first request
        session.aggregationSource();
        session.aggregationSettings();
    }
    Route route;
    route.method = "POST";
    route.pattern = "/api/admin/aggregate";
    route.permission = Permission::Admin;
    route.name = "api.admin.aggregate";
    route.handler = [&session, &metrics, enabled](const Request& r) {
        if (!enabled) throw HttpError(404, "no aggregations to run: statistics are disabled or STATS_AGGREGATIONS is empty");
        AggregateParams p = readParams(r);
        aggregation::RunOptions options;
        AggregationRequest& request = options.request;
        if (p.asOf.empty()) p.asOf = todayUtc();
        if (!records::parseDay(p.asOf)) throw HttpError(400, "as_of: expected a day YYYY-MM-DD, got '" + p.asOf + "'");
        request.asOfDay = p.asOf;
        try {
            checkAggregationNames(session, p.aggregations);
        } catch (const UsageError& e) {
            throw HttpError(400, std::string("aggregations: ") + e.what());
        }
        try {
            request.communityIds = resolveCommunities(session, p.communities);
        } catch (const UsageError& e) {
            throw HttpError(400, std::string("community_ids: ") + e.what());
        }
        options.aggregations = p.aggregations;

        plugins::SystemClock clock;
        plugins::LogProgress progress("statshost.aggregate-api");
        aggregation::AggregationRunner runner(session.extensions().aggregators(), session.storage(),
                                              session.aggregationSource(), session.aggregationSettings(), clock,
                                              progress);
        runner.setObserver([&metrics](const std::string& name, double seconds, bool ok) {
            metrics.recordAggregationRun(name, seconds, ok);
        });
        const aggregation::RunReport report = runner.run(options);
        if (report.skipped) {
            Poco::JSON::Object obj;
            obj.set("error", "aggregation skipped: another run (the scheduler, another request or another process) "
                             "holds the aggregation lock; try again when it has finished");
            obj.set("skipped", true);
            return http::jsonResponse(409, obj);
        }
        return http::jsonResponse(200, reportObject(report, p.asOf));
    };
    return {route};
}

}  // namespace statshost::app
