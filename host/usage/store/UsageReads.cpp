// Reads of the usage store: day-range scans in keyset pages, changed days, the month counters.
#include <algorithm>
#include <utility>

#include "usage/store/UsageSql.h"
#include "usage/store/UsageStore.h"

namespace statshost::usage {

namespace {

struct ScanRow {
    UsageEvent event;
    std::int64_t seq;
    std::int64_t bucket;
};

/// Appends the rows of `sql` to `page`.
void readPage(storage::Database& db, const std::string& sql, const storage::SqlParams& params,
              std::vector<ScanRow>& page) {
    db.query(sql, params, [&](const storage::Row& row) {
        page.push_back({sql::readEvent(row), row.getInt(16), row.getInt(17)});
    });
}

constexpr std::int64_t kBucketsPerDay = sql::kMicrosPerDay / sql::kBucketMicros;

}  // namespace

// Keyset pages on click_bucket (the key index's first column), each ending on a whole bucket: a full page
// drops its last bucket, which the next page starts with; a bucket larger than a page is read on its own.
// Buckets partition time, so sorting each page by (ts, seq) gives (day, ts, seq) order overall.
void UsageStore::scanDays(storage::Database& db, std::int64_t fromDay, std::int64_t toDay,
                          const std::function<void(const UsageEvent&)>& visit, std::size_t pageRows) {
    if (fromDay > toDay) return;
    pageRows = std::max<std::size_t>(pageRows, 1);
    const std::int64_t end = (toDay + 1) * kBucketsPerDay;
    const auto limit = static_cast<std::int64_t>(pageRows);
    std::int64_t next = fromDay * kBucketsPerDay;
    std::vector<ScanRow> page;
    page.reserve(pageRows);
    while (next < end) {
        page.clear();
        // A bucket's day is its first instant's day, so days before next's cannot hold a row of this page.
        const std::int64_t firstDay = std::max(fromDay, sql::floorDiv(next, kBucketsPerDay));
        readPage(db, sql::kScanPageSql, {firstDay, toDay, next, end, limit}, page);
        if (page.size() < pageRows) {
            next = end;
        } else {
            const std::int64_t last = page.back().bucket;
            while (!page.empty() && page.back().bucket == last) page.pop_back();
            if (page.empty()) {  // one bucket fills the page
                readPage(db, sql::kScanBucketSql, {sql::floorDiv(last, kBucketsPerDay), last}, page);
                next = last + 1;
            } else {
                next = last;
            }
        }
        std::sort(page.begin(), page.end(), [](const ScanRow& a, const ScanRow& b) {
            return a.event.timestampMicros != b.event.timestampMicros
                       ? a.event.timestampMicros < b.event.timestampMicros
                       : a.seq < b.seq;
        });
        for (const ScanRow& row : page) visit(row.event);
    }
}

ChangedDays UsageStore::changedDaysSince(storage::Database& db, std::int64_t changeSeq) {
    ChangedDays changed;
    changed.maxChangeSeq = changeSeq;
    db.query(sql::kChangedDaysSql, {changeSeq}, [&](const storage::Row& row) {
        changed.days.push_back(row.getInt(0));
        changed.maxChangeSeq = std::max(changed.maxChangeSeq, row.getInt(1));
    });
    return changed;
}

std::vector<MonthCounters> UsageStore::status(storage::Database& db) {
    std::vector<MonthCounters> months;
    db.query(
        "SELECT month, event_type, stored, robots, api_views, double_clicks, no_country FROM usage_counters "
        "ORDER BY month, CASE event_type WHEN 'view' THEN 0 ELSE 1 END",
        {}, [&](const storage::Row& row) {
            MonthCounters m;
            m.month = row.getString(0);
            m.type = sql::parseType(row.getString(1));
            m.stored = row.getInt(2);
            m.robots = row.getInt(3);
            m.apiViews = row.getInt(4);
            m.doubleClicks = row.getInt(5);
            m.noCountry = row.getInt(6);
            months.push_back(std::move(m));
        });
    return months;
}

}  // namespace statshost::usage
