#include "usage/classify/VerdictCache.h"

#include <algorithm>
#include <functional>
#include <mutex>
#include <unordered_map>

namespace statshost::usage {

struct VerdictCache::Shard {
    std::mutex mutex;
    std::unordered_map<std::string, bool> current;
    std::unordered_map<std::string, bool> previous;
};

VerdictCache::VerdictCache(std::size_t capacity, std::size_t shards, std::size_t maxKeyBytes)
    : _shardCount(std::max<std::size_t>(shards, 1)), _maxKeyBytes(maxKeyBytes) {
    _perGeneration = std::max<std::size_t>(1, std::max<std::size_t>(capacity, 1) / (2 * _shardCount));
    _shards = std::make_unique<Shard[]>(_shardCount);
    for (std::size_t i = 0; i < _shardCount; ++i) _shards[i].current.reserve(_perGeneration);
}

VerdictCache::~VerdictCache() = default;

VerdictCache::Shard& VerdictCache::shardFor(const std::string& key) const {
    // Mix the high bits in: std::hash of a string may be weak in its low bits on some libraries.
    const std::size_t h = std::hash<std::string>{}(key);
    return _shards[(h ^ (h >> 17)) % _shardCount];
}

std::optional<bool> VerdictCache::find(const std::string& key) const {
    Shard& s = shardFor(key);
    std::lock_guard<std::mutex> lock(s.mutex);
    if (auto it = s.current.find(key); it != s.current.end()) return it->second;
    auto old = s.previous.find(key);
    if (old == s.previous.end()) return std::nullopt;
    const bool verdict = old->second;
    if (s.current.size() < _perGeneration) {  // promote so a busy key outlives the next rotation
        s.current.emplace(old->first, verdict);
        s.previous.erase(old);
    }
    return verdict;
}

void VerdictCache::insert(const std::string& key, bool verdict) {
    if (key.size() > _maxKeyBytes) return;
    Shard& s = shardFor(key);
    std::lock_guard<std::mutex> lock(s.mutex);
    if (s.current.size() >= _perGeneration && s.current.find(key) == s.current.end()) {
        s.previous = std::move(s.current);
        s.current = {};
        s.current.reserve(_perGeneration);
    }
    s.current[key] = verdict;
}

std::size_t VerdictCache::size() const {
    std::size_t n = 0;
    for (std::size_t i = 0; i < _shardCount; ++i) {
        std::lock_guard<std::mutex> lock(_shards[i].mutex);
        n += _shards[i].current.size() + _shards[i].previous.size();
    }
    return n;
}

std::size_t VerdictCache::capacity() const { return 2 * _perGeneration * _shardCount; }

}  // namespace statshost::usage
