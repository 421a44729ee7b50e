#include "UsageChangeTracker.h"

#include "DayText.h"
#include "UsageJson.h"
#include "UsageScans.h"

namespace statshost::aggregators::usagestats {

std::uint64_t UsageChangeTracker::fingerprint(const std::string& body) {
    return valueHash(parseJson(body), {"timestamp"});
}

void UsageChangeTracker::loadStored(const std::string& community, DayNumber from, DayNumber to) {
    Community& c = _communities[community];
    c.stored.clear();
    c.next = 0;
    if (from > to) return;
    scanInPieces(_store, _alias, community, from, to, [&](const Document& d) {
        std::uint64_t hash = 0;
        try {
            hash = fingerprint(d.body);
        } catch (const std::exception&) {
            hash = 0;  // unreadable: differs from anything produced
        }
        c.stored.emplace_back(dayNumber(d.day), hash);
        return true;
    });
}

void UsageChangeTracker::produced(const std::string& community, DayNumber day, const std::string& body) {
    Community& c = _communities[community];
    settle(community, day - 1);
    if (c.next < c.stored.size() && c.stored[c.next].first == day) {
        if (c.stored[c.next].second != fingerprint(body)) change(c, day);
        ++c.next;
    } else {
        change(c, day);
    }
}

void UsageChangeTracker::settle(const std::string& community, DayNumber through) {
    Community& c = _communities[community];
    while (c.next < c.stored.size() && c.stored[c.next].first <= through) {
        change(c, c.stored[c.next].first);
        ++c.next;
    }
}

void UsageChangeTracker::writeMarker(const std::string& community) {
    Community& c = _communities[community];
    if (!c.firstChange) return;
    if (!c.markerRead) {
        if (auto text = _store.bookmark(_marker, community)) c.marker = parseDay(*text);
        c.markerRead = true;
    }
    if (c.marker && *c.marker <= *c.firstChange) return;
    _store.setBookmark(_marker, community, dayText(*c.firstChange));
    c.marker = c.firstChange;
}

std::optional<DayNumber> UsageChangeTracker::firstChange(const std::string& community) const {
    auto it = _communities.find(community);
    return it == _communities.end() ? std::nullopt : it->second.firstChange;
}

}  // namespace statshost::aggregators::usagestats
