#pragma once
/// The usage-event store (SEMANTICS.md §6, §8, §9.5, §10.4, §10.6): processed usage events after the
/// double-click rule, the per-month ingest counters behind `statshost events status`, and the reads the
/// usage aggregators need (day-range scans, "which days changed since change_seq N").
///
/// Only survivors are stored. A survivor is the last click of its group: the latest timestamp, on ties the
/// later ingested. Ingestion order is the order of store() calls, then the order inside one batch. Groups:
///   - fixed10s (default): same (type, unique_id, visitor_id) and same epoch-aligned 10 s bucket
///     (floor(ts_seconds / 10)); buckets never straddle midnight, so a survivor never changes day.
///   - counter30s (COUNTER R5.1): clicks of one (type, unique_id, visitor_id) whose consecutive gaps are
///     ≤ 30 s form a chain. The survivor row carries the chain's first click time, so late events can join a
///     chain on either side, bridge two chains (the absorbed survivor row is deleted) or move the survivor
///     across midnight.
/// The result depends only on the set of events and their ingestion order (for ties), never on how they are
/// split into batches or on arrival order otherwise.
///
/// Tables (UsageSchema.cpp): usage_events (PostgreSQL: range-partitioned by `day`, one partition per year,
/// created on demand; SQLite: one table clustered on its key) with a single index, the double-click key
/// (click_bucket, type, unique_id, visitor_id, day): time first, so live ingestion appends, and the day-range
/// scan reads it too. counter30s adds usage_events_stream (type, unique_id, visitor_id, ts_us), built by its
/// first store(). usage_changes (change_seq, day): one row per day a transaction touched, including days that
/// lost a row. usage_counters (per month and type). usage_state (the insertion counter).
///
/// Threading and transactions: store() and countDropped() run inside the caller's transaction. store() first
/// locks the usage_state row (held until the caller commits), so ingesting transactions serialize and a
/// store() always sees every earlier committed survivor; this is what keeps merges and counters exact. Lock
/// order: the caller's own locks (e.g. the repository change counter), then usage_state, then usage_events.
/// On PostgreSQL the first event of a new year creates and attaches that year's partition inside the
/// caller's transaction (ATTACH PARTITION: scans of usage_events go on meanwhile).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "storage/Database.h"
#include "usage/UsageEvent.h"

namespace statshost::usage {

enum class DoubleClickMode { Fixed10s, Counter30s };

/// "fixed10s" | "counter30s".
std::string modeName(DoubleClickMode mode);
/// Parses a mode name; throws statshost::ConfigError naming `keyPath` for anything else.
DoubleClickMode parseMode(const std::string& name, const std::string& keyPath = "double_click_mode");

/// "view" | "download", as stored in event_type.
std::string typeName(EventType type);

/// What one store() call did. Invariants: stored + suppressed = the batch size; the table grew by
/// stored - replaced rows.
struct IngestCounters {
    std::uint64_t stored = 0;      ///< events of the batch that are survivors now (new rows or replacing one)
    std::uint64_t replaced = 0;    ///< previously stored survivors displaced (overwritten, or deleted by a merge)
    std::uint64_t suppressed = 0;  ///< events of the batch that are double clicks of a survivor
};

/// Why the pipeline dropped an event before storage.
enum class DropReason { Robot, ApiView };

/// One row of `statshost events status`. Every event is counted in the month (UTC) of its own timestamp:
/// each offered event is either stored (a current survivor) or a double click, so per month
/// offered = stored + doubleClicks, and stored / noCountry equal the current rows of that month.
struct MonthCounters {
    std::string month;  ///< "YYYY-MM"
    EventType type = EventType::View;
    std::int64_t stored = 0;        ///< survivors now stored
    std::int64_t robots = 0;        ///< dropped as robots (countDropped)
    std::int64_t apiViews = 0;      ///< record views dropped because they came via the API (countDropped)
    std::int64_t doubleClicks = 0;  ///< suppressed: events of the batch that lost, and survivors displaced later
    std::int64_t noCountry = 0;     ///< survivors now stored without a country
};

/// Days touched by transactions with change_seq > N.
struct ChangedDays {
    std::vector<std::int64_t> days;  ///< distinct day numbers, ascending
    std::int64_t maxChangeSeq = 0;   ///< the highest change_seq seen; N itself when nothing changed
};

class UsageStore {
public:
    /// Creates the tables and indexes if missing; idempotent and safe when processes race.
    static void createSchema(storage::Database& db);
    /// Drops every usage table (tests, a future destroy-data).
    static void dropSchema(storage::Database& db);

    explicit UsageStore(DoubleClickMode mode = DoubleClickMode::Fixed10s) : _mode(mode) {}
    DoubleClickMode mode() const { return _mode; }

    /// Stores a batch inside the caller's transaction (`inTransaction` must be inside Database::transaction),
    /// applying this store's double-click mode against the batch itself and everything stored before.
    /// `events` in ingestion order. Every row written, replaced or deleted gets `changeSeq` (the caller's
    /// transaction change number, > 0) and its day is recorded in usage_changes — a survivor that moves
    /// across midnight records both days. Also updates the month counters.
    /// Throws std::invalid_argument when an event's `day` is not the day of its timestamp or the timestamp is
    /// outside years 1..9999, or `changeSeq` <= 0 (nothing is written then); StorageError from the database.
    IngestCounters store(storage::Connection& inTransaction, const std::vector<UsageEvent>& events,
                         std::int64_t changeSeq) const;

    /// Adds `n` (>= 0) events of `type` dropped for `reason` in `month` ("YYYY-MM") to the counters. Works
    /// inside or outside a transaction. Throws std::invalid_argument for another month format, n < 0, or an
    /// API-view drop of a download.
    static void countDropped(storage::Connection& connection, const std::string& month, EventType type,
                             DropReason reason, std::int64_t n);

    /// Streams the stored events of days fromDay..toDay (inclusive) in (day, ts, insertion) order. Reads
    /// keyset pages of about `pageRows` rows (whole 10 s buckets; a bucket with more events is read alone) and
    /// calls `visit` between queries, so `visit` may use `db`; memory stays bounded by one page. Pages are
    /// separate statements, so rows committed during a scan may or may not be seen; an aggregator that takes
    /// changedDaysSince(bookmark) before scanning and then bookmarks its maxChangeSeq gets those days again on
    /// its next run (change numbers commit in order, see RepositoryTx::changeSeq).
    /// Each page's statement names only the years from the page's first bucket on. Larger pages mean fewer
    /// statements (each costs a round trip and planning over the yearly partitions) and more memory.
    static void scanDays(storage::Database& db, std::int64_t fromDay, std::int64_t toDay,
                         const std::function<void(const UsageEvent&)>& visit, std::size_t pageRows = kScanPage);
    static constexpr std::size_t kScanPage = 1000;

    /// The distinct days touched by transactions with change_seq > `changeSeq`, and the highest change_seq.
    static ChangedDays changedDaysSince(storage::Database& db, std::int64_t changeSeq);

    /// Every month/type with counters, ordered by month then type (view before download).
    static std::vector<MonthCounters> status(storage::Database& db);

private:
    DoubleClickMode _mode;
};

}  // namespace statshost::usage
