#include "app/WriteApi.h"

#include <sstream>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include "http/JsonError.h"
#include "services/ReplayImporter.h"
#include "services/ServiceError.h"

namespace statshost::app {

namespace {

using services::Outcome;
using services::ServiceError;
using services::ServiceTx;

Poco::JSON::Object::Ptr bodyObject(const Request& req) {
    if (req.body.empty()) throw ServiceError(400, "request body: expected a JSON object");
    try {
        auto v = Poco::JSON::Parser().parse(req.body);
        auto obj = v.extract<Poco::JSON::Object::Ptr>();
        if (!obj) throw ServiceError(400, "request body: expected a JSON object");
        return obj;
    } catch (const Poco::BadCastException&) {  // valid JSON, but not an object
        throw ServiceError(400, "request body: expected a JSON object");
    } catch (const Poco::Exception& e) {
        throw ServiceError(400, "request body: not valid JSON: " + e.displayText());
    }
}

/// Ids from {"<listKey>": [{"id": ...}, ...]} or {"<idsKey>": ["...", ...]}.
std::vector<std::string> idList(const Poco::JSON::Object::Ptr& body, const std::string& listKey, const std::string& idsKey) {
    std::vector<std::string> out;
    if (auto ids = body->getArray(idsKey)) {
        for (std::size_t i = 0; i < ids->size(); ++i) {
            if (!ids->get(i).isString()) throw ServiceError(400, idsKey + "[" + std::to_string(i) + "]: expected a string");
            out.push_back(ids->get(i).extract<std::string>());
        }
    } else if (auto list = body->getArray(listKey)) {
        for (std::size_t i = 0; i < list->size(); ++i) {
            auto item = list->getObject(i);
            if (!item || !item->has("id") || !item->get("id").isString())
                throw ServiceError(400, listKey + "[" + std::to_string(i) + "].id: expected a string");
            out.push_back(item->getValue<std::string>("id"));
        }
    } else {
        throw ServiceError(400, listKey + ": missing (or give " + idsKey + ")");
    }
    return out;
}

Response answer(const Outcome& o, int status = 200) {
    Poco::JSON::Object obj;
    obj.set("status", o.status);
    obj.set("id", o.id);
    return http::jsonResponse(status, obj);
}

std::string nested(const Poco::JSON::Object::Ptr& o, const std::string& objKey, const std::string& key,
                   const std::string& field) {
    auto inner = o->getObject(objKey);
    if (!inner || !inner->has(key) || !inner->get(key).isString()) throw ServiceError(400, field + ": missing");
    return inner->getValue<std::string>(key);
}

}  // namespace

std::vector<Route> writeRoutes(services::RepositoryServices& services, services::UsageOpHandler usageOps,
                               const Clock& clock) {
    auto tx = [&services, &clock](const std::function<Outcome(ServiceTx&)>& fn) {
        Outcome outcome;
        services.transaction(clock, [&](ServiceTx& t) { outcome = fn(t); });
        return outcome;
    };
    std::vector<Route> routes;
    auto route = [&](const char* method, const char* pattern, const char* name, Handler h,
                     Permission p = Permission::Ingest) { routes.push_back({method, pattern, p, std::move(h), name}); };

    route("POST", "/api/communities", "api.communities.create", [tx](const Request& r) {
        auto body = bodyObject(r);
        auto o = tx([&](ServiceTx& t) { return t.putCommunity(body); });
        return answer(o, o.status == "created" ? 201 : 200);
    });
    route("PUT", "/api/communities/{id}", "api.communities.update", [tx](const Request& r) {
        auto body = bodyObject(r);
        const std::string& id = r.pathParams.at("id");
        if (body->has("id") && !(body->get("id").isString() && body->getValue<std::string>("id") == id))
            throw ServiceError(400, "community.id: does not match the id in the path");
        body->set("id", id);
        return answer(tx([&](ServiceTx& t) { return t.putCommunity(body); }));
    });
    route("POST", "/api/records", "api.records.publish", [tx](const Request& r) {
        auto body = bodyObject(r);
        auto o = tx([&](ServiceTx& t) { return t.publish(body); });
        return answer(o, o.status == "created" ? 201 : 200);
    });
    route("DELETE", "/api/records/{id}", "api.records.delete", [tx](const Request& r) {
        return answer(tx([&](ServiceTx& t) { return t.deleteRecord(r.pathParams.at("id")); }));
    });
    route("POST", "/api/records/{id}/restore", "api.records.restore", [tx](const Request& r) {
        return answer(tx([&](ServiceTx& t) { return t.restoreRecord(r.pathParams.at("id")); }));
    });
    route("POST", "/api/records/{id}/communities", "api.records.communities.add", [tx](const Request& r) {
        auto ids = idList(bodyObject(r), "communities", "community_ids");
        return answer(tx([&](ServiceTx& t) { return t.add(r.pathParams.at("id"), ids); }));
    });
    route("DELETE", "/api/records/{id}/communities", "api.records.communities.remove", [tx](const Request& r) {
        auto ids = idList(bodyObject(r), "communities", "community_ids");
        return answer(tx([&](ServiceTx& t) { return t.remove(r.pathParams.at("id"), ids); }));
    });
    route("POST", "/api/communities/{id}/records", "api.communities.records.add", [tx](const Request& r) {
        auto ids = idList(bodyObject(r), "records", "record_ids");
        return answer(tx([&](ServiceTx& t) { return t.bulkAdd(r.pathParams.at("id"), ids); }));
    });
    route("POST", "/api/requests/{id}/actions/accept", "api.requests.accept", [tx](const Request& r) {
        auto body = bodyObject(r);
        if (!body->has("type") || !body->get("type").isString()) throw ServiceError(400, "request.type: missing");
        std::string type = body->getValue<std::string>("type");
        std::string receiver = nested(body, "receiver", "community", "request.receiver.community");
        std::string record = nested(body, "topic", "record", "request.topic.record");
        return answer(tx([&](ServiceTx& t) { return t.acceptRequest(type, receiver, record); }));
    });
    route("POST", "/api/admin/replay", "api.admin.replay", [&services, usageOps](const Request& r) {
        services::ReplayImporter importer(services, usageOps);
        services::ImportOptions opts;
        opts.keepGoing = r.queryValue("keep_going") == "true";
        std::istringstream in(r.body);
        auto report = importer.run(in, opts);
        Poco::JSON::Object obj;
        obj.set("lines", report.lines);
        obj.set("applied", report.applied);
        Poco::JSON::Array errors;
        for (const auto& e : report.errors) {
            Poco::JSON::Object item;
            item.set("line", e.line);
            item.set("message", e.message);
            errors.add(item);
        }
        obj.set("errors", errors);
        obj.set("stopped", report.stopped);
        return http::jsonResponse(report.errors.empty() ? 200 : 400, obj);
    }, Permission::Admin);
    return routes;
}

}  // namespace statshost::app
