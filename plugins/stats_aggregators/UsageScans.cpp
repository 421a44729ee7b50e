#include "UsageScans.h"

#include <algorithm>

#include "DayText.h"

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

}  // namespace statshost::aggregators::usagestats
