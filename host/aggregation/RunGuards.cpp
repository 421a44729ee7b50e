#include "aggregation/RunGuards.h"

#include "storage/TextChecks.h"

namespace statshost::aggregation {
namespace {

/// The name a bookmark is loaded under: its own up to the first '#'.
std::string baseOf(const std::string& aggregation) { return aggregation.substr(0, aggregation.find('#')); }

}  // namespace

BookmarkLoader bulkBookmarkLoader(DocumentStore& store) {
    auto* storage = dynamic_cast<storage::Storage*>(&store);
    if (!storage) return nullptr;
    return [storage](const std::string& base) { return storage->bookmarksNamedAfter(base); };
}

std::optional<std::string> GuardedStore::bookmark(const std::string& aggregation, const std::string& communityId) {
    const std::string base = baseOf(aggregation);
    // Keys the store would refuse go to it, so its error stays the same.
    if (!_loadBookmarks || base.empty() || !storage::isCleanText(aggregation) || !storage::isCleanText(communityId))
        return _inner.bookmark(aggregation, communityId);
    std::lock_guard<std::mutex> guard(_bookmarkMutex);
    if (!_loadedBases.count(base)) {
        for (storage::StoredBookmark& b : _loadBookmarks(base))
            _bookmarks[{std::move(b.aggregation), std::move(b.communityId)}] = std::move(b.value);
        _loadedBases.insert(base);
    }
    auto it = _bookmarks.find({aggregation, communityId});
    if (it == _bookmarks.end()) return std::nullopt;
    return it->second;
}

void GuardedStore::setBookmark(const std::string& aggregation, const std::string& communityId,
                               const std::string& value) {
    _inner.setBookmark(aggregation, communityId, value);
    std::lock_guard<std::mutex> guard(_bookmarkMutex);
    if (_loadedBases.count(baseOf(aggregation))) _bookmarks[{aggregation, communityId}] = value;
}

std::uint64_t GuardedStore::clearBookmarks(const std::string& aggregation, const std::string& communityId) {
    const std::uint64_t cleared = _inner.clearBookmarks(aggregation, communityId);
    std::lock_guard<std::mutex> guard(_bookmarkMutex);
    for (auto it = _bookmarks.begin(); it != _bookmarks.end();) {  // empty = every name / community
        const bool match = (aggregation.empty() || it->first.first == aggregation) &&
                           (communityId.empty() || it->first.second == communityId);
        it = match ? _bookmarks.erase(it) : std::next(it);
    }
    return cleared;
}

void GuardedStore::check() const {
    if (_cancelled.load()) throw AggregationCancelled();
}

void GuardedStore::upsert(const std::string& alias, const std::vector<Document>& docs) {
    check();
    _inner.upsert(alias, docs);
    _written += docs.size();
}

void GuardedStore::replaceRange(const std::string& alias, const DocumentRange& range, const std::vector<Document>& docs) {
    check();
    _inner.replaceRange(alias, range, docs);
    _written += docs.size();
}

void GuardedProgress::check() const {
    if (_cancelled.load()) throw AggregationCancelled();
}

void GuardedProgress::begin(const std::string& phase, std::uint64_t total, const std::string& unit) {
    check();
    _inner.begin(phase, total, unit);
}

void GuardedProgress::advance(std::uint64_t units) {
    check();
    _inner.advance(units);
}

}  // namespace statshost::aggregation
