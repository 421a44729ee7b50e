#pragma once
/// The cache generations of the indices queries read, kept in memory so that a warm answer does not
/// touch the database. A generation (DocumentSource readGeneration) is re-read from the store at most
/// once per `maxAge` per (index, community); within that window an aggregation run (in this process
/// or another one, e.g. `statshost aggregate`) is noticed at the latest `maxAge` after it finished.
/// `maxAge` 0 re-reads on every call (exact; what the tests use). Thread safe.
#include <chrono>
#include <string>

#include "DocumentSource.h"
#include "TimedMemo.h"

namespace statshost::dashboard {

class GenerationCache {
public:
    /// Every community of a large repository times the 16 indices fits well below the entry bound.
    GenerationCache(DocumentStore& store, std::chrono::milliseconds maxAge) : _store(store), _memo(maxAge, 100000) {}

    /// The generation of `index` for `communityId`, at most `maxAge` old.
    std::string get(const FamilyIndex& index, const std::string& communityId) {
        return _memo.get(index.aggregation + '\x1f' + communityId,
                         [&] { return readGeneration(_store, index, communityId); });
    }

    /// Forgets every remembered generation (the next get() of each re-reads).
    void forget() { _memo.forget(); }

private:
    DocumentStore& _store;
    TimedMemo<std::string> _memo;
};

}  // namespace statshost::dashboard
