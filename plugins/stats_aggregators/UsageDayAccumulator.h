#pragma once
/// One day of the usage delta for many targets at once (target 0 = "global", others = communities):
/// per (target, item) and per target's totals, the view and download numbers of SEMANTICS §6 —
/// total_events, distinct visitors / records / parents (/ files), total_volume.
///
/// Accumulators are found through a flat key index and distinct counts use one flat hash set of
/// (accumulator, metric, value) keys (UsageFlatSet.h: no allocation per entry), so memory is bounded by
/// the day's distinct values, and clear() starts the next day keeping the tables' capacity. Values (visitor, record, parent, file) are
/// dense numbers < 2^32 given by the caller; kMissing values are not counted as distinct values.
/// Limits: targets < 2^24, subcounts < 255, < 2^29 accumulators and (target, type, record) triples per day.
#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "UsageFlatSet.h"
#include "UsageMetrics.h"

namespace statshost::aggregators::usagestats {

struct UsageEventKeys {
    bool download = false;
    std::uint32_t visitor = 0;
    std::uint32_t record = 0;
    std::uint32_t parent = 0;
    std::uint32_t file = 0;  ///< downloads
    std::int64_t size = 0;   ///< downloads, bytes
};

class UsageDayAccumulator {
public:
    static constexpr std::uint32_t kMissing = 0xFFFFFFFFu;

    /// Counts one event for each of `targets` (distinct), in the totals and in each of `items`
    /// (distinct packed items).
    void add(const UsageEventKeys& event, const std::vector<std::uint32_t>& targets, const std::vector<std::uint64_t>& items);
    /// The same with the items split in two disjoint sets: `recordItems` must be the same for every
    /// event of the day with the same (record, download) — the record's own items —, `eventItems` may
    /// differ per event. Record items skip the distinct-set work for values already counted with the
    /// same (target, event type, record), which is most of it.
    void add(const UsageEventKeys& event, const std::vector<std::uint32_t>& targets,
             const std::vector<std::uint64_t>& recordItems, const std::vector<std::uint64_t>& eventItems);

    bool empty() const { return _accs.empty(); }

    /// For each target with events, ascending: visit(target, totals, items) where items are
    /// (packed item, metrics) in packed-item order.
    template <class Visit>
    void finish(Visit&& visit) {
        std::vector<std::uint32_t>& order = _order;
        order.resize(_accs.size());
        for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return _accs[a].key < _accs[b].key; });
        std::vector<std::pair<std::uint64_t, UsageMetrics>>& items = _items;
        for (std::size_t i = 0; i < order.size();) {
            const std::uint64_t target = _accs[order[i]].key >> 40;
            UsageMetrics totals;
            items.clear();
            for (; i < order.size() && (_accs[order[i]].key >> 40) == target; ++i) {
                const Acc& acc = _accs[order[i]];
                const std::uint64_t low = acc.key & ((std::uint64_t(1) << 40) - 1);
                if (low == 0) {
                    totals = acc.metrics;
                } else {
                    const std::uint64_t subcount = (low >> 32) - 1;
                    items.emplace_back((subcount << 32) | (low & 0xFFFFFFFFu), acc.metrics);
                }
            }
            visit(static_cast<std::uint32_t>(target), totals, items);
        }
    }

    void clear();

private:
    struct Acc {
        std::uint64_t key;
        UsageMetrics metrics;
    };
    /// Which of an event's values may be new in an accumulator's distinct sets (false: known not to be).
    struct NewValues {
        bool record = true;
        bool parent = true;
        bool visitor = true;
        bool file = true;
    };
    static std::uint64_t itemKey(std::uint64_t base, std::uint64_t packed) {
        return base | ((std::uint64_t((packed >> 32) + 1)) << 32) | (packed & 0xFFFFFFFFu);
    }
    void count(std::uint64_t key, const UsageEventKeys& event, const NewValues& news);

    std::vector<Acc> _accs;
    UsageFlatIndex _index;  ///< accumulator key → position in _accs
    std::vector<std::uint32_t> _order;  ///< finish(): positions in key order
    std::vector<std::pair<std::uint64_t, UsageMetrics>> _items;  ///< finish(): one target's items
    UsageFlatSet _seen;
    UsageFlatIndex _signatures;     ///< (target, download, record) → signature number
    UsageFlatSet _signatureValues;  ///< (signature, metric, value): values seen with a signature
};

}  // namespace statshost::aggregators::usagestats
