#pragma once
/// The in-process LRU cache of query answers (JSON text and export files). Keys are built by the
/// caller from everything the answer depends on: query name, normalised params with the community
/// resolved to its id, format, and the generation of every index read (DocumentSource), so an entry
/// is never invalidated explicitly: a re-aggregation changes the generation and the old entry ages
/// out. Thread safe.
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace statshost::dashboard {

class ResponseCache {
public:
    /// `maxEntries` 0 disables the cache (every get misses, put stores nothing).
    ResponseCache(std::size_t maxEntries, std::size_t maxBytes) : _maxEntries(maxEntries), _maxBytes(maxBytes) {}

    std::shared_ptr<const std::string> get(const std::string& key);
    /// Stores `value` (a value larger than maxBytes is not stored); evicts least recently used entries.
    void put(const std::string& key, std::shared_ptr<const std::string> value);
    void clear();

    struct Stats {
        std::uint64_t hits = 0;
        std::uint64_t misses = 0;
        std::size_t entries = 0;
        std::size_t bytes = 0;
    };
    Stats stats() const;

private:
    using Entry = std::pair<std::string, std::shared_ptr<const std::string>>;
    mutable std::mutex _mutex;
    std::list<Entry> _lru;  // most recent first
    std::unordered_map<std::string, std::list<Entry>::iterator> _index;
    std::size_t _bytes = 0;
    std::uint64_t _hits = 0, _misses = 0;
    const std::size_t _maxEntries;
    const std::size_t _maxBytes;
};

}  // namespace statshost::dashboard
