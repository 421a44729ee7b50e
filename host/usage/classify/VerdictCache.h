#pragma once
/// A bounded, thread-safe memo of yes/no verdicts keyed by string (user agent → "is robot").
///
/// Sharded by key hash; each shard has its own mutex and two generations (current, previous).
/// A hit in the previous generation is promoted; when the current generation is full it becomes
/// the previous one and the old previous one is dropped. So at most `capacity` entries are held,
/// recently used keys survive, and no operation costs more than one shard's rehash.
/// Keys longer than `maxKeyBytes` are never stored (bounds memory to about capacity × maxKeyBytes).
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

namespace statshost::usage {

class VerdictCache {
public:
    /// `capacity` ≥ 1 total entries (rounded up to at least 2 per shard), `shards` ≥ 1.
    explicit VerdictCache(std::size_t capacity = 65536, std::size_t shards = 16, std::size_t maxKeyBytes = 1024);
    ~VerdictCache();

    /// The stored verdict for `key`, or nullopt.
    std::optional<bool> find(const std::string& key) const;
    /// Stores `verdict` for `key` (ignored when the key is longer than maxKeyBytes).
    void insert(const std::string& key, bool verdict);
    /// Entries currently held (both generations, all shards).
    std::size_t size() const;
    /// Upper bound of size().
    std::size_t capacity() const;

private:
    struct Shard;
    std::unique_ptr<Shard[]> _shards;
    std::size_t _shardCount;
    std::size_t _perGeneration;
    std::size_t _maxKeyBytes;
    Shard& shardFor(const std::string& key) const;
};

}  // namespace statshost::usage
