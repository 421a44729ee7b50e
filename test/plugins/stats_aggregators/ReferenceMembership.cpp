// Presence intervals from the community-events log, evaluated directly per day or instant.
#include "ReferenceMembership.h"

#include <algorithm>
#include <stdexcept>

#include "records/Dates.h"

namespace statshost::test::reference {

const char* basisName(Basis b) {
    switch (b) {
    case Basis::Added: return "added";
    case Basis::Created: return "created";
    case Basis::Published: return "published";
    }
    return "?";
}

Membership::Membership(const Input& input) : _input(input) {
    for (const auto& r : input.records) _records[r.recordId] = &r;
    auto floor = records::parseDay(input.settings.publishedDateFloor);
    if (!floor) throw std::invalid_argument("bad published date floor " + input.settings.publishedDateFloor);
    _floorDay = *floor;

    // Events per (community, record), in (event date, insertion) order.
    std::vector<CommunityEvent> events = input.events;
    std::stable_sort(events.begin(), events.end(), [](const CommunityEvent& a, const CommunityEvent& b) {
        if (a.eventDateMicros != b.eventDateMicros) return a.eventDateMicros < b.eventDateMicros;
        return a.seq < b.seq;
    });
    std::map<std::string, std::map<std::string, std::vector<const CommunityEvent*>>> grouped;
    for (const auto& e : events) {
        grouped[e.communityId][e.recordId].push_back(&e);
        _communities.insert(e.communityId);
    }

    for (const auto& [community, byRecord] : grouped) {
        for (const auto& [recordId, list] : byRecord) {
            std::vector<Interval> out;
            std::optional<Interval> open;
            bool seenAdded = false;
            bool deleted = false;
            std::int64_t deletedAt = 0;
            for (const CommunityEvent* e : list) {
                if (e->isDeleted) {
                    deleted = true;
                    deletedAt = e->deletedDateMicros;
                }
                if (e->eventType == "added") {
                    if (!open) {
                        open = Interval();
                        open->added = e->eventDateMicros;
                        open->first = !seenAdded;
                        seenAdded = true;
                    }
                } else if (e->eventType == "removed") {
                    if (open) {
                        open->end = e->eventDateMicros;
                        out.push_back(*open);
                        open.reset();
                    }
                }
            }
            if (open) out.push_back(*open);
            if (deleted) {
                std::vector<Interval> kept;
                for (Interval i : out) {
                    if (i.added >= deletedAt) continue;  // opened while deleted: nothing until restored
                    if (!i.end || *i.end > deletedAt) i.end = deletedAt;
                    kept.push_back(i);
                }
                out = kept;
            }
            for (Interval& i : out)
                for (Basis b : {Basis::Added, Basis::Created, Basis::Published})
                    i.days[static_cast<int>(b)] = days(recordId, i, b);
            _intervals[community][recordId] = out;
        }
    }
}

Membership::DayRange Membership::days(const std::string& recordId, const Interval& interval, Basis basis) const {
    DayRange d;
    d.start = records::dayOfMicros(interval.added);
    if (interval.first && basis != Basis::Added) {
        auto it = _records.find(recordId);
        if (it == _records.end()) throw std::runtime_error("log names unknown record " + recordId);
        const RecordFacts& r = *it->second;
        if (basis == Basis::Created) {
            d.start = records::dayOfMicros(r.createdMicros);
        } else {
            auto pub = records::parseDay(r.publicationDay);
            if (!pub) throw std::runtime_error("record " + recordId + " has no publication day");
            d.start = std::max(*pub, _floorDay);
        }
    }
    if (interval.end) d.end = records::dayOfMicros(*interval.end);
    return d;
}

std::set<std::string> Membership::present(const std::string& community, Basis basis, std::int64_t day) const {
    std::set<std::string> out;
    auto c = _intervals.find(community);
    if (c == _intervals.end()) return out;
    for (const auto& [recordId, intervals] : c->second) {
        for (const auto& i : intervals) {
            const DayRange& d = i.days[static_cast<int>(basis)];
            if (d.start <= day && day < d.end) {
                out.insert(recordId);
                break;
            }
        }
    }
    return out;
}

std::optional<std::int64_t> Membership::firstDay(const std::string& community, Basis basis) const {
    std::optional<std::int64_t> first;
    auto c = _intervals.find(community);
    if (c == _intervals.end()) return first;
    for (const auto& [recordId, intervals] : c->second) {
        for (const auto& i : intervals) {
            const DayRange& d = i.days[static_cast<int>(basis)];
            if (d.start >= d.end) continue;  // never present on any day
            if (!first || d.start < *first) first = d.start;
        }
    }
    return first;
}

bool Membership::memberAt(const std::string& recordId, const std::string& community, std::int64_t instantMicros) const {
    auto c = _intervals.find(community);
    if (c == _intervals.end()) return false;
    auto r = c->second.find(recordId);
    if (r == c->second.end()) return false;
    for (const auto& i : r->second)
        if (i.added <= instantMicros && (!i.end || instantMicros < *i.end)) return true;
    return false;
}

}  // namespace statshost::test::reference
