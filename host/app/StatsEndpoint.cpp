#include "app/StatsEndpoint.h"

#include <Poco/Dynamic/Struct.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include "statshost/Errors.h"

namespace statshost::app {

namespace {

Poco::Dynamic::Var toTree(const Poco::Dynamic::Var& v) {
    if (v.type() == typeid(Poco::JSON::Object::Ptr)) {
        Poco::Dynamic::Struct<std::string> s;
        auto obj = v.extract<Poco::JSON::Object::Ptr>();
        for (const auto& kv : *obj) s.insert(kv.first, toTree(kv.second));
        return s;
    }
    if (v.type() == typeid(Poco::JSON::Array::Ptr)) {
        std::vector<Poco::Dynamic::Var> items;
        for (const auto& item : *v.extract<Poco::JSON::Array::Ptr>()) items.push_back(toTree(item));
        return items;
    }
    return v;
}

std::string quote(const std::string& s) {
    std::ostringstream out;
    Poco::JSON::Stringifier::formatString(s, out);
    return out.str();
}

}  // namespace

Params jsonToParams(const std::string& jsonText, const std::string& path) {
    Poco::JSON::Parser parser;
    Poco::Dynamic::Var parsed;
    try {
        parsed = parser.parse(jsonText);
    } catch (const Poco::Exception& e) {
        throw HttpError(400, "request body is not valid JSON: " + e.displayText());
    }
    return Params(toTree(parsed), path);
}

Route statsRoute(std::map<std::string, QueryHandler> queries) {
    auto handler = [queries = std::move(queries)](const Request& req) {
        std::string body = req.method == "GET" ? req.queryValue("q") : req.body;
        if (body.empty()) throw HttpError(400, "expected a JSON object {\"<key>\": {\"stat\": \"<query>\", \"params\": {...}}}");
        Params request = jsonToParams(body, "");
        if (!request.isMap() || request.keys().empty())
            throw HttpError(400, "expected a JSON object {\"<key>\": {\"stat\": \"<query>\", \"params\": {...}}}");
        // Validate every entry before running any query.
        std::vector<std::pair<std::string, const QueryHandler*>> plan;
        for (const auto& key : request.keys()) {
            Params entry = request.child(key);
            std::string stat;
            try {
                stat = entry.getString("stat", "");
            } catch (const ConfigError&) {
                throw HttpError(400, key + ".stat: expected a query name");
            }
            auto it = queries.find(stat);
            if (it == queries.end()) throw HttpError(400, key + ".stat: unknown query '" + stat + "'");
            if (!entry.child("params").isEmpty() && !entry.child("params").isMap())
                throw HttpError(400, key + ".params: expected an object");
            plan.emplace_back(key, &it->second);
        }
        std::string out = "{";
        for (const auto& [key, handlerPtr] : plan) {
            std::string result;
            try {
                result = (*handlerPtr)(request.child(key).child("params"));
            } catch (const ConfigError& e) {
                throw HttpError(400, key + ".params" + (e.keyPath().empty() ? "" : "." + e.keyPath()) + ": " + e.problem());
            }
            out += (out.size() > 1 ? "," : "") + quote(key) + ":" + result;
        }
        out += "}";
        Response res;
        res.body = std::move(out);
        return res;
    };
    return Route{"POST", "/api/stats", Permission::Public, handler, "api.stats"};
}

}  // namespace statshost::app
