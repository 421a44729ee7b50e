#pragma once
/// What one store() call changes besides the event rows (internal to usage/store/): the month counters and
/// the changed days. Collected in memory while the batch is written, then flushed in a few statements.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "storage/Database.h"
#include "usage/UsageEvent.h"
#include "usage/store/UsageSql.h"
#include "usage/store/UsageStore.h"

namespace statshost::usage {

class UsageLedger {
public:
    explicit UsageLedger(std::int64_t changeSeq) : _changeSeq(changeSeq) {}

    /// A batch event became a stored survivor of `day`.
    void stored(std::int64_t day, EventType type, bool noCountry);
    /// A batch event lost (a double click) — counted in its own day's month; no row changed.
    void suppressed(std::int64_t day, EventType type);
    /// A stored survivor of `day` was displaced (overwritten or deleted): it becomes a double click.
    void displaced(std::int64_t day, EventType type, bool noCountry);
    /// A stored row of `day` changed without changing what it counts (counter30s: its chain start).
    void touched(std::int64_t day) { _days.insert(day); }

    const IngestCounters& counters() const { return _counters; }

    /// The change of one (month, type) row of usage_counters.
    struct Delta {
        std::int64_t stored = 0;
        std::int64_t doubleClicks = 0;
        std::int64_t noCountry = 0;
    };

    /// Writes the counter deltas (usage_counters) and the changed days (usage_changes) through `c`
    /// (PostgreSQL: usually one statement).
    void flush(storage::Connection& c) const;

    /// PostgreSQL: what flush() would write, as data-modifying CTEs for the caller's statement
    /// ("ledger_counters AS (...)[, ledger_changes AS (...)]", parameters added to `p`) that take effect only
    /// where `condition` holds: INSERT ... SELECT ... FROM (VALUES ...) v, `from` WHERE `condition`. Empty when
    /// the ledger is too large for one statement. When the caller's statement found `condition` true it calls
    /// markFlushed(), after which flush() writes nothing.
    std::string conditionalCtes(sql::Params& p, const std::string& from, const std::string& condition) const;
    void markFlushed() { _flushed = true; }

private:
    Delta& delta(std::int64_t day, EventType type);

    std::int64_t _changeSeq;
    IngestCounters _counters;
    std::map<std::pair<std::string, int>, Delta> _deltas;  ///< (month, type) → change
    std::set<std::int64_t> _days;
    std::int64_t _lastDay = INT64_MIN;  ///< month lookups are cached per day (batches are mostly one day)
    std::string _lastMonth;
    bool _flushed = false;  ///< written by the caller's statement (conditionalCtes)
};

}  // namespace statshost::usage
