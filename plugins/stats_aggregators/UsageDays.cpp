#include "UsageDays.h"

namespace statshost::aggregators::usagestats {

DayNumber monthStart(DayNumber day) {
    std::string text = dayText(day);
    text.replace(8, 2, "01");
    return dayNumber(text);
}

DayNumber monthEnd(DayNumber day) {
    // Day 28 of any month plus 4 days is in the next month; its month start minus one is our month's end.
    return monthStart(monthStart(day) + 31) - 1;
}

}  // namespace statshost::aggregators::usagestats
