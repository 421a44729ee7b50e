#include "ResponseCache.h"

namespace statshost::dashboard {

namespace {
std::size_t weight(const std::string& key, const std::string& value) { return key.size() + value.size(); }
}  // namespace

std::shared_ptr<const std::string> ResponseCache::get(const std::string& key) {
    std::lock_guard<std::mutex> lock(_mutex);
    auto it = _index.find(key);
    if (it == _index.end()) {
        ++_misses;
        return nullptr;
    }
    ++_hits;
    _lru.splice(_lru.begin(), _lru, it->second);
    return it->second->second;
}

void ResponseCache::put(const std::string& key, std::shared_ptr<const std::string> value) {
    if (_maxEntries == 0 || !value || weight(key, *value) > _maxBytes) return;
    std::lock_guard<std::mutex> lock(_mutex);
    if (auto it = _index.find(key); it != _index.end()) {
        _bytes -= weight(it->second->first, *it->second->second);
        _lru.erase(it->second);
        _index.erase(it);
    }
    _lru.emplace_front(key, std::move(value));
    _index[key] = _lru.begin();
    _bytes += weight(key, *_lru.front().second);
    while (_lru.size() > _maxEntries || _bytes > _maxBytes) {
        _bytes -= weight(_lru.back().first, *_lru.back().second);
        _index.erase(_lru.back().first);
        _lru.pop_back();
    }
}

void ResponseCache::clear() {
    std::lock_guard<std::mutex> lock(_mutex);
    _lru.clear();
    _index.clear();
    _bytes = 0;
}

ResponseCache::Stats ResponseCache::stats() const {
    std::lock_guard<std::mutex> lock(_mutex);
    return {_hits, _misses, _lru.size(), _bytes};
}

}  // namespace statshost::dashboard
