#include "Bucketing.h"

namespace statshost::dashboard {

void bucketSeries(DataSeries& series, Granularity granularity, bool snapshot) {
    if (granularity == Granularity::Day) return;
    std::vector<Point> out;
    std::int64_t current = 0;
    for (const Point& p : series.data) {
        auto day = parseDay(p.date);
        if (!day) continue;  // never produced by buildCategory; skip rather than guess
        const std::int64_t bucket = bucketStart(*day, granularity);
        if (out.empty() || bucket != current) {
            current = bucket;
            out.push_back({formatDay(bucket), p.value});
        } else if (snapshot) {
            out.back().value = p.value;
        } else {
            out.back().value += p.value;
        }
    }
    series.data = std::move(out);
}

void bucketCategory(Category& category, Granularity granularity, bool snapshot) {
    if (granularity == Granularity::Day) return;
    for (auto& sub : category.subcounts)
        for (auto& metric : sub.metrics)
            for (auto& series : metric.second) bucketSeries(series, granularity, snapshot);
}

}  // namespace statshost::dashboard
