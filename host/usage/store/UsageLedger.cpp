// The month counters and changed days of one store() call.
#include "usage/store/UsageLedger.h"

#include <algorithm>
#include <vector>

#include "usage/store/UsageSql.h"

namespace statshost::usage {

namespace {
/// Rows per multi-row statement (2..7 parameters each; far below both dialects' parameter limits).
constexpr std::size_t kRowsPerStatement = 500;
}  // namespace

UsageLedger::Delta& UsageLedger::delta(std::int64_t day, EventType type) {
    if (day != _lastDay) {
        _lastDay = day;
        _lastMonth = sql::monthOfDay(day);
    }
    return _deltas[{_lastMonth, type == EventType::View ? 0 : 1}];
}

void UsageLedger::stored(std::int64_t day, EventType type, bool noCountry) {
    Delta& d = delta(day, type);
    d.stored += 1;
    d.noCountry += noCountry ? 1 : 0;
    _days.insert(day);
    ++_counters.stored;
}

void UsageLedger::suppressed(std::int64_t day, EventType type) {
    delta(day, type).doubleClicks += 1;
    ++_counters.suppressed;
}

void UsageLedger::displaced(std::int64_t day, EventType type, bool noCountry) {
    Delta& d = delta(day, type);
    d.stored -= 1;
    d.noCountry -= noCountry ? 1 : 0;
    d.doubleClicks += 1;
    _days.insert(day);
    ++_counters.replaced;
}

namespace {

using Deltas = std::vector<std::pair<std::pair<std::string, int>, UsageLedger::Delta>>;

const char* const kCountersInsert =
    "INSERT INTO usage_counters (month, event_type, stored, robots, api_views, double_clicks, no_country) ";
const char* const kCountersConflict =
    " ON CONFLICT (month, event_type) DO UPDATE SET stored = usage_counters.stored + excluded.stored, "
    "double_clicks = usage_counters.double_clicks + excluded.double_clicks, "
    "no_country = usage_counters.no_country + excluded.no_country";
const char* const kChangesInsert = "INSERT INTO usage_changes (change_seq, day) ";
const char* const kChangesConflict = " ON CONFLICT (change_seq, day) DO NOTHING";

/// "(...), (...)" rows of usage_counters for deltas[begin, end).
std::string counterRows(sql::Params& p, const Deltas& deltas, std::size_t begin, std::size_t end) {
    std::string values;
    for (std::size_t i = begin; i < end; ++i) {
        const auto& [key, d] = deltas[i];
        values += std::string(values.empty() ? "" : ", ") + "(" + p.add(key.first) + ", " +
                  p.add(std::string(key.second == 0 ? "view" : "download")) + ", " + p.add(d.stored) + ", 0, 0, " +
                  p.add(d.doubleClicks) + ", " + p.add(d.noCountry) + ")";
    }
    return values;
}

/// "(...), (...)" rows of usage_changes for days[begin, end).
std::string changeRows(sql::Params& p, std::int64_t changeSeq, const std::vector<std::int64_t>& days,
                       std::size_t begin, std::size_t end) {
    const std::string seq = p.add(changeSeq);
    std::string values;
    for (std::size_t i = begin; i < end; ++i)
        values += std::string(values.empty() ? "" : ", ") + "(" + seq + ", " + p.add(days[i]) + ")";
    return values;
}

std::string countersSql(sql::Params& p, const Deltas& deltas, std::size_t begin, std::size_t end) {
    return kCountersInsert + ("VALUES " + counterRows(p, deltas, begin, end)) + kCountersConflict;
}

std::string changesSql(sql::Params& p, std::int64_t changeSeq, const std::vector<std::int64_t>& days, std::size_t begin,
                       std::size_t end) {
    return kChangesInsert + ("VALUES " + changeRows(p, changeSeq, days, begin, end)) + kChangesConflict;
}

}  // namespace

std::string UsageLedger::conditionalCtes(sql::Params& p, const std::string& from, const std::string& condition) const {
    const Deltas deltas(_deltas.begin(), _deltas.end());
    const std::vector<std::int64_t> days(_days.begin(), _days.end());
    if (deltas.empty() || deltas.size() > kRowsPerStatement || days.size() > kRowsPerStatement) return "";
    const std::string filter = ", " + from + " WHERE " + condition;
    std::string ctes = "ledger_counters AS (" + std::string(kCountersInsert) + "SELECT v.* FROM (VALUES " +
                       counterRows(p, deltas, 0, deltas.size()) +
                       ") AS v(month, event_type, stored, robots, api_views, double_clicks, no_country)" + filter +
                       kCountersConflict + ")";
    if (!days.empty())
        ctes += ", ledger_changes AS (" + std::string(kChangesInsert) + "SELECT v.* FROM (VALUES " +
                changeRows(p, _changeSeq, days, 0, days.size()) + ") AS v(change_seq, day)" + filter +
                kChangesConflict + ")";
    return ctes;
}

void UsageLedger::flush(storage::Connection& c) const {
    if (_flushed) return;
    const Deltas deltas(_deltas.begin(), _deltas.end());
    const std::vector<std::int64_t> days(_days.begin(), _days.end());
    if (c.dialect() == storage::Dialect::PostgreSQL && !deltas.empty() && !days.empty() &&
        deltas.size() <= kRowsPerStatement && days.size() <= kRowsPerStatement) {
        sql::Params p;  // the usual case: one round trip
        const std::string counters = countersSql(p, deltas, 0, deltas.size());
        const std::string changes = changesSql(p, _changeSeq, days, 0, days.size());
        c.exec("WITH counted AS (" + counters + ") " + changes, p.values());
        return;
    }
    for (std::size_t begin = 0; begin < deltas.size(); begin += kRowsPerStatement) {
        sql::Params p;
        c.exec(countersSql(p, deltas, begin, std::min(deltas.size(), begin + kRowsPerStatement)), p.values());
    }
    for (std::size_t begin = 0; begin < days.size(); begin += kRowsPerStatement) {
        sql::Params p;
        c.exec(changesSql(p, _changeSeq, days, begin, std::min(days.size(), begin + kRowsPerStatement)), p.values());
    }
}

}  // namespace statshost::usage
