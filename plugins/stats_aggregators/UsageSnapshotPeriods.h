#pragma once
/// The keyframe periods of the usage snapshot family: calendar quarters. The family keeps one state
/// document (full running sums, UsageSnapshotState) per community at each period's end and at the
/// last day a run computed; a snapshot read starts from the latest state before its first day, so it
/// adds at most one period of delta documents (92 days) before its first document. States written by
/// releases that kept month-end keyframes lie inside these periods and are read the same way.
#include "DayText.h"

namespace statshost::aggregators::usagestats {

/// Months per keyframe period (divides 12; periods start in January).
constexpr int kKeyframeMonths = 3;

/// The first day of the keyframe period `day` lies in.
DayNumber keyframePeriodStart(DayNumber day);
/// The last day of the keyframe period `day` lies in.
DayNumber keyframePeriodEnd(DayNumber day);

}  // namespace statshost::aggregators::usagestats
