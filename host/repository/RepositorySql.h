#pragma once
/// SQL text and row mapping shared by the repository table code (internal to repository/; the tests use
/// it to check query plans). Conventions of the tables:
///   - ids and other keys are TEXT (PostgreSQL: COLLATE "C", so ordering is bytewise on both backends);
///   - times are BIGINT epoch µs; flags are BIGINT 0/1;
///   - "none" is NULL for dates (normalised publication date, deletion dates), "" elsewhere.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "repository/RepositoryTx.h"

namespace statshost::repository::sql {

/// Rows per keyset page of forEachRecord / forEachEvent / forEachCommunity.
constexpr std::size_t kPageSize = 1000;

/// Collects bound parameters while SQL text is built: `add(v)` returns "$n".
class Params {
public:
    std::string add(storage::SqlValue value) {
        _values.push_back(std::move(value));
        return "$" + std::to_string(_values.size());
    }
    const storage::SqlParams& values() const { return _values; }

private:
    storage::SqlParams _values;
};

storage::SqlValue nullIfEmpty(const std::string& text);
storage::SqlValue nullIfZero(std::int64_t value);
std::string textOrEmpty(const storage::Row& row, std::size_t column);
std::int64_t intOrZero(const storage::Row& row, std::size_t column);

/// `texts` as a JSON array of strings.
std::string jsonArray(const std::vector<std::string>& texts);
/// A subquery yielding the strings of the JSON array bound as `param` (one column of text).
std::string jsonTexts(storage::Dialect dialect, const std::string& param);
/// The keyset condition "(a, b) > (pa, pb)": a row comparison on PostgreSQL (an index range), the
/// equivalent `a >= pa AND (a > pa OR b > pb)` on SQLite (whose planner ranges on `a` only).
std::string after(storage::Dialect dialect, const std::string& a, const std::string& b, const std::string& pa,
                  const std::string& pb);

// --- communities -------------------------------------------------------------------------------
extern const char* const kCommunityColumns;
CommunityRow readCommunity(const storage::Row& row);

// --- records -------------------------------------------------------------------------------------
/// The RecordRef columns (8), then the rest of RecordRow (8 more).
extern const char* const kRefColumns;
extern const char* const kRowColumns;
RecordRef readRef(const storage::Row& row);
/// Reads kRowColumns (files and facets stay empty).
RecordRow readRow(const storage::Row& row);

/// One page of records in (created_us, record_id) order; `last` set → after that key.
std::string recordPageSql(storage::Dialect dialect, Params& params, std::int64_t fromMicros, std::int64_t toMicros,
                          const RecordRow* last);

// --- events ----------------------------------------------------------------------------------------
extern const char* const kEventColumns;
CommunityEvent readEvent(const storage::Row& row);
/// latest(): $1 record id, $2 community id.
extern const char* const kLatestEventSql;
/// eventsOf(): $1 record id.
extern const char* const kEventsOfSql;
/// One page of events of `communityId` (all when empty) in (event_date_us, seq) order.
std::string eventPageSql(storage::Dialect dialect, Params& params, const std::string& communityId,
                         const CommunityEvent* last);

}  // namespace statshost::repository::sql
