#include "UsageScans.h"

#include <algorithm>

#include "DayText.h"
#include "UsageInterner.h"
#include "UsageMembership.h"

namespace statshost::aggregators::usagestats {

void scanInPieces(DocumentStore& store, const std::string& alias, const std::string& community, DayNumber first,
                  DayNumber last, DayNumber pieceDays, const std::function<bool(const Document&)>& visit) {
    bool more = true;
    for (DayNumber from = first; more && from <= last; from += pieceDays) {
        const DayNumber to = std::min(last, from + pieceDays - 1);
        store.scan(alias, DocumentRange{community, dayText(from), dayText(to)}, [&](const Document& d) {
            more = visit(d);
            return more;
        });
    }
}

std::optional<DayNumber> firstStoredDayAfter(DocumentStore& store, const std::string& alias,
                                             const std::string& community, DayNumber after) {
    const auto last = store.latest(alias, community, "");
    if (!last) return std::nullopt;
    const DayNumber lastDay = dayNumber(last->day);
    if (lastDay <= after) return std::nullopt;
    std::optional<DayNumber> found;
    scanInPieces(store, alias, community, after + 1, lastDay, [&](const Document& d) {
        found = dayNumber(d.day);
        return false;
    });
    return found;
}

void lowerChangedUsageDays(DocumentStore& store, AggregationSource& source, const std::string& alias,
                           const std::vector<DayNumber>& changed, const UsageInterner& records,
                           const UsageInterner& communities, const UsageMembership& membership,
                           const std::function<void(const std::string&, DayNumber)>& lower) {
    if (changed.empty()) return;
    lower("global", changed.front());
    for (std::size_t i = 0; i < changed.size();) {
        std::size_t j = i;
        while (j + 1 < changed.size() && changed[j + 1] == changed[j] + 1) ++j;  // a run of consecutive days
        scanInPieces(store, alias, "", changed[i], changed[j], 7, [&](const Document& d) {
            lower(d.communityId, dayNumber(d.day));
            return true;
        });
        source.scanUsage(changed[i], changed[j], [&](const UsageFact& e) {
            const std::uint32_t record = records.find(e.recordId);
            if (record == UsageInterner::kMissing) return;
            membership.forEachAt(record, e.timestampMicros, [&](std::uint32_t c) { lower(communities.text(c), e.day); });
        });
        i = j + 1;
    }
}

}  // namespace statshost::aggregators::usagestats
