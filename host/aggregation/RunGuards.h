#pragma once
/// Decorators the runner hands to aggregators instead of the real store and progress: they count the
/// documents written (for docs/s and the run report) and turn a cancellation request into an
/// AggregationCancelled exception at the aggregator's next write or progress call. Stopping there is
/// as safe as the process dying at that point: aggregators advance bookmarks only after their writes
/// (and must tolerate being killed anywhere).
///
/// GuardedStore also reads bookmarks in bulk when given a BookmarkLoader: the first read of a bookmark
/// named `x` or `x#...` loads every bookmark named after `x` in one statement, and later reads of those
/// names are answered from that copy, which the store's own writes keep current. Sound because the run
/// holds the aggregation lock: bookmarks of a running aggregation change only through that run (a
/// concurrent `clear-bookmarks` counts as happening before or after the run's reads, as it would anyway).
///
/// Threading: the aggregator's thread calls them (the bookmark copy is guarded by a mutex); `cancelled`
/// and the document counter may be read or set from any thread.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "statshost/Context.h"
#include "statshost/Errors.h"
#include "statshost/Store.h"
#include "storage/Storage.h"

namespace statshost::aggregation {

/// Thrown into a running aggregator when its run was cancelled (shutdown).
class AggregationCancelled : public Error {
public:
    AggregationCancelled() : Error("aggregation cancelled (shutting down)") {}
};

/// Every bookmark named `base` or `base#...` (Storage::bookmarksNamedAfter).
using BookmarkLoader = std::function<std::vector<storage::StoredBookmark>(const std::string& base)>;

/// A loader reading from `store` when it is a storage::Storage; empty (no bulk reads) otherwise.
BookmarkLoader bulkBookmarkLoader(DocumentStore& store);

class GuardedStore : public DocumentStore {
public:
    /// Without `loadBookmarks` every bookmark read goes to `inner`.
    GuardedStore(DocumentStore& inner, const std::atomic<bool>& cancelled, std::atomic<std::uint64_t>& written,
                 BookmarkLoader loadBookmarks = nullptr)
        : _inner(inner), _cancelled(cancelled), _written(written), _loadBookmarks(std::move(loadBookmarks)) {}

    void registerTemplate(const IndexTemplate& tmpl) override { _inner.registerTemplate(tmpl); }
    void upsert(const std::string& alias, const std::vector<Document>& docs) override;
    void scan(const std::string& alias, const DocumentRange& range,
              const std::function<bool(const Document&)>& visit) override {
        _inner.scan(alias, range, visit);
    }
    void replaceRange(const std::string& alias, const DocumentRange& range, const std::vector<Document>& docs) override;
    std::optional<Document> latest(const std::string& alias, const std::string& communityId,
                                   const std::string& onOrBeforeDay) override {
        return _inner.latest(alias, communityId, onOrBeforeDay);
    }
    void readDense(const std::string& alias, const DocumentRange& range,
                   const std::function<bool(const Document&)>& visit) override {
        _inner.readDense(alias, range, visit);
    }
    std::uint64_t count(const std::string& alias, const DocumentRange& range) override {
        return _inner.count(alias, range);
    }
    std::uint64_t remove(const std::string& alias, const DocumentRange& range) override {
        return _inner.remove(alias, range);
    }
    std::optional<std::string> bookmark(const std::string& aggregation, const std::string& communityId) override;
    void setBookmark(const std::string& aggregation, const std::string& communityId, const std::string& value) override;
    std::uint64_t clearBookmarks(const std::string& aggregation, const std::string& communityId) override;
    std::unique_ptr<Lock> tryLock(const std::string& name, std::int64_t ttlSeconds) override {
        return _inner.tryLock(name, ttlSeconds);
    }

private:
    void check() const;

    DocumentStore& _inner;
    const std::atomic<bool>& _cancelled;
    std::atomic<std::uint64_t>& _written;

    BookmarkLoader _loadBookmarks;
    std::mutex _bookmarkMutex;  ///< guards the two members below
    std::set<std::string> _loadedBases;  ///< names whose bookmarks _bookmarks holds completely
    std::map<std::pair<std::string, std::string>, std::string> _bookmarks;  ///< (name, community) → value
};

class GuardedProgress : public Progress {
public:
    GuardedProgress(Progress& inner, const std::atomic<bool>& cancelled) : _inner(inner), _cancelled(cancelled) {}
    void begin(const std::string& phase, std::uint64_t total, const std::string& unit) override;
    void advance(std::uint64_t units) override;
    void note(const std::string& message) override { _inner.note(message); }
    void end() override { _inner.end(); }

private:
    void check() const;

    Progress& _inner;
    const std::atomic<bool>& _cancelled;
};

}  // namespace statshost::aggregation
