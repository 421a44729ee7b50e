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

std::string countersSql(sql::Params& p, const Deltas& deltas, std::size_t begin, std::size_t end) {
    std::string values;
    for (std::size_t i = begin; i < end; ++i) {
        const auto& [key, d] = deltas[i];
        values += std::string(values.empty() ? "" : ", ") + "(" + p.add(key.first) + ", " +
                  p.add(std::string(key.second == 0 ? "view" : "download")) + ", " + p.add(d.stored) + ", 0, 0, " +
                  p.add(d.doubleClicks) + ", " + p.add(d.noCountry) + ")";
    }
    return "INSERT INTO usage_counters (month, event_type, stored, robots, api_views, double_clicks, no_country) "
           "VALUES " +
           values +
           " ON CONFLICT (month, event_type) DO UPDATE SET stored = usage_counters.stored + excluded.stored, "
           "double_clicks = usage_counters.double_clicks + excluded.double_clicks, "
           "no_country = usage_counters.no_country + excluded.no_country";
}

std::string changesSql(sql::Params& p, std::int64_t changeSeq, const std::vector<std::int64_t>& days, std::size_t begin,
                       std::size_t end) {
    const std::string seq = p.add(changeSeq);
    std::string values;
    for (std::size_t i = begin; i < end; ++i)
        values += std::string(values.empty() ? "" : ", ") + "(" + seq + ", " + p.add(days[i]) + ")";
    return "INSERT INTO usage_changes (change_seq, day) VALUES " + values + " ON CONFLICT (change_seq, day) DO NOTHING";
}

}  // namespace

void UsageLedger::flush(storage::Connection& c) const {
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
