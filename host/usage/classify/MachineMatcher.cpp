#include "usage/classify/MachineMatcher.h"

namespace statshost::usage {

MachineMatcher MachineMatcher::fromFile(const std::string& path, std::size_t cacheEntries) {
    return MachineMatcher(readPatternLines(path), path, cacheEntries);
}

MachineMatcher::MachineMatcher(const std::vector<std::string>& patterns, const std::string& source,
                               std::size_t cacheEntries)
    : _matcher(patterns, source, cacheEntries) {}

}  // namespace statshost::usage
