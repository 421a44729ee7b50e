#include "usage/classify/RobotMatcher.h"

namespace statshost::usage {

RobotMatcher RobotMatcher::fromFile(const std::string& path, std::size_t cacheEntries) {
    return RobotMatcher(readCounterRobotsJson(path), path, cacheEntries);
}

RobotMatcher::RobotMatcher(const std::vector<std::string>& patterns, const std::string& source,
                           std::size_t cacheEntries)
    : _matcher(patterns, source, cacheEntries) {}

}  // namespace statshost::usage
