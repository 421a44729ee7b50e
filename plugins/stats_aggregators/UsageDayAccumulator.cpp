#include "UsageDayAccumulator.h"

#include <algorithm>
#include <stdexcept>

namespace statshost::aggregators::usagestats {

namespace {

enum Metric : std::uint64_t { ViewVisitor, ViewRecord, ViewParent, DownloadVisitor, DownloadRecord, DownloadParent, DownloadFile };

}  // namespace

void UsageDayAccumulator::add(const UsageEventKeys& event, const std::vector<std::uint32_t>& targets,
                              const std::vector<std::uint64_t>& items) {
    for (std::uint32_t target : targets) {
        const std::uint64_t base = std::uint64_t(target) << 40;
        count(base, event);
        for (std::uint64_t packed : items)
            count(base | ((std::uint64_t((packed >> 32) + 1)) << 32) | (packed & 0xFFFFFFFFu), event);
    }
}

void UsageDayAccumulator::count(std::uint64_t key, const UsageEventKeys& event) {
    auto found = _index.find(key);
    std::uint32_t at;
    if (found == _index.end()) {
        at = static_cast<std::uint32_t>(_accs.size());
        if (at >= (1u << 29)) throw std::length_error("too many usage accumulators in one day");
        _accs.push_back({key, {}});
        _index.emplace(key, at);
    } else {
        at = found->second;
    }
    UsageSide& side = event.download ? _accs[at].metrics.download : _accs[at].metrics.view;
    ++side.events;
    const std::uint64_t slot = std::uint64_t(at) << 35;
    auto distinct = [&](Metric metric, std::uint32_t value) {
        return value != kMissing && _seen.insert(slot | (std::uint64_t(metric) << 32) | value);
    };
    if (event.download) {
        side.volume += event.size;
        side.visitors += distinct(DownloadVisitor, event.visitor);
        side.records += distinct(DownloadRecord, event.record);
        side.parents += distinct(DownloadParent, event.parent);
        side.files += distinct(DownloadFile, event.file);
    } else {
        side.visitors += distinct(ViewVisitor, event.visitor);
        side.records += distinct(ViewRecord, event.record);
        side.parents += distinct(ViewParent, event.parent);
    }
}

void UsageDayAccumulator::clear() {
    _accs.clear();
    _index.clear();
    _seen.clear();
}

}  // namespace statshost::aggregators::usagestats
