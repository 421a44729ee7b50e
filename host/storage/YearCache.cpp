#include "storage/YearCache.h"

namespace statshost::storage {

bool YearCache::hasAll(const std::string& alias, const IndexLayout::DocumentsByYear& byYear) const {
    std::lock_guard<std::mutex> guard(_mutex);
    auto known = _years.find(alias);
    if (known == _years.end()) return false;
    for (const auto& entry : byYear)
        if (!known->second.count(entry.first)) return false;
    return true;
}

void YearCache::remember(const std::string& alias, const std::vector<int>& years) {
    std::lock_guard<std::mutex> guard(_mutex);
    _years[alias].insert(years.begin(), years.end());
}

void YearCache::forget(const std::string& alias) {
    std::lock_guard<std::mutex> guard(_mutex);
    _years.erase(alias);
}

void YearCache::clear() {
    std::lock_guard<std::mutex> guard(_mutex);
    _years.clear();
}

}  // namespace statshost::storage
