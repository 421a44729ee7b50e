#pragma once
/// A user-agent pattern list plus a verdict cache: the shared engine of RobotMatcher and
/// MachineMatcher (SEMANTICS.md §6.1, §9.6, §10.1).
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "usage/classify/PatternSet.h"

namespace statshost::usage {

class VerdictCache;

/// Default number of cached agents per matcher.
constexpr std::size_t kDefaultAgentCacheEntries = 65536;

class AgentMatcher {
public:
    /// Compiles `patterns` (see PatternSet); `source` names them in errors (usually the file path).
    /// Throws statshost::ConfigError when a pattern is empty or does not compile.
    AgentMatcher(const std::vector<std::string>& patterns, const std::string& source,
                 std::size_t cacheEntries = kDefaultAgentCacheEntries);
    ~AgentMatcher();
    AgentMatcher(AgentMatcher&&) noexcept;
    AgentMatcher& operator=(AgentMatcher&&) noexcept;

    /// Case-sensitive regex search of every pattern in a present agent (`""` included, so the
    /// COUNTER pattern `^.?$` makes an empty agent a robot). An absent agent never matches.
    /// Thread-safe; results are memoised.
    bool matches(const std::optional<std::string>& userAgent) const;
    /// The same without the cache (for measurements and tests).
    bool matchesUncached(const std::string& userAgent) const;

    /// Number of patterns.
    std::size_t patternCount() const;
    /// Number of compiled alternations the patterns were grouped into.
    std::size_t groupCount() const { return _patterns.groupCount(); }
    /// Agents currently held in the verdict cache.
    std::size_t cachedAgents() const;

private:
    PatternSet _patterns;
    std::unique_ptr<VerdictCache> _cache;
};

/// The patterns of a COUNTER robots JSON file: an array of objects whose `pattern` member is a
/// non-empty string (other members, e.g. `last_changed`, are ignored). Throws statshost::ConfigError
/// naming `path` for an unreadable file, invalid JSON or a malformed entry.
std::vector<std::string> readCounterRobotsJson(const std::string& path);

/// The patterns of a one-regex-per-line file: lines are trimmed of surrounding white space; empty
/// lines and lines starting with `#` are skipped. Throws statshost::ConfigError naming `path` when
/// it cannot be read or holds no pattern.
std::vector<std::string> readPatternLines(const std::string& path);

}  // namespace statshost::usage
