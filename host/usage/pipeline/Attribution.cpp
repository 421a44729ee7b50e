#include "usage/pipeline/Attribution.h"

#include <algorithm>
#include <climits>
#include <map>

namespace statshost::usage {

MembershipIntervals::MembershipIntervals(const std::vector<CommunityEvent>& events) {
    std::map<std::string, std::int64_t> open;  // community → start of its open interval
    std::int64_t deletedAt = INT64_MAX;
    for (const auto& e : events) {
        if (e.isDeleted && e.deletedDateMicros) deletedAt = std::min(deletedAt, e.deletedDateMicros);
        if (e.communityId == "global") continue;
        if (e.eventType == "added") {
            open.emplace(e.communityId, e.eventDateMicros);  // a repeated add keeps the earlier start
        } else if (e.eventType == "removed") {
            auto it = open.find(e.communityId);
            if (it == open.end()) continue;
            _intervals.push_back({it->first, it->second, e.eventDateMicros});
            open.erase(it);
        }
    }
    for (const auto& [community, from] : open) _intervals.push_back({community, from, INT64_MAX});
    // The deletion closes every interval still open at that time.
    for (auto& i : _intervals) i.to = std::min(i.to, std::max(deletedAt, i.from));
}

std::vector<std::string> MembershipIntervals::at(std::int64_t instant) const {
    std::vector<std::string> out;
    for (const auto& i : _intervals)
        if (i.from <= instant && instant < i.to) out.push_back(i.community);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace statshost::usage
