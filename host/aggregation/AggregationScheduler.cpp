#include "aggregation/AggregationScheduler.h"

#include <Poco/Logger.h>

#include "records/Dates.h"

namespace statshost::aggregation {

AggregationScheduler::AggregationScheduler(AggregationRunner& runner, const Clock& clock,
                                           std::chrono::milliseconds firstDelay, std::chrono::milliseconds interval)
    : _runner(runner), _clock(clock), _firstDelay(firstDelay), _interval(interval) {}

AggregationScheduler::~AggregationScheduler() { stop(); }

void AggregationScheduler::start() {
    std::lock_guard<std::mutex> guard(_mutex);
    if (_thread.joinable() || _stopping) return;
    _thread = std::thread([this] { loop(); });
}

void AggregationScheduler::stop() {
    {
        std::lock_guard<std::mutex> guard(_mutex);
        _stopping = true;
    }
    _runner.cancel();
    _wake.notify_all();
    if (_thread.joinable()) _thread.join();
}

std::uint64_t AggregationScheduler::runs() const {
    std::lock_guard<std::mutex> guard(_mutex);
    return _runs;
}

void AggregationScheduler::loop() {
    auto& log = Poco::Logger::get("statshost.scheduler");
    auto next = std::chrono::steady_clock::now() + _firstDelay;
    for (;;) {
        {
            std::unique_lock<std::mutex> lock(_mutex);
            if (_wake.wait_until(lock, next, [this] { return _stopping; })) return;
            ++_runs;
        }
        const auto started = std::chrono::steady_clock::now();
        RunOptions options;
        options.request.tick = true;
        options.request.asOfDay = records::formatDay(records::dayOfMicros(_clock.nowMicros()));
        try {
            log.information("scheduled aggregation as of " + options.request.asOfDay);
            RunReport report = _runner.run(options);
            if (!report.skipped && !report.cancelled)
                log.information("scheduled aggregation finished: " + std::to_string(report.documents()) +
                                " documents" + (report.ok() ? "" : ", with errors"));
        } catch (const std::exception& e) {
            log.error(std::string("scheduled aggregation failed: ") + e.what());
        }
        next = started + _interval;  // already past when the run overran: the next one starts at once
    }
}

}  // namespace statshost::aggregation
