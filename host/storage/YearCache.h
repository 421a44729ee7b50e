#pragma once
/// The years each index family is known to have, remembered by one Storage so that a write whose years
/// all exist needs no lookup. Years are only ever added while a family exists; a process that dropped
/// families (destroyIndices) clears its cache, and a write that fails on years taken from the cache is
/// retried after a fresh lookup (another process may have dropped them). Reads never use it. Thread-safe.
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "storage/IndexLayout.h"

namespace statshost::storage {

class YearCache {
public:
    /// True when every year of `byYear` was seen for `alias`.
    bool hasAll(const std::string& alias, const IndexLayout::DocumentsByYear& byYear) const;
    /// Adds `years` to what is known of `alias`.
    void remember(const std::string& alias, const std::vector<int>& years);
    void forget(const std::string& alias);
    void clear();

private:
    mutable std::mutex _mutex;
    std::map<std::string, std::set<int>> _years;
};

}  // namespace statshost::storage
