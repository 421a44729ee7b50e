#include "http/Router.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>

#include "http/UrlCodec.h"
#include "statshost/Errors.h"

namespace statshost::http {

struct Router::Entry {
    Route route;
    std::vector<std::string> paramNames;  ///< in pattern order, the rest parameter last
};

struct Router::Node {
    std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
    std::unique_ptr<Node> param;  ///< child for a `{name}` segment
    std::unique_ptr<Node> rest;   ///< terminal child for a `{name*}` segment
    std::map<std::string, const Entry*> byMethod;
};

namespace {

bool isParamNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

struct PatternSegment {
    enum class Kind { Literal, Param, Rest } kind;
    std::string text;  ///< literal text or parameter name
};

std::vector<PatternSegment> parsePattern(const Route& route) {
    auto fail = [&](const std::string& problem) {
        throw ConfigError("", "route '" + route.name + "' pattern '" + route.pattern + "': " + problem);
    };
    if (route.pattern.empty() || route.pattern[0] != '/') fail("must start with '/'");
    std::vector<PatternSegment> out;
    std::set<std::string> names;
    auto segments = splitPath(route.pattern);
    for (std::size_t i = 0; i < segments.size(); ++i) {
        std::string_view s = segments[i];
        bool braced = !s.empty() && s.front() == '{' && s.back() == '}';
        if (!braced) {
            if (s.find_first_of("{}%?#") != std::string_view::npos) fail("bad literal segment '" + std::string(s) + "'");
            out.push_back({PatternSegment::Kind::Literal, std::string(s)});
            continue;
        }
        std::string_view name = s.substr(1, s.size() - 2);
        bool rest = !name.empty() && name.back() == '*';
        if (rest) name.remove_suffix(1);
        if (name.empty() || !std::all_of(name.begin(), name.end(), isParamNameChar))
            fail("bad parameter '" + std::string(s) + "'");
        if (rest && i + 1 != segments.size()) fail("'{" + std::string(name) + "*}' must be the last segment");
        if (!names.insert(std::string(name)).second) fail("parameter '" + std::string(name) + "' repeats");
        out.push_back({rest ? PatternSegment::Kind::Rest : PatternSegment::Kind::Param, std::string(name)});
    }
    return out;
}

/// Walks the trie in precedence order and reports every terminal node the path reaches.
class Matcher {
public:
    Matcher(const std::vector<std::string>& segments, const std::vector<bool>& hasSlash)
        : _segments(segments), _hasSlash(hasSlash) {}

    /// Calls visit(node, captures) for each terminal in precedence order until it returns true.
    template <typename Node, typename Visit>
    bool walk(const Node& node, std::size_t index, std::vector<std::string>& captures, Visit& visit) const {
        if (index == _segments.size() && !node.byMethod.empty() && visit(node, captures)) return true;
        if (index < _segments.size()) {
            auto lit = node.literals.find(_segments[index]);
            if (lit != node.literals.end() && walk(*lit->second, index + 1, captures, visit)) return true;
            if (node.param && !_segments[index].empty()) {
                captures.push_back(_segments[index]);
                if (walk(*node.param, index + 1, captures, visit)) return true;
                captures.pop_back();
            }
        }
        if (node.rest && restMatches(index)) {
            captures.push_back(joinRest(index));
            if (visit(*node.rest, captures)) return true;
            captures.pop_back();
        }
        return false;
    }

private:
    bool restMatches(std::size_t from) const {
        return std::none_of(_hasSlash.begin() + static_cast<std::ptrdiff_t>(from), _hasSlash.end(), [](bool b) { return b; });
    }
    std::string joinRest(std::size_t from) const {
        std::string out;
        for (std::size_t i = from; i < _segments.size(); ++i) {
            if (i > from) out.push_back('/');
            out += _segments[i];
        }
        return out;
    }
    const std::vector<std::string>& _segments;
    const std::vector<bool>& _hasSlash;
};

}  // namespace

Router::Router() : _root(std::make_unique<Node>()) {}
Router::~Router() = default;

void Router::add(Route route) {
    std::transform(route.method.begin(), route.method.end(), route.method.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (route.name.empty()) route.name = route.method + " " + route.pattern;
    if (_frozen) throw Error("route '" + route.name + "' added after the router was frozen");
    if (route.method.empty()) throw ConfigError("", "route '" + route.name + "': method is empty");
    if (!route.handler) throw ConfigError("", "route '" + route.name + "': handler is empty");

    auto entry = std::make_unique<Entry>();
    Node* node = _root.get();
    for (const PatternSegment& seg : parsePattern(route)) {
        std::unique_ptr<Node>* child = nullptr;
        switch (seg.kind) {
            case PatternSegment::Kind::Literal: child = &node->literals[seg.text]; break;
            case PatternSegment::Kind::Param: child = &node->param; break;
            case PatternSegment::Kind::Rest: child = &node->rest; break;
        }
        if (seg.kind != PatternSegment::Kind::Literal) entry->paramNames.push_back(seg.text);
        if (!*child) *child = std::make_unique<Node>();
        node = child->get();
    }
    auto existing = node->byMethod.find(route.method);
    if (existing != node->byMethod.end())
        throw ConfigError("", "duplicate route " + route.method + " " + route.pattern + ": '" +
                                  existing->second->route.name + "' and '" + route.name + "'");
    entry->route = std::move(route);
    node->byMethod[entry->route.method] = entry.get();
    _entries.push_back(std::move(entry));
}

void Router::freeze() { _frozen = true; }

RouteMatch Router::match(const std::string& method, const std::string& rawPath) const {
    RouteMatch result;
    if (rawPath.empty() || rawPath[0] != '/') {
        result.kind = RouteMatch::Kind::BadPath;
        return result;
    }
    std::vector<std::string> segments;
    std::vector<bool> hasSlash;
    for (std::string_view raw : splitPath(rawPath)) {
        std::string decoded;
        if (!percentDecode(raw, decoded, false)) {
            result.kind = RouteMatch::Kind::BadPath;
            return result;
        }
        hasSlash.push_back(decoded.find('/') != std::string::npos);
        segments.push_back(std::move(decoded));
    }

    Matcher matcher(segments, hasSlash);
    std::set<std::string> allowed;
    const Entry* found = nullptr;
    std::vector<std::string> foundCaptures;
    auto visit = [&](const Node& node, const std::vector<std::string>& captures) {
        auto it = node.byMethod.find(method);
        if (it == node.byMethod.end() && method == "HEAD") it = node.byMethod.find("GET");
        if (it != node.byMethod.end()) {
            found = it->second;
            foundCaptures = captures;
            return true;
        }
        for (const auto& kv : node.byMethod) allowed.insert(kv.first);
        return false;
    };
    std::vector<std::string> captures;
    matcher.walk(*_root, 0, captures, visit);

    if (found) {
        result.kind = RouteMatch::Kind::Found;
        result.route = &found->route;
        for (std::size_t i = 0; i < found->paramNames.size(); ++i) result.params[found->paramNames[i]] = foundCaptures[i];
        return result;
    }
    if (allowed.empty()) return result;
    if (allowed.count("GET")) allowed.insert("HEAD");
    result.kind = RouteMatch::Kind::MethodNotAllowed;
    result.allowed.assign(allowed.begin(), allowed.end());
    return result;
}

}  // namespace statshost::http
