#pragma once
/// Writes the driver's batches (DocumentStore::replaceRange of one community's days) on one background
/// thread, so that the family computes the next batch while the store encodes and commits this one.
///
/// Contract:
///   - Order: batches are written one at a time in the order they were submitted (so a community's
///     batches land in ascending days, as the driver submits them).
///   - Failure: the first batch of a community that throws fails the community; its later batches are
///     dropped unwritten. failures() hands each failure (community, message) to the caller once.
///   - Memory: submit() waits while the bodies submitted and not yet written exceed `maxQueuedBytes`
///     (a batch larger than that is still accepted when nothing else waits), so at most about
///     `maxQueuedBytes` of bodies are held here.
///   - drain() returns once every submitted batch is written or dropped: only then may the caller move
///     the bookmarks of the communities written (their documents are committed).
///   - Synchronous mode (`background` false): submit() writes at once on the caller's thread; the
///     outcomes are reported the same way (failures(), documents()).
///   - Destroying the writer drops the batches not started and waits for the one being written (an
///     aborted run leaves its communities dirty, as a killed process would).
/// The thread starts with the first submit(). Calls come from one thread (the driver's).
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "statshost/Store.h"

namespace statshost::aggregators {

class DriverBatchWriter {
public:
    DriverBatchWriter(DocumentStore& store, std::string alias, bool background, std::size_t maxQueuedBytes);
    ~DriverBatchWriter();
    DriverBatchWriter(const DriverBatchWriter&) = delete;
    DriverBatchWriter& operator=(const DriverBatchWriter&) = delete;

    /// Queues the replacement of `range` (one community, both days given) with `docs` (`bytes` their
    /// body size). A community that failed already is not written again.
    void submit(DocumentRange range, std::vector<Document> docs, std::size_t bytes);
    /// Waits until every submitted batch is written or dropped.
    void drain();
    /// Failures not reported yet, as (community, message), in the order they happened.
    std::vector<std::pair<std::string, std::string>> failures();
    /// Documents committed so far for `community`.
    std::uint64_t documents(const std::string& community);

private:
    struct Batch {
        DocumentRange range;
        std::vector<Document> docs;
        std::size_t bytes = 0;
    };
    /// Writes one batch and records its outcome; never throws.
    void write(Batch& batch);
    void loop();

    DocumentStore& _store;
    const std::string _alias;
    const bool _background;
    const std::size_t _maxQueuedBytes;

    std::mutex _mutex;
    std::condition_variable _changed;  ///< queue, busy or stop changed
    std::deque<Batch> _queue;
    std::size_t _queuedBytes = 0;  ///< of the queue and of the batch being written
    bool _busy = false;            ///< the thread is writing a batch
    bool _stop = false;
    std::set<std::string> _failed;
    std::vector<std::pair<std::string, std::string>> _unreported;
    std::map<std::string, std::uint64_t> _documents;
    std::thread _thread;
};

}  // namespace statshost::aggregators
