#include "usage/classify/AgentMatcher.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

#include "statshost/Errors.h"
#include "usage/classify/TextFile.h"
#include "usage/classify/VerdictCache.h"

namespace statshost::usage {

AgentMatcher::AgentMatcher(const std::vector<std::string>& patterns, const std::string& source,
                           std::size_t cacheEntries)
    : _patterns(patterns, source), _cache(std::make_unique<VerdictCache>(cacheEntries)) {}

AgentMatcher::~AgentMatcher() = default;
AgentMatcher::AgentMatcher(AgentMatcher&&) noexcept = default;
AgentMatcher& AgentMatcher::operator=(AgentMatcher&&) noexcept = default;

bool AgentMatcher::matches(const std::optional<std::string>& userAgent) const {
    if (!userAgent) return false;
    if (auto known = _cache->find(*userAgent)) return *known;
    const bool verdict = _patterns.search(*userAgent);
    _cache->insert(*userAgent, verdict);
    return verdict;
}

bool AgentMatcher::matchesUncached(const std::string& userAgent) const { return _patterns.search(userAgent); }

std::size_t AgentMatcher::patternCount() const { return _patterns.size(); }

std::size_t AgentMatcher::cachedAgents() const { return _cache->size(); }

std::vector<std::string> readCounterRobotsJson(const std::string& path) {
    const std::string text = readTextFile(path);
    Poco::Dynamic::Var root;
    try {
        Poco::JSON::Parser parser;
        root = parser.parse(text);
    } catch (const Poco::Exception& e) {
        throw ConfigError(path, "invalid JSON: " + e.displayText());
    }
    Poco::JSON::Array::Ptr list;
    if (root.type() == typeid(Poco::JSON::Array::Ptr)) list = root.extract<Poco::JSON::Array::Ptr>();
    if (!list) throw ConfigError(path, "expected a JSON array of {pattern, last_changed} objects");
    std::vector<std::string> patterns;
    patterns.reserve(list->size());
    for (std::size_t i = 0; i < list->size(); ++i) {
        Poco::JSON::Object::Ptr entry = list->getObject(static_cast<unsigned>(i));
        const std::string where = "entry " + std::to_string(i + 1);
        if (!entry) throw ConfigError(path, where + " is not an object");
        const Poco::Dynamic::Var pattern = entry->get("pattern");
        if (!pattern.isString()) throw ConfigError(path, where + " has no string 'pattern'");
        patterns.push_back(pattern.extract<std::string>());
        if (patterns.back().empty()) throw ConfigError(path, where + " has an empty 'pattern'");
    }
    if (patterns.empty()) throw ConfigError(path, "holds no pattern");
    return patterns;
}

std::vector<std::string> readPatternLines(const std::string& path) {
    std::istringstream in(readTextFile(path));
    std::vector<std::string> patterns;
    std::string line;
    static const char* const kSpace = " \t\r\n\f\v";
    while (std::getline(in, line)) {
        const auto first = line.find_first_not_of(kSpace);
        if (first == std::string::npos) continue;
        const auto last = line.find_last_not_of(kSpace);
        std::string pattern = line.substr(first, last - first + 1);
        if (pattern[0] == '#') continue;
        patterns.push_back(std::move(pattern));
    }
    if (patterns.empty()) throw ConfigError(path, "holds no pattern");
    return patterns;
}

}  // namespace statshost::usage
