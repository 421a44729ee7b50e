#pragma once
/// Month arithmetic on day numbers (DayText.h has the rest): the usage snapshot keeps its running-sum
/// checkpoints at month ends.
#include "DayText.h"

namespace statshost::aggregators::usagestats {

/// The first day of the month `day` lies in.
DayNumber monthStart(DayNumber day);
/// The last day of the month `day` lies in.
DayNumber monthEnd(DayNumber day);

}  // namespace statshost::aggregators::usagestats
