#include "UsageMembership.h"

#include <algorithm>
#include <map>

namespace statshost::aggregators::usagestats {

UsageMembership::Compact UsageMembership::compact(std::uint32_t record, const CommunityEvent& e) {
    Compact c;
    c.record = record;
    c.community = e.communityId == "global" ? kGlobal : _communities.intern(e.communityId);
    c.added = e.eventType == "added";
    c.deleted = e.isDeleted && e.deletedDateMicros != 0;
    c.date = e.eventDateMicros;
    c.deletedDate = e.deletedDateMicros;
    return c;
}

void UsageMembership::load(AggregationSource& source) {
    std::vector<Compact> events;
    source.forEachCommunityEvent("", [&](const CommunityEvent& e) {
        if (e.eventType != "added" && e.eventType != "removed") return;
        events.push_back(compact(_records.intern(e.recordId), e));
    });
    // The log comes in (event date, insertion) order; a stable sort by record keeps it within each record.
    std::stable_sort(events.begin(), events.end(),
                     [](const Compact& a, const Compact& b) { return a.record < b.record; });
    for (std::size_t i = 0; i < events.size();) {
        std::size_t j = i;
        while (j < events.size() && events[j].record == events[i].record) ++j;
        build(events.data() + i, events.data() + j);
        i = j;
    }
}

void UsageMembership::addRecord(const std::string& recordId, const std::vector<CommunityEvent>& events) {
    const std::uint32_t record = _records.intern(recordId);
    std::vector<Compact> compacted;
    for (const auto& e : events)
        if (e.eventType == "added" || e.eventType == "removed") compacted.push_back(compact(record, e));
    if (!compacted.empty()) build(compacted.data(), compacted.data() + compacted.size());
}

void UsageMembership::ensureRecord(std::uint32_t record) {
    if (record >= _begin.size()) {
        _begin.resize(record + 1, 0);
        _end.resize(record + 1, 0);
        _earliestBegin.resize(record + 1, 0);
        _earliestEnd.resize(record + 1, 0);
    }
}

void UsageMembership::ensureCommunity(std::uint32_t community) {
    if (community >= _firstByCommunity.size()) {
        _firstByCommunity.resize(community + 1, kOpen);
        _lastByCommunity.resize(community + 1, std::numeric_limits<std::int64_t>::min());
    }
}

void UsageMembership::build(const Compact* first, const Compact* last) {
    const std::uint32_t record = first->record;
    ensureRecord(record);
    // The deletion closes every interval at the (first) deletion date; a restored record has no flag.
    std::int64_t deletedAt = kOpen;
    for (const Compact* e = first; e != last; ++e)
        if (e->deleted) deletedAt = std::min(deletedAt, e->deletedDate);

    std::map<std::uint32_t, std::int64_t> open;      // community → start of its open interval
    std::map<std::uint32_t, std::int64_t> earliest;  // community → earliest event date
    std::vector<Interval> found;
    for (const Compact* e = first; e != last; ++e) {
        if (e->community == kGlobal) continue;
        auto seen = earliest.emplace(e->community, e->date);
        if (!seen.second) seen.first->second = std::min(seen.first->second, e->date);
        if (e->added) {
            open.emplace(e->community, e->date);  // a repeated add keeps the earlier start
        } else {
            auto it = open.find(e->community);
            if (it == open.end()) continue;  // a removal without a prior add changes nothing
            found.push_back({it->first, it->second, e->date});
            open.erase(it);
        }
    }
    for (const auto& [community, from] : open) found.push_back({community, from, kOpen});

    _begin[record] = static_cast<std::uint32_t>(_intervals.size());
    for (Interval iv : found) {
        iv.to = std::min(iv.to, deletedAt);
        if (iv.to <= iv.from) continue;  // empty: removed at once, or opened while deleted
        ensureCommunity(iv.community);
        _firstByCommunity[iv.community] = std::min(_firstByCommunity[iv.community], iv.from);
        _lastByCommunity[iv.community] = std::max(_lastByCommunity[iv.community], iv.to);
        _intervals.push_back(iv);
    }
    _end[record] = static_cast<std::uint32_t>(_intervals.size());

    _earliestBegin[record] = static_cast<std::uint32_t>(_earliest.size());
    for (const auto& e : earliest) _earliest.push_back(e);
    _earliestEnd[record] = static_cast<std::uint32_t>(_earliest.size());
}

std::vector<UsageMembership::Interval> UsageMembership::intervalsOf(std::uint32_t record) const {
    if (record >= _begin.size()) return {};
    return {_intervals.begin() + _begin[record], _intervals.begin() + _end[record]};
}

std::int64_t UsageMembership::firstInstant(std::uint32_t community) const {
    return community < _firstByCommunity.size() ? _firstByCommunity[community] : kOpen;
}

std::int64_t UsageMembership::lastInstant(std::uint32_t community) const {
    return community < _lastByCommunity.size() ? _lastByCommunity[community] : std::numeric_limits<std::int64_t>::min();
}

std::vector<std::pair<std::uint32_t, std::int64_t>> UsageMembership::earliestEvents(std::uint32_t record) const {
    if (record >= _earliestBegin.size()) return {};
    return {_earliest.begin() + _earliestBegin[record], _earliest.begin() + _earliestEnd[record]};
}

}  // namespace statshost::aggregators::usagestats
