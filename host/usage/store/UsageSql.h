#pragma once
/// Table layout and row mapping shared by the usage-store code (internal to usage/store/; the tests use it
/// to check plans and to build the raw-insert baseline of the benchmark). Conventions:
///   - times are BIGINT epoch µs, `day` INTEGER days since 1970-01-01, flags 0/1;
///   - text columns are NOT NULL with "" for none (PostgreSQL: COLLATE "C", bytewise like SQLite);
///   - `seq` is the insertion number (usage_state), unique over the table, later ingested = larger;
///   - `click_bucket` = floor(ts_us / 10 s), `chain_first_us` = the first click of the survivor's
///     counter30s chain (fixed10s: the survivor's own time).
#include <cstdint>
#include <string>
#include <vector>

#include "storage/Database.h"
#include "usage/UsageEvent.h"

namespace statshost::usage::sql {

class Params;

constexpr std::int64_t kMicrosPerDay = 86400LL * 1000000;
constexpr std::int64_t kBucketMicros = 10LL * 1000000;    ///< fixed10s bucket
constexpr std::int64_t kChainGapMicros = 30LL * 1000000;  ///< counter30s: a gap up to this joins a chain

constexpr const char* kEvents = "usage_events";

/// floor(a / b) for b > 0, also for negative a.
inline std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && (a < 0)); }
inline std::int64_t bucketOf(std::int64_t micros) { return floorDiv(micros, kBucketMicros); }
inline std::int64_t dayOf(std::int64_t micros) { return floorDiv(micros, kMicrosPerDay); }

/// "YYYY-MM" of a day number.
std::string monthOfDay(std::int64_t day);
/// True for a strict "YYYY-MM" (year 0001..9999, month 01..12).
bool isMonth(const std::string& text);
std::int64_t yearOfDay(std::int64_t day);
/// First day of `year` (day number of YYYY-01-01).
std::int64_t firstDayOfYear(std::int64_t year);

/// "view" | "download"; parseType throws StorageError for anything else.
const char* typeText(EventType type);
EventType parseType(const std::string& text);

/// The columns usage_events is written with, in the order eventRow() fills them (20).
const std::vector<std::string>& writeColumns();
/// writeColumns() joined with ", ", optionally each prefixed with `prefix` (e.g. "s.").
std::string columnList(const std::string& prefix = "");

/// One usage_events row of `e` in writeColumns() order. `row` is resized and overwritten.
void eventRow(const UsageEvent& e, std::int64_t seq, std::int64_t changeSeq, std::int64_t chainFirstMicros,
              storage::SqlParams& row);

/// The columns readEvent() expects, in its order (for SELECT lists; the 17th, seq, is not read), and the reader.
extern const char* const kReadColumns;
UsageEvent readEvent(const storage::Row& row);

// --- reads (the tests check their plans) ------------------------------------------------------------
/// scanDays: the rows of days $1..$2 with $3 <= click_bucket < $4, at most $5, in click_bucket order
/// (kReadColumns, then click_bucket). The day bounds let PostgreSQL prune partitions.
extern const std::string kScanPageSql;
/// scanDays: every row of bucket $2 (of day $1): a bucket larger than a page is read whole.
extern const std::string kScanBucketSql;
/// changedDaysSince: (day, max change_seq) of the rows with change_seq > $1, by day.
extern const char* const kChangedDaysSql;
/// counter30s: (k.n, seq, day, ts_us, chain_first_us, country) of the stored chains of the batch's streams.
/// PostgreSQL: `params` name the arrays event_type, unique_id, visitor_id (text[]), lo_us, hi_us (bigint[])
/// (n is the 1-based position); SQLite: `params` names the tag of the rows in the temporary table usage_keys
/// (n, event_type, ...).
std::string chainsSql(storage::Dialect dialect, const std::vector<std::string>& params);
/// fixed10s on PostgreSQL: (click_bucket, event_type, unique_id, visitor_id, ts_us, country) of the stored
/// rows in `buckets` (of `days`), adding its parameters to `p`.
std::string storedInBucketsSql(Params& p, const std::vector<std::int64_t>& days,
                               const std::vector<std::int64_t>& buckets);

/// PostgreSQL array literals for one bound parameter ("{...}"), e.g. `$1::text[]`.
std::string textArray(const std::vector<std::string>& values);
std::string intArray(const std::vector<std::int64_t>& values);

/// Collects bound parameters while SQL text is built: `add(v)` returns "$n".
class Params {
public:
    std::string add(storage::SqlValue value) {
        _values.push_back(std::move(value));
        return "$" + std::to_string(_values.size());
    }
    const storage::SqlParams& values() const { return _values; }
    std::size_t size() const { return _values.size(); }

private:
    storage::SqlParams _values;
};

}  // namespace statshost::usage::sql
