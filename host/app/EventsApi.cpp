#include "app/EventsApi.h"

#include <sstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include "services/ServiceError.h"

namespace statshost::app {

namespace {

using services::ServiceError;

Poco::JSON::Object::Ptr asObject(const Poco::Dynamic::Var& v) {
    if (v.type() == typeid(Poco::JSON::Object::Ptr)) return v.extract<Poco::JSON::Object::Ptr>();
    return nullptr;
}

}  // namespace

std::vector<std::pair<Poco::JSON::Object::Ptr, std::string>> splitEvents(const std::string& body) {
    std::vector<std::pair<Poco::JSON::Object::Ptr, std::string>> out;
    try {
        auto whole = Poco::JSON::Parser().parse(body);
        if (auto obj = asObject(whole)) return {{obj, ""}};
        if (whole.type() == typeid(Poco::JSON::Array::Ptr)) {
            auto arr = whole.extract<Poco::JSON::Array::Ptr>();
            for (std::size_t i = 0; i < arr->size(); ++i) {
                auto obj = asObject(arr->get(i));
                out.push_back({obj, obj ? "" : "expected a JSON object"});
            }
            return out;
        }
    } catch (const Poco::Exception&) {
        // not one JSON document: NDJSON below
    }
    std::istringstream in(body);
    std::string line;
    while (std::getline(in, line)) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        try {
            auto obj = asObject(Poco::JSON::Parser().parse(line));
            out.push_back({obj, obj ? "" : "expected a JSON object"});
        } catch (const Poco::Exception& e) {
            out.push_back({nullptr, "malformed JSON: " + e.displayText()});
        }
    }
    return out;
}

std::vector<Route> eventRoutes(services::RepositoryServices& services, const UsageRuntime& usage, const Clock& clock) {
    usage.preloadGeoip();  // the raw-hit routes look countries up; load the ranges now, not in a request
    auto handler = [&services, &usage, &clock](usage::EventType type) {
        return [&services, &usage, &clock, type](const Request& req) {
            if (!usage.enabled(type)) throw ServiceError(404, "this event type is disabled in STATS_EVENTS");
            auto items = splitEvents(req.body);
            if (items.empty()) throw ServiceError(400, "request body: no events");
            std::vector<usage::Parsed<usage::RawHit>> hits(items.size());
            for (std::size_t i = 0; i < items.size(); ++i) {
                if (!items[i].first) {
                    hits[i].error = items[i].second;
                    continue;
                }
                try {
                    hits[i].value = usage::parseRawHit(type, items[i].first, std::nullopt);
                } catch (const ServiceError& e) {
                    hits[i].error = e.what();
                }
            }
            bool atomic = req.queryValue("atomic") == "true";
            // Classification, hashing and record lookups happen before the write transaction, so concurrent
            // requests only serialize on storing.
            auto prepared = usage.pipeline().prepareRaw(
                hits, usage::UsagePipeline::lookupIn(services.storage().database()));
            usage::BatchResult result;
            services.transaction(clock, [&](services::ServiceTx& tx) {
                result = usage.pipeline().commitRaw(tx, hits, std::move(prepared), atomic);  // no retries: runs once
            });
            Poco::JSON::Object answer;
            answer.set("received", items.size());
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
            Response res;
            res.status = result.rejected == 0 ? 200 : (result.rejected == items.size() ? 400 : 207);
            res.body = out.str();
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
