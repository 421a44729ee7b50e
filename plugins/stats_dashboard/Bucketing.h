#pragma once
/// Coarser series: the points of a series grouped into day/week/month/quarter/year buckets (see
/// DayMath bucketStart). A delta bucket holds the sum of its points, a snapshot bucket the value of
/// its last point (the state at the end of the bucket). The bucket's point is dated by the bucket's
/// first day (an ISO week's Monday, the 1st of a month/quarter/year), even when the requested range
/// starts later. Points must be in date order (as buildCategory makes them). Pure functions.
#include "DayMath.h"
#include "SeriesModel.h"

namespace statshost::dashboard {

void bucketSeries(DataSeries& series, Granularity granularity, bool snapshot);

/// bucketSeries on every series of the category (Granularity::Day leaves it unchanged).
void bucketCategory(Category& category, Granularity granularity, bool snapshot);

}  // namespace statshost::dashboard
