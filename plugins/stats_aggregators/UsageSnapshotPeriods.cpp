#include "UsageSnapshotPeriods.h"

namespace statshost::aggregators::usagestats {

DayNumber keyframePeriodStart(DayNumber day) {
    std::string text = dayText(day);  // YYYY-MM-DD
    const int month = (text[5] - '0') * 10 + (text[6] - '0');
    const int first = (month - 1) / kKeyframeMonths * kKeyframeMonths + 1;
    text[5] = static_cast<char>('0' + first / 10);
    text[6] = static_cast<char>('0' + first % 10);
    text.replace(8, 2, "01");
    return dayNumber(text);
}

DayNumber keyframePeriodEnd(DayNumber day) {
    // A period has at least 28 * kKeyframeMonths days and at most 31 * kKeyframeMonths: 31 days per month
    // after its start is in the next period; that period's start minus one is this period's end.
    return keyframePeriodStart(keyframePeriodStart(day) + 31 * kKeyframeMonths) - 1;
}

}  // namespace statshost::aggregators::usagestats
