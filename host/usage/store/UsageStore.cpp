// UsageStore: mode names, batch validation, the insertion counter and the dispatch to the write paths;
// the dropped-event counters.
#include "usage/store/UsageStore.h"

#include <set>
#include <stdexcept>

#include "statshost/Errors.h"
#include "usage/store/UsageIngest.h"
#include "usage/store/UsageLedger.h"
#include "usage/store/UsageSql.h"

namespace statshost::usage {

namespace {

void validate(const std::vector<UsageEvent>& events, std::int64_t changeSeq) {
    if (changeSeq <= 0) throw std::invalid_argument("usage store: change_seq must be positive");
    static const std::int64_t firstDay = sql::firstDayOfYear(1);
    static const std::int64_t endDay = sql::firstDayOfYear(10000);
    for (std::size_t i = 0; i < events.size(); ++i) {
        const UsageEvent& e = events[i];
        std::int64_t day = sql::dayOf(e.timestampMicros);
        if (day < firstDay || day >= endDay)
            throw std::invalid_argument("usage store: event " + std::to_string(i) +
                                        " has a timestamp outside years 1..9999");
        if (e.day != day)
            throw std::invalid_argument("usage store: event " + std::to_string(i) + " has day " +
                                        std::to_string(e.day) + " but its timestamp is on day " + std::to_string(day));
    }
}

}  // namespace

std::string modeName(DoubleClickMode mode) { return mode == DoubleClickMode::Fixed10s ? "fixed10s" : "counter30s"; }

DoubleClickMode parseMode(const std::string& name, const std::string& keyPath) {
    if (name == "fixed10s") return DoubleClickMode::Fixed10s;
    if (name == "counter30s") return DoubleClickMode::Counter30s;
    throw ConfigError(keyPath, "unknown double-click mode '" + name + "' (expected fixed10s or counter30s)");
}

IngestCounters UsageStore::store(storage::Connection& inTransaction, const std::vector<UsageEvent>& events,
                                 std::int64_t changeSeq) const {
    validate(events, changeSeq);
    if (events.empty()) return {};
    std::set<std::int64_t> days;
    for (const UsageEvent& e : events) days.insert(e.day);
    UsageLedger ledger(changeSeq);
    const ingest::Batch batch{inTransaction, events, changeSeq, std::vector<std::int64_t>(days.begin(), days.end()),
                              ledger};
    if (_mode == DoubleClickMode::Fixed10s)
        ingest::storeFixed10s(batch);
    else
        ingest::storeCounter30s(batch);
    ledger.flush(inTransaction);
    return ledger.counters();
}

void UsageStore::countDropped(storage::Connection& connection, const std::string& month, EventType type,
                              DropReason reason, std::int64_t n) {
    if (!sql::isMonth(month)) throw std::invalid_argument("usage counters: month must be YYYY-MM, got '" + month + "'");
    if (n < 0) throw std::invalid_argument("usage counters: a negative count of dropped events");
    if (reason == DropReason::ApiView && type != EventType::View)
        throw std::invalid_argument("usage counters: only record views are dropped as API views");
    if (n == 0) return;
    const bool robot = reason == DropReason::Robot;
    connection.exec(
        "INSERT INTO usage_counters (month, event_type, stored, robots, api_views, double_clicks, "
        "no_country) VALUES ($1, $2, 0, $3, $4, 0, 0) ON CONFLICT (month, event_type) DO UPDATE SET "
        "robots = usage_counters.robots + excluded.robots, "
        "api_views = usage_counters.api_views + excluded.api_views",
        {month, std::string(sql::typeText(type)), robot ? n : std::int64_t{0}, robot ? std::int64_t{0} : n});
}

}  // namespace statshost::usage
