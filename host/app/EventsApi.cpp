#include "app/EventsApi.h"

#include <sstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "services/ServiceError.h"

namespace statshost::app {

namespace {

using services::ServiceError;

/// The answer body: {"received", "stored", "double_clicks", "robots", "api_views", "errors": [{"index", "message"}]}.
std::string answerJson(std::size_t received, const usage::BatchResult& result) {
    Poco::JSON::Object answer;
    answer.set("received", received);
    answer.set("stored", result.counters.stored);
    answer.set("double_clicks", result.counters.suppressed);
    answer.set("robots", result.robots);
    answer.set("api_views", result.apiViews);
    Poco::JSON::Array errors;
    for (std::size_t i = 0; i < result.outcomes.size(); ++i) {
        if (result.outcomes[i].kind != usage::HitOutcome::Kind::Rejected) continue;
        Poco::JSON::Object e;
        e.set("index", i);
        e.set("message", result.outcomes[i].message);
        errors.add(e);
    }
    answer.set("errors", errors);
    std::ostringstream out;
    answer.stringify(out);
    return out.str();
}

}  // namespace

std::vector<Route> eventRoutes(services::RepositoryServices& services, const UsageRuntime& usage, const Clock& clock) {
    usage.preloadGeoip();  // the raw-hit routes look countries up; load the ranges now, not in a request
    auto handler = [&services, &usage, &clock](usage::EventType type) {
        return [&services, &usage, &clock, type](const Request& req) {
            if (!usage.enabled(type)) throw ServiceError(404, "this event type is disabled in STATS_EVENTS");
            // The streaming reader: no JSON DOM, views into the body until the hits are built.
            const auto items = usage::parseEventBody(req.body);
            if (items.empty()) throw ServiceError(400, "request body: no events");
            std::vector<usage::Parsed<usage::RawHit>> hits(items.size());
            for (std::size_t i = 0; i < items.size(); ++i) {
                if (!items[i].error.empty()) {
                    hits[i].error = items[i].error;
                    continue;
                }
                try {
                    hits[i].value = usage::parseRawHit(type, items[i].object, std::nullopt);
                } catch (const ServiceError& e) {
                    hits[i].error = e.what();
                }
            }
            bool atomic = req.queryValue("atomic") == "true";
            // Classification, hashing and record lookups happen before the write transaction, so concurrent
            // requests only serialize on storing.
            auto prepared = usage.pipeline().prepareRaw(
                hits, usage.pipeline().cachedLookupIn(services.storage().database()));
            const usage::BatchResult result = usage.commitRaw(services, clock, hits, std::move(prepared), atomic);
            Response res;
            res.body = answerJson(items.size(), result);
            res.status = result.rejected == 0 ? 200 : (result.rejected == items.size() ? 400 : 207);
            return res;
        };
    };
    return {
        Route{"POST", "/api/events/record-view", Permission::Ingest, handler(usage::EventType::View), "api.events.view"},
        Route{"POST", "/api/events/file-download", Permission::Ingest, handler(usage::EventType::Download),
              "api.events.download"},
    };
}

}  // namespace statshost::app
