#pragma once
/// The per-community "targets" of the usage computations (usage delta, per-record usage): target 0 is
/// "global", target n + 1 the community the run interned as n. Both computations keep, per target, the
/// first day to recompute, the community id and the documents waiting to be emitted.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "DayText.h"
#include "Family.h"
#include "UsageInterner.h"
#include "UsageMembership.h"
#include "statshost/Sources.h"

namespace statshost::aggregators::usagestats {

constexpr std::uint32_t kGlobalTarget = 0;

/// Numbers the communities of `work` (items starting after `to` are ignored) and records, per target,
/// the earliest from-day in `from` (kNoDay = no work) and the id in `ids`, growing `parts` alongside.
/// Returns the earliest from-day of all targets (kNoDay when there is nothing to do).
template <class Part>
DayNumber collectTargets(const std::vector<WorkItem>& work, DayNumber to, UsageInterner& communities,
                         std::vector<DayNumber>& from, std::vector<std::string>& ids, std::vector<Part>& parts) {
    DayNumber first = kNoDay;
    for (const WorkItem& w : work) {
        if (w.from > to) continue;
        const std::uint32_t t = w.communityId == "global" ? kGlobalTarget : communities.intern(w.communityId) + 1;
        if (t >= from.size()) {
            from.resize(t + 1, kNoDay);
            ids.resize(t + 1);
            parts.resize(t + 1);
        }
        from[t] = std::min(from[t], w.from);
        ids[t] = w.communityId;
        first = std::min(first, w.from);
    }
    return first;
}

/// The attribution of one event (SEMANTICS §9.4), shared by the usage computations: fills `targets`
/// with "global" and every community whose membership interval of the event's record contains the
/// event instant, each only when `from` (per target, as collectTargets() fills it) counts it on the
/// event's day. Interns the event's record in `records` and returns its number.
inline std::uint32_t attributeEvent(const UsageFact& e, UsageInterner& records, const UsageMembership& membership,
                                    const std::vector<DayNumber>& from, std::vector<std::uint32_t>& targets) {
    auto counts = [&](std::uint32_t target) { return target < from.size() && from[target] <= e.day; };
    targets.clear();
    if (counts(kGlobalTarget)) targets.push_back(kGlobalTarget);
    const std::uint32_t record = records.intern(e.recordId);
    membership.forEachAt(record, e.timestampMicros, [&](std::uint32_t c) {
        if (counts(c + 1)) targets.push_back(c + 1);
    });
    return record;
}

}  // namespace statshost::aggregators::usagestats
