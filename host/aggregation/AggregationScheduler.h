#pragma once
/// The `serve` scheduler: a background thread that runs the AggregationRunner as a scheduler tick
/// (AggregationRequest::tick, asOfDay = today UTC from the clock, every configured aggregation) first
/// `firstDelay` after start() and then every `interval` (measured from the start of the previous run;
/// a run longer than the interval is followed by the next one at once). Runs never overlap: the storage
/// lock makes a second process skip its tick with a log line.
///
/// stop() wakes the thread, cancels a run in progress (AggregationRunner::cancel: the aggregator stops
/// at its next write or progress call) and joins it. A run that throws (storage unreachable) is logged
/// and the schedule goes on.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "aggregation/AggregationRunner.h"

namespace statshost::aggregation {

class AggregationScheduler {
public:
    AggregationScheduler(AggregationRunner& runner, const Clock& clock, std::chrono::milliseconds firstDelay,
                         std::chrono::milliseconds interval);
    ~AggregationScheduler();
    AggregationScheduler(const AggregationScheduler&) = delete;
    AggregationScheduler& operator=(const AggregationScheduler&) = delete;

    void start();
    /// Idempotent; returns once the thread has ended.
    void stop();
    /// Runs started so far (skipped ones included).
    std::uint64_t runs() const;

private:
    void loop();

    AggregationRunner& _runner;
    const Clock& _clock;
    const std::chrono::milliseconds _firstDelay, _interval;
    mutable std::mutex _mutex;
    std::condition_variable _wake;
    bool _stopping = false;
    std::uint64_t _runs = 0;
    std::thread _thread;
};

}  // namespace statshost::aggregation
