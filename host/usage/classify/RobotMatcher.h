#pragma once
/// Robot detection with the COUNTER robots list (SEMANTICS.md §6.1, §9.6, §10.1): an event whose
/// user agent matches is dropped. Case-sensitive regex search; a present `""` or one-character
/// agent is a robot (pattern `^.?$`); an absent or null agent never is. A bare `Mozilla/5.0` is a
/// robot too (pattern `^Mozilla.5\.0$`).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "usage/classify/AgentMatcher.h"

namespace statshost::usage {

class RobotMatcher {
public:
    /// Loads the COUNTER JSON list at `path` (array of {pattern, last_changed}). Throws
    /// statshost::ConfigError naming the file when it is unreadable, malformed or has a bad pattern.
    static RobotMatcher fromFile(const std::string& path, std::size_t cacheEntries = kDefaultAgentCacheEntries);

    /// Uses `patterns` directly; `source` names them in errors.
    explicit RobotMatcher(const std::vector<std::string>& patterns, const std::string& source = "robot patterns",
                          std::size_t cacheEntries = kDefaultAgentCacheEntries);

    /// True when the agent is present and some pattern occurs in it. Thread-safe, cached.
    bool isRobot(const std::optional<std::string>& userAgent) const { return _matcher.matches(userAgent); }

    /// The underlying matcher (pattern count, cache size, uncached matching).
    const AgentMatcher& matcher() const { return _matcher; }

private:
    AgentMatcher _matcher;
};

}  // namespace statshost::usage
