#include "PresenceIntervals.h"

#include <algorithm>
#include <limits>
#include <unordered_map>

namespace statshost::aggregators {

namespace {

constexpr std::int64_t kOpen = std::numeric_limits<std::int64_t>::max();

struct OpenState {
    bool open = false;
    bool hadInterval = false;
    std::int64_t since = 0;
};

struct Raw {
    std::int32_t record;
    std::int64_t from;
    std::int64_t until;  ///< kOpen: not closed
    bool first;
};

void addInterval(std::vector<Presence>& out, const CatalogRecord& r, const Raw& raw, DateBasis basis) {
    std::int64_t until = raw.until;
    if (r.deleted) {
        if (raw.from >= r.deletedMicros) return;
        until = std::min(until, r.deletedMicros);
    }
    DayNumber start = dayOfMicros(raw.from);
    if (raw.first && basis == DateBasis::Created) start = r.createdDay;
    if (raw.first && basis == DateBasis::Published) start = r.publishedDay;
    const DayNumber end = until == kOpen ? kNoDay : dayOfMicros(until);
    if (start < end) out.push_back({raw.record, start, end});
}

}  // namespace

const char* basisName(DateBasis basis) {
    switch (basis) {
        case DateBasis::Added: return "added";
        case DateBasis::Created: return "created";
        case DateBasis::Published: return "published";
    }
    return "added";
}

std::vector<Presence> presenceIntervals(const RecordsCatalog& catalog, std::size_t community, DateBasis basis) {
    std::unordered_map<std::int32_t, OpenState> state;
    std::vector<Raw> raws;
    for (const CatalogEvent& e : catalog.eventsOf(community)) {
        OpenState& s = state[e.record];
        if (e.added && !s.open) {
            s.open = true;
            s.since = e.micros;
        } else if (!e.added && s.open) {
            raws.push_back({e.record, s.since, e.micros, !s.hadInterval});
            s.open = false;
            s.hadInterval = true;
        }
    }
    for (const auto& [record, s] : state)
        if (s.open) raws.push_back({record, s.since, kOpen, !s.hadInterval});

    std::vector<Presence> intervals;
    intervals.reserve(raws.size());
    for (const Raw& raw : raws) addInterval(intervals, catalog.records()[raw.record], raw, basis);
    std::sort(intervals.begin(), intervals.end(), [](const Presence& a, const Presence& b) {
        return a.record != b.record ? a.record < b.record : a.start < b.start;
    });
    std::vector<Presence> merged;
    merged.reserve(intervals.size());
    for (const Presence& p : intervals) {
        if (!merged.empty() && merged.back().record == p.record && p.start <= merged.back().end)
            merged.back().end = std::max(merged.back().end, p.end);
        else
            merged.push_back(p);
    }
    return merged;
}

DayNumber conservativeFirstDay(const CatalogRecord& record, DayNumber eventDay, DateBasis basis) {
    if (basis == DateBasis::Created) return std::min(eventDay, record.createdDay);
    if (basis == DateBasis::Published) return std::min(eventDay, record.publishedDay);
    return eventDay;
}

DayNumber firstStart(const std::vector<Presence>& intervals) {
    DayNumber first = kNoDay;
    for (const Presence& p : intervals) first = std::min(first, p.start);
    return first;
}

DayNumber nextBoundaryAfter(const std::vector<Presence>& intervals, DayNumber day) {
    DayNumber next = kNoDay;
    for (const Presence& p : intervals) {
        if (p.start > day) next = std::min(next, p.start);
        if (p.end > day && p.end != kNoDay) next = std::min(next, p.end);
    }
    return next;
}

}  // namespace statshost::aggregators
