#include "UsageDayAccumulator.h"

#include <algorithm>
#include <stdexcept>

namespace statshost::aggregators::usagestats {

namespace {

enum Metric : std::uint64_t { ViewVisitor, ViewRecord, ViewParent, DownloadVisitor, DownloadRecord, DownloadParent, DownloadFile };

}  // namespace

void UsageDayAccumulator::add(const UsageEventKeys& event, const std::vector<std::uint32_t>& targets,
                              const std::vector<std::uint64_t>& items) {
    static const std::vector<std::uint64_t> kNone;
    add(event, targets, kNone, items);
}

void UsageDayAccumulator::add(const UsageEventKeys& event, const std::vector<std::uint32_t>& targets,
                              const std::vector<std::uint64_t>& recordItems, const std::vector<std::uint64_t>& eventItems) {
    const NewValues all;
    for (std::uint32_t target : targets) {
        const std::uint64_t base = std::uint64_t(target) << 40;
        count(base, event, all);
        for (std::uint64_t packed : eventItems) count(itemKey(base, packed), event, all);
        if (recordItems.empty()) continue;
        // (target, event type, record): every event with it reaches the same record items, so a value
        // (record, parent, visitor, file) seen with it before is in their distinct sets already.
        bool inserted = false;
        const std::uint64_t signatureKey = (std::uint64_t(target) << 33) | (std::uint64_t(event.download) << 32) | event.record;
        const std::uint32_t signature = _signatures.findOrInsert(signatureKey, static_cast<std::uint32_t>(_signatures.size()), inserted);
        if (signature >= (1u << 29)) throw std::length_error("too many usage event signatures in one day");
        const std::uint64_t slot = std::uint64_t(signature) << 35;
        auto fresh = [&](Metric metric, std::uint32_t value) {
            return value != kMissing && _signatureValues.insert(slot | (std::uint64_t(metric) << 32) | value);
        };
        NewValues news;
        news.record = inserted;
        news.visitor = fresh(ViewVisitor, event.visitor);
        news.parent = fresh(ViewParent, event.parent);
        news.file = event.download && fresh(DownloadFile, event.file);
        for (std::uint64_t packed : recordItems) count(itemKey(base, packed), event, news);
    }
}

void UsageDayAccumulator::count(std::uint64_t key, const UsageEventKeys& event, const NewValues& news) {
    bool inserted = false;
    const std::uint32_t at = _index.findOrInsert(key, static_cast<std::uint32_t>(_accs.size()), inserted);
    if (inserted) {
        if (at >= (1u << 29)) throw std::length_error("too many usage accumulators in one day");
        _accs.push_back({key, {}});
    }
    UsageSide& side = event.download ? _accs[at].metrics.download : _accs[at].metrics.view;
    ++side.events;
    const std::uint64_t slot = std::uint64_t(at) << 35;
    auto distinct = [&](bool maybeNew, Metric metric, std::uint32_t value) {
        return maybeNew && value != kMissing && _seen.insert(slot | (std::uint64_t(metric) << 32) | value);
    };
    if (event.download) {
        side.volume += event.size;
        side.visitors += distinct(news.visitor, DownloadVisitor, event.visitor);
        side.records += distinct(news.record, DownloadRecord, event.record);
        side.parents += distinct(news.parent, DownloadParent, event.parent);
        side.files += distinct(news.file, DownloadFile, event.file);
    } else {
        side.visitors += distinct(news.visitor, ViewVisitor, event.visitor);
        side.records += distinct(news.record, ViewRecord, event.record);
        side.parents += distinct(news.parent, ViewParent, event.parent);
    }
}

void UsageDayAccumulator::clear() {
    _accs.clear();
    _index.clear();
    _seen.clear();
    _signatures.clear();
    _signatureValues.clear();
}

}  // namespace statshost::aggregators::usagestats
