// DriverBatchWriter: the driver's writes on one background thread (see DriverBatchWriter.h).
#include "DriverBatchWriter.h"

#include <exception>

namespace statshost::aggregators {

DriverBatchWriter::DriverBatchWriter(DocumentStore& store, std::string alias, bool background,
                                     std::size_t maxQueuedBytes)
    : _store(store), _alias(std::move(alias)), _background(background), _maxQueuedBytes(maxQueuedBytes) {}

DriverBatchWriter::~DriverBatchWriter() {
    {
        std::lock_guard<std::mutex> lock(_mutex);
        _stop = true;
        _queue.clear();
    }
    _changed.notify_all();
    if (_thread.joinable()) _thread.join();
}

void DriverBatchWriter::submit(DocumentRange range, std::vector<Document> docs, std::size_t bytes) {
    Batch batch{std::move(range), std::move(docs), bytes};
    if (!_background) {
        write(batch);
        return;
    }
    std::unique_lock<std::mutex> lock(_mutex);
    if (!_thread.joinable()) _thread = std::thread([this] { loop(); });
    _changed.wait(lock, [&] { return _queuedBytes == 0 || _queuedBytes + bytes <= _maxQueuedBytes; });
    _queuedBytes += bytes;
    _queue.push_back(std::move(batch));
    _changed.notify_all();
}

void DriverBatchWriter::drain() {
    std::unique_lock<std::mutex> lock(_mutex);
    _changed.wait(lock, [&] { return _queue.empty() && !_busy; });
}

std::vector<std::pair<std::string, std::string>> DriverBatchWriter::failures() {
    std::lock_guard<std::mutex> lock(_mutex);
    std::vector<std::pair<std::string, std::string>> out;
    out.swap(_unreported);
    return out;
}

std::uint64_t DriverBatchWriter::documents(const std::string& community) {
    std::lock_guard<std::mutex> lock(_mutex);
    auto it = _documents.find(community);
    return it == _documents.end() ? 0 : it->second;
}

void DriverBatchWriter::write(Batch& batch) {
    const std::string& community = batch.range.communityId;
    {
        std::lock_guard<std::mutex> lock(_mutex);
        if (_failed.count(community)) return;  // nothing after a failed batch of the community is written
    }
    std::string error;
    try {
        _store.replaceRange(_alias, batch.range, batch.docs);
    } catch (const std::exception& e) {
        error = e.what();
        if (error.empty()) error = "write failed";
    } catch (...) {
        error = "write failed (unknown exception)";
    }
    std::lock_guard<std::mutex> lock(_mutex);
    if (error.empty()) {
        _documents[community] += batch.docs.size();
    } else {
        _failed.insert(community);
        _unreported.emplace_back(community, error);
    }
}

void DriverBatchWriter::loop() {
    std::unique_lock<std::mutex> lock(_mutex);
    for (;;) {
        _changed.wait(lock, [&] { return _stop || !_queue.empty(); });
        if (_stop) return;
        Batch batch = std::move(_queue.front());
        _queue.pop_front();
        _busy = true;
        lock.unlock();
        write(batch);
        const std::size_t bytes = batch.bytes;
        batch = Batch{};  // the bodies are freed before the next batch is admitted
        lock.lock();
        _queuedBytes -= bytes;
        _busy = false;
        _changed.notify_all();
    }
}

}  // namespace statshost::aggregators
