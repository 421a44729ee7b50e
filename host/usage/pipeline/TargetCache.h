#pragma once
/// Usage targets (record id → parent and files) remembered across batches. A committed target never
/// changes: records are never removed (only tombstoned) and their parent and files are written once,
/// with the record. So only lookups of committed data (outside any transaction) may fill the cache, and
/// unknown ids are never remembered (the record may be published a moment later). Bounded: when full it
/// starts over. Thread-safe.
#include <cstddef>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "repository/RepositoryTx.h"

namespace statshost::usage {

class TargetCache {
public:
    explicit TargetCache(std::size_t capacity = 50000) : _capacity(capacity) {}

    /// Copies the remembered targets among `ids` into `found`; returns the ids it does not know (each once).
    std::vector<std::string> take(const std::vector<std::string>& ids,
                                  std::unordered_map<std::string, repository::UsageTarget>& found) const;
    /// Remembers committed targets.
    void remember(const std::unordered_map<std::string, repository::UsageTarget>& targets);
    std::size_t size() const;

private:
    std::size_t _capacity;
    mutable std::shared_mutex _mutex;
    std::unordered_map<std::string, repository::UsageTarget> _targets;
};

}  // namespace statshost::usage
