// Row mapping and calendar helpers of the usage tables.
#include "usage/store/UsageSql.h"

#include <cstdio>

#include "records/Dates.h"
#include "statshost/Errors.h"
#include "usage/store/UsageStore.h"

namespace statshost::usage {

std::string typeName(EventType type) { return sql::typeText(type); }

namespace sql {

std::string monthOfDay(std::int64_t day) {
    records::CivilDate date = records::civilFromDays(day);
    char text[16];
    std::snprintf(text, sizeof text, "%04lld-%02u", static_cast<long long>(date.year), date.month);
    return text;
}

bool isMonth(const std::string& text) {
    if (text.size() != 7 || text[4] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6})
        if (text[i] < '0' || text[i] > '9') return false;
    int year = std::stoi(text.substr(0, 4));
    int month = std::stoi(text.substr(5, 2));
    return year >= 1 && month >= 1 && month <= 12;
}

std::int64_t yearOfDay(std::int64_t day) { return records::civilFromDays(day).year; }

std::int64_t firstDayOfYear(std::int64_t year) { return records::daysFromCivil(year, 1, 1); }

const char* typeText(EventType type) { return type == EventType::View ? "view" : "download"; }

EventType parseType(const std::string& text) {
    if (text == "view") return EventType::View;
    if (text == "download") return EventType::Download;
    throw StorageError("usage_events: unknown event_type '" + text + "'");
}

const std::vector<std::string>& writeColumns() {
    static const std::vector<std::string> columns = {
        "seq",        "change_seq", "event_type", "ts_us",     "day",        "click_bucket", "chain_first_us",
        "record_id",  "parent_id",  "visitor_id", "unique_id", "session_id", "country",      "referrer_host",
        "is_machine", "file_id",    "file_key",   "bucket_id", "file_type",  "size"};
    return columns;
}

std::string columnList(const std::string& prefix) {
    std::string list;
    for (const std::string& column : writeColumns()) list += (list.empty() ? "" : ", ") + prefix + column;
    return list;
}

void eventRow(const UsageEvent& e, std::int64_t seq, std::int64_t changeSeq, std::int64_t chainFirstMicros,
              storage::SqlParams& row) {
    row.resize(20);
    row[0] = seq;
    row[1] = changeSeq;
    row[2] = std::string(typeText(e.type));
    row[3] = e.timestampMicros;
    row[4] = e.day;
    row[5] = bucketOf(e.timestampMicros);
    row[6] = chainFirstMicros;
    row[7] = e.recordId;
    row[8] = e.parentId;
    row[9] = e.visitorId;
    row[10] = e.uniqueId;
    row[11] = e.sessionId;
    row[12] = e.country;
    row[13] = e.referrerHost;
    row[14] = std::int64_t{e.isMachine ? 1 : 0};
    row[15] = e.fileId;
    row[16] = e.fileKey;
    row[17] = e.bucketId;
    row[18] = e.fileType;
    row[19] = e.size;
}

const char* const kReadColumns =
    "event_type, ts_us, day, record_id, parent_id, visitor_id, unique_id, session_id, country, referrer_host, "
    "is_machine, file_id, file_key, bucket_id, file_type, size, seq";

UsageEvent readEvent(const storage::Row& row) {
    UsageEvent e;
    e.type = parseType(row.getString(0));
    e.timestampMicros = row.getInt(1);
    e.day = row.getInt(2);
    e.recordId = row.getString(3);
    e.parentId = row.getString(4);
    e.visitorId = row.getString(5);
    e.uniqueId = row.getString(6);
    e.sessionId = row.getString(7);
    e.country = row.getString(8);
    e.referrerHost = row.getString(9);
    e.isMachine = row.getInt(10) != 0;
    e.fileId = row.getString(11);
    e.fileKey = row.getString(12);
    e.bucketId = row.getString(13);
    e.fileType = row.getString(14);
    e.size = row.getInt(15);
    return e;
}

const std::string kScanPageSql =
    std::string("SELECT ") + kReadColumns +
    ", click_bucket FROM usage_events WHERE day >= $1 AND day <= $2 AND click_bucket >= $3 "
    "AND click_bucket < $4 ORDER BY click_bucket LIMIT $5";
const std::string kScanBucketSql =
    std::string("SELECT ") + kReadColumns + ", click_bucket FROM usage_events WHERE day = $1 AND click_bucket = $2";

const char* const kChangedDaysSql =
    "SELECT day, max(change_seq) FROM usage_changes WHERE change_seq > $1 GROUP BY day ORDER BY day";

// The stored chains that could touch the batch: ts >= min - 30 s and chain start <= max + 30 s per stream,
// through usage_events_stream (a range on ts_us from min - 30 s). PostgreSQL: OFFSET 0 keeps the LATERAL
// subquery from being pulled up into a plain join, so each stream stays an index probe whatever the
// statistics say (a fresh partition has none, and a hash or nested-loop join over a scan of the partition
// would then be chosen); the arrays' explicit "C" collation matches the columns'. SQLite: CROSS JOIN fixes
// the key table as the outer loop.
std::string chainsSql(storage::Dialect dialect, const std::vector<std::string>& params) {
    if (dialect == storage::Dialect::PostgreSQL)
        return "SELECT k.n, e.seq, e.day, e.ts_us, e.chain_first_us, e.country FROM unnest(" + params.at(0) +
               "::text[], " + params.at(1) + "::text[], " + params.at(2) + "::text[], " + params.at(3) +
               "::bigint[], " + params.at(4) +
               "::bigint[]) WITH ORDINALITY AS k(event_type, unique_id, visitor_id, lo_us, hi_us, n) "
               "CROSS JOIN LATERAL (SELECT e.seq, e.day, e.ts_us, e.chain_first_us, e.country FROM usage_events e "
               "WHERE e.event_type = k.event_type COLLATE \"C\" AND e.unique_id = k.unique_id COLLATE \"C\" AND "
               "e.visitor_id = k.visitor_id COLLATE \"C\" AND e.ts_us >= k.lo_us AND e.chain_first_us <= k.hi_us "
               "OFFSET 0) e";
    return "SELECT k.n, e.seq, e.day, e.ts_us, e.chain_first_us, e.country FROM usage_keys k CROSS JOIN usage_events e "
           "WHERE k.tag = " +
           params.at(0) +
           " AND e.event_type = k.event_type AND e.unique_id = k.unique_id AND "
           "e.visitor_id = k.visitor_id AND e.ts_us >= k.lo_us AND e.chain_first_us <= k.hi_us";
}

/// The stored rows in the winners' buckets: (click_bucket, event_type, unique_id, visitor_id, ts_us, country),
/// one probe of usage_events_key per bucket not later than the latest stored one (for live traffic, most of
/// the batch is later). The bucket list is computed in the query (an InitPlan) on purpose: for a constant
/// list of n buckets the planner assumes n * 0.5 % of the rows match while a partition has no statistics yet
/// (a new year, a bulk import before autovacuum's first ANALYZE) and would scan the whole partition for
/// every batch; for a computed list it assumes 10 elements and keeps to the index. `day = ANY(...)` prunes
/// the partitions.
std::string storedInBucketsSql(Params& p, const std::vector<std::int64_t>& days,
                               const std::vector<std::int64_t>& buckets) {
    const std::string dayList = p.add(intArray(days)) + "::int[]";
    return "SELECT e.click_bucket, e.event_type, e.unique_id, e.visitor_id, e.ts_us, e.country FROM usage_events e "
           "WHERE e.day = ANY(" +
           dayList + ") AND e.click_bucket = ANY(ARRAY(SELECT x FROM unnest(" + p.add(intArray(buckets)) +
           "::bigint[]) AS x WHERE x <= (SELECT max(click_bucket) FROM usage_events "
           "WHERE day = ANY(" +
           dayList + "))))";
}

std::string textArray(const std::vector<std::string>& values) {
    std::string literal = "{";
    for (const std::string& value : values) {
        if (literal.size() > 1) literal += ',';
        literal += '"';
        for (char c : value) {
            if (c == '"' || c == '\\') literal += '\\';
            literal += c;
        }
        literal += '"';
    }
    return literal + "}";
}

std::string intArray(const std::vector<std::int64_t>& values) {
    std::string literal = "{";
    for (std::int64_t value : values) literal += (literal.size() > 1 ? "," : "") + std::to_string(value);
    return literal + "}";
}

}  // namespace sql
}  // namespace statshost::usage
