#include "app/StatsEndpoint.h"

#include <Poco/Dynamic/Struct.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include "app/StatsEndpointFormats.h"
#include "statshost/Errors.h"
#include "storage/Database.h"

namespace statshost::app {

namespace {

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
    return Params::fromJson(parsed, path);
}

Route statsRoute(std::map<std::string, QueryHandler> queries, const std::string& cacheControl) {
    auto handler = [queries = std::move(queries), cacheControl](const Request& req) {
        const std::string format = negotiatedFormat(req);
        std::string body = req.method == "GET" ? req.queryValue("q") : req.body;
        if (body.empty()) throw HttpError(400, "expected a JSON object {\"<key>\": {\"stat\": \"<query>\", \"params\": {...}}}");
        Params request = jsonToParams(body, "");
        if (!request.isMap() || request.keys().empty())
            throw HttpError(400, "expected a JSON object {\"<key>\": {\"stat\": \"<query>\", \"params\": {...}}}");
        // Validate every entry before running any query.
        std::vector<std::pair<std::string, const QueryHandler*>> plan;
        std::vector<StatsEntry> entries;
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
            entries.push_back({key, stat, entry.child("params")});
        }
        const Caller caller{req.tokenName, req.scopes};
        std::string out = "{";
        for (const auto& [key, handlerPtr] : plan) {
            std::string result;
            try {
                result = (*handlerPtr)(request.child(key).child("params"), caller);
            } catch (const ConfigError& e) {
                throw HttpError(400, queryParamMessage(key, e));
            } catch (const HttpError& e) {
                throw HttpError(e.status(), key + ": " + e.what());
            }
            out += (out.size() > 1 ? "," : "") + quote(key) + ":" + result;
        }
        out += "}";
        Response res = formatAnswer(std::move(out), entries, format, !req.queryValue("format").empty());
        res.headers.emplace_back("Cache-Control", cacheControl);
        return res;
    };
    return Route{"POST", "/api/stats", Permission::Public, handler, "api.stats", true};
}

}  // namespace statshost::app
