#pragma once
/// Machine (scripted access) detection with the Make Data Count list (SEMANTICS.md §6.1, §9.6):
/// a match sets `is_machine`; the event is still counted. Same matching rules as RobotMatcher.
///
/// Interaction with the shipped lists: robot filtering runs first, and 34 of the 35 MDC patterns
/// appear verbatim in the COUNTER robots list (`curl\/`, `python`, `Wget`, `libwww`, `^java\/…`,
/// `rss`, …). The 35th, `pear.php.net`, is the COUNTER entry `pear\.php\.net` with unescaped dots,
/// so every agent that really contains `pear.php.net` is a robot as well. Consequence: with the
/// shipped lists a machine agent is always dropped as a robot first, and `is_machine` stays false
/// on every counted event. The only agents flagged as machines without being robots are ones that
/// contain `pear`, `php`, `net` joined by other characters (e.g. `pear-php-net`) — a theoretical
/// gap. The flag matters only when an operator configures a shorter robots list (e.g. the CRD's
/// advice to keep researcher tools such as curl and python out of the robot blacklist).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "usage/classify/AgentMatcher.h"

namespace statshost::usage {

class MachineMatcher {
public:
    /// Loads a one-regex-per-line list at `path` (`#` comments and blank lines skipped). Throws
    /// statshost::ConfigError naming the file when it is unreadable, empty or has a bad pattern.
    static MachineMatcher fromFile(const std::string& path, std::size_t cacheEntries = kDefaultAgentCacheEntries);

    /// Uses `patterns` directly; `source` names them in errors.
    explicit MachineMatcher(const std::vector<std::string>& patterns,
                            const std::string& source = "machine patterns",
                            std::size_t cacheEntries = kDefaultAgentCacheEntries);

    /// True when the agent is present and some pattern occurs in it. Thread-safe, cached.
    bool isMachine(const std::optional<std::string>& userAgent) const { return _matcher.matches(userAgent); }

    /// The underlying matcher (pattern count, cache size, uncached matching).
    const AgentMatcher& matcher() const { return _matcher; }

private:
    AgentMatcher _matcher;
};

}  // namespace statshost::usage
