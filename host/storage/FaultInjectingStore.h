#pragma once
/// A DocumentStore decorator that makes chosen calls fail, for testing how callers handle storage errors.
#include <array>
#include <mutex>
#include <set>
#include <string>

#include "statshost/Store.h"

namespace statshost::storage {

/// The DocumentStore operations, to choose which call fails.
enum class StoreOperation {
    RegisterTemplate,
    Upsert,
    Scan,
    Count,
    Remove,
    ReplaceRange,
    Latest,
    ReadDense,
    Bookmark,
    SetBookmark,
    ClearBookmarks,
    TryLock,
};

/// Forwards every call to the wrapped store, except armed ones, which throw StorageError before reaching
/// it (so a failed upsert or replaceRange writes nothing). Thread-safe as far as the wrapped store is.
class FaultInjectingStore : public DocumentStore {
public:
    /// `inner` is not owned and must outlive this object.
    explicit FaultInjectingStore(DocumentStore& inner);

    /// Makes the `nth` call of `op` from now on (1 = the next call) throw StorageError(`message`).
    /// Several faults may be armed at once.
    void failNth(StoreOperation op, int nth, const std::string& message = "injected storage fault");
    /// Disarms every pending fault.
    void clear();
    /// Calls of `op` so far, failed ones included.
    int calls(StoreOperation op) const;

    void registerTemplate(const IndexTemplate& tmpl) override;
    void upsert(const std::string& alias, const std::vector<Document>& docs) override;
    void scan(const std::string& alias, const DocumentRange& range,
              const std::function<bool(const Document&)>& visit) override;
    std::uint64_t count(const std::string& alias, const DocumentRange& range) override;
    std::uint64_t remove(const std::string& alias, const DocumentRange& range) override;
    void replaceRange(const std::string& alias, const DocumentRange& range, const std::vector<Document>& docs) override;
    std::optional<Document> latest(const std::string& alias, const std::string& communityId,
                                   const std::string& onOrBeforeDay) override;
    void readDense(const std::string& alias, const DocumentRange& range,
                   const std::function<bool(const Document&)>& visit) override;
    std::optional<std::string> bookmark(const std::string& aggregation, const std::string& communityId) override;
    void setBookmark(const std::string& aggregation, const std::string& communityId, const std::string& value) override;
    std::uint64_t clearBookmarks(const std::string& aggregation, const std::string& communityId) override;
    std::unique_ptr<Lock> tryLock(const std::string& name, std::int64_t ttlSeconds) override;

private:
    static constexpr std::size_t kOperations = static_cast<std::size_t>(StoreOperation::TryLock) + 1;

    /// Counts the call and throws when it is armed.
    void enter(StoreOperation op);

    DocumentStore& _inner;
    mutable std::mutex _mutex;
    std::array<int, kOperations> _calls{};
    std::array<std::set<std::pair<int, std::string>>, kOperations> _faults;  // (call number, message)
};

}  // namespace statshost::storage
