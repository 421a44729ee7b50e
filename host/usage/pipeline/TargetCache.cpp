#include "usage/pipeline/TargetCache.h"

#include <mutex>
#include <string_view>
#include <unordered_set>

namespace statshost::usage {

std::vector<std::string> TargetCache::take(const std::vector<std::string>& ids,
                                           std::unordered_map<std::string, repository::UsageTarget>& found) const {
    std::vector<std::string> missing;
    std::unordered_set<std::string_view> asked;
    std::shared_lock<std::shared_mutex> lock(_mutex);
    for (const std::string& id : ids) {
        if (!asked.insert(id).second) continue;
        if (auto it = _targets.find(id); it != _targets.end())
            found.emplace(id, it->second);
        else
            missing.push_back(id);
    }
    return missing;
}

void TargetCache::remember(const std::unordered_map<std::string, repository::UsageTarget>& targets) {
    std::unique_lock<std::shared_mutex> lock(_mutex);
    if (_targets.size() + targets.size() > _capacity) _targets.clear();
    for (const auto& [id, target] : targets)
        if (_targets.size() < _capacity) _targets.emplace(id, target);
}

std::size_t TargetCache::size() const {
    std::shared_lock<std::shared_mutex> lock(_mutex);
    return _targets.size();
}

}  // namespace statshost::usage
