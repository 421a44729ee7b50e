#include "storage/FaultInjectingStore.h"

#include "statshost/Errors.h"

namespace statshost::storage {

FaultInjectingStore::FaultInjectingStore(DocumentStore& inner) : _inner(inner) {}

void FaultInjectingStore::failNth(StoreOperation op, int nth, const std::string& message) {
    if (nth < 1) throw StorageError("FaultInjectingStore::failNth needs nth >= 1");
    std::lock_guard<std::mutex> lock(_mutex);
    auto index = static_cast<std::size_t>(op);
    _faults[index].emplace(_calls[index] + nth, message);
}

void FaultInjectingStore::clear() {
    std::lock_guard<std::mutex> lock(_mutex);
    for (auto& faults : _faults) faults.clear();
}

int FaultInjectingStore::calls(StoreOperation op) const {
    std::lock_guard<std::mutex> lock(_mutex);
    return _calls[static_cast<std::size_t>(op)];
}

void FaultInjectingStore::enter(StoreOperation op) {
    std::lock_guard<std::mutex> lock(_mutex);
    auto index = static_cast<std::size_t>(op);
    int call = ++_calls[index];
    auto& faults = _faults[index];
    auto it = faults.lower_bound({call, std::string()});
    if (it == faults.end() || it->first != call) return;
    std::string message = it->second;
    faults.erase(it);
    throw StorageError(message);
}

void FaultInjectingStore::registerTemplate(const IndexTemplate& tmpl) {
    enter(StoreOperation::RegisterTemplate);
    _inner.registerTemplate(tmpl);
}

void FaultInjectingStore::upsert(const std::string& alias, const std::vector<Document>& docs) {
    enter(StoreOperation::Upsert);
    _inner.upsert(alias, docs);
}

void FaultInjectingStore::scan(const std::string& alias, const DocumentRange& range,
                               const std::function<bool(const Document&)>& visit) {
    enter(StoreOperation::Scan);
    _inner.scan(alias, range, visit);
}

std::uint64_t FaultInjectingStore::count(const std::string& alias, const DocumentRange& range) {
    enter(StoreOperation::Count);
    return _inner.count(alias, range);
}

std::uint64_t FaultInjectingStore::remove(const std::string& alias, const DocumentRange& range) {
    enter(StoreOperation::Remove);
    return _inner.remove(alias, range);
}

void FaultInjectingStore::replaceRange(const std::string& alias, const DocumentRange& range,
                                       const std::vector<Document>& docs) {
    enter(StoreOperation::ReplaceRange);
    _inner.replaceRange(alias, range, docs);
}

std::optional<Document> FaultInjectingStore::latest(const std::string& alias, const std::string& communityId,
                                                    const std::string& onOrBeforeDay) {
    enter(StoreOperation::Latest);
    return _inner.latest(alias, communityId, onOrBeforeDay);
}

void FaultInjectingStore::readDense(const std::string& alias, const DocumentRange& range,
                                    const std::function<bool(const Document&)>& visit) {
    enter(StoreOperation::ReadDense);
    _inner.readDense(alias, range, visit);
}

std::optional<std::string> FaultInjectingStore::bookmark(const std::string& aggregation, const std::string& communityId) {
    enter(StoreOperation::Bookmark);
    return _inner.bookmark(aggregation, communityId);
}

void FaultInjectingStore::setBookmark(const std::string& aggregation, const std::string& communityId,
                                      const std::string& value) {
    enter(StoreOperation::SetBookmark);
    _inner.setBookmark(aggregation, communityId, value);
}

std::uint64_t FaultInjectingStore::clearBookmarks(const std::string& aggregation, const std::string& communityId) {
    enter(StoreOperation::ClearBookmarks);
    return _inner.clearBookmarks(aggregation, communityId);
}

std::unique_ptr<Lock> FaultInjectingStore::tryLock(const std::string& name, std::int64_t ttlSeconds) {
    enter(StoreOperation::TryLock);
    return _inner.tryLock(name, ttlSeconds);
}

}  // namespace statshost::storage
