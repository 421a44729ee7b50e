#pragma once
/// HTTP types a blueprint's route handlers see. The host parses the request (path parameters,
/// query string, body within the size limit, authenticated scopes) and serialises the Response.
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace statshost {

/// Who may call a route. Public routes need no token; the others need a bearer token whose
/// scopes include the named one (`admin` implies every other scope).
enum class Permission { Public, ReadRestricted, Ingest, Admin };

inline const char* scopeName(Permission p) {
    switch (p) {
        case Permission::ReadRestricted: return "read-restricted";
        case Permission::Ingest: return "ingest";
        case Permission::Admin: return "admin";
        default: return "";
    }
}

struct Request {
    std::string method;                                      ///< upper case, e.g. "GET"
    std::string path;                                        ///< decoded path without query string
    std::map<std::string, std::string> pathParams;           ///< from `{name}` segments of the pattern
    std::multimap<std::string, std::string> query;           ///< decoded query parameters
    std::map<std::string, std::string> headers;              ///< header names lower-cased
    std::string body;
    std::string tokenName;                                   ///< authenticated token, or empty
    std::set<std::string> scopes;                            ///< scopes of that token

    std::string queryValue(const std::string& key, const std::string& dflt = "") const {
        auto it = query.find(key);
        return it == query.end() ? dflt : it->second;
    }
    std::string header(const std::string& lowerName, const std::string& dflt = "") const {
        auto it = headers.find(lowerName);
        return it == headers.end() ? dflt : it->second;
    }
    bool hasScope(const std::string& scope) const { return scopes.count(scope) || scopes.count("admin"); }
};

struct Response {
    int status = 200;
    std::string contentType = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

/// A route handler. It may throw HttpError(status, message) for client errors; any other
/// exception becomes a 500 with a generic message (details go to the log).
using Handler = std::function<Response(const Request&)>;

/// `pattern` is a path with optional `{name}` segments (e.g. "/communities/{id}/stats") or a
/// trailing `{name*}` segment that takes the rest of the path.
struct Route {
    std::string method;
    std::string pattern;
    Permission permission = Permission::Public;
    Handler handler;
    std::string name;  ///< for logs and metrics, e.g. "stats_dashboard.global"
    /// When true the host finishes every 200 answer of this route for HTTP caches: an `ETag` (hash
    /// of the body), `If-None-Match` → 304, and for text bodies (JSON, XML, CSV) without a
    /// Content-Encoding of their own the `Accept-Encoding` negotiation (br preferred, then gzip)
    /// with `Vary: Accept-Encoding`. The handler sets Cache-Control itself.
    bool conditional = false;
};

}  // namespace statshost
