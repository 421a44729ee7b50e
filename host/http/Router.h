#pragma once
/// Maps (method, path) onto the routes registered at start-up.
///
/// Patterns: literal segments, `{name}` (exactly one non-empty segment, percent-decoded) and a
/// trailing `{name*}` (zero or more remaining segments, each decoded, joined by '/'; a segment
/// whose decoding contains '/' does not match a rest parameter, so `%2F` cannot forge structure).
/// Precedence, segment by segment from the left: literal, then `{name}`, then `{name*}`. A route
/// matches only if its method matches, so a less specific route with the right method beats a
/// more specific one with another method; "method not allowed" is reported only when no route
/// with that method matches. HEAD is served by a GET route when no HEAD route matches.
///
/// Threading: add() and freeze() run single-threaded at start-up. After freeze() the router is
/// immutable and match() may be called from any number of threads without locks.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "statshost/Http.h"

namespace statshost::http {

struct RouteMatch {
    enum class Kind {
        Found,             ///< `route` and `params` are set
        NotFound,          ///< no route has this path (404)
        MethodNotAllowed,  ///< routes have this path, none with this method (405; see `allowed`)
        BadPath            ///< the path is not a valid percent-encoded absolute path (400)
    };
    Kind kind = Kind::NotFound;
    const Route* route = nullptr;                  ///< owned by the router; valid while it lives
    std::map<std::string, std::string> params;     ///< decoded path parameters
    std::vector<std::string> allowed;              ///< sorted methods (HEAD added next to GET)
};

class Router {
public:
    Router();
    ~Router();
    Router(const Router&) = delete;
    Router& operator=(const Router&) = delete;

    /// Registers a route. Throws statshost::ConfigError for an invalid pattern, a missing handler
    /// or method, or a route with the same method and pattern shape as an earlier one (the
    /// message names both routes); throws statshost::Error once frozen. An empty name becomes
    /// "METHOD pattern". The method is upper-cased.
    void add(Route route);

    /// Ends registration; afterwards add() throws and match() is lock-free. Idempotent.
    void freeze();
    bool frozen() const { return _frozen; }

    /// Looks up `rawPath` (the request target's path, still percent-encoded, without query).
    RouteMatch match(const std::string& method, const std::string& rawPath) const;

private:
    struct Node;
    struct Entry;
    std::unique_ptr<Node> _root;
    std::vector<std::unique_ptr<Entry>> _entries;
    bool _frozen = false;
};

}  // namespace statshost::http
