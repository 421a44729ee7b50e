// Contract: randomized cross-checks against the from-scratch reference (UsageTestSupport), in random
// ingestion orders, batch splits and transaction groupings, for both modes; and the changed days after
// every transaction covering every day whose survivors changed.
#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "UsageStoreContract.h"

namespace statshost::test {

using usage::DoubleClickMode;
using usage::UsageStore;

namespace {

/// Splits `events` into transactions of 1..3 store() calls of 1..maxBatch events each.
std::vector<std::vector<std::vector<UsageEvent>>> randomSplit(std::mt19937_64& rng,
                                                              const std::vector<UsageEvent>& events,
                                                              std::size_t maxBatch) {
    std::vector<std::vector<std::vector<UsageEvent>>> transactions;
    std::size_t next = 0;
    while (next < events.size()) {
        transactions.emplace_back();
        const std::size_t calls = 1 + rng() % 3;
        for (std::size_t k = 0; k < calls && next < events.size(); ++k) {
            const std::size_t size = std::min(events.size() - next, 1 + static_cast<std::size_t>(rng() % maxBatch));
            transactions.back().emplace_back(events.begin() + static_cast<std::ptrdiff_t>(next),
                                             events.begin() + static_cast<std::ptrdiff_t>(next + size));
            next += size;
        }
    }
    return transactions;
}

/// Stored survivors per day, canonical.
std::map<std::int64_t, std::vector<std::string>> survivorsByDay(storage::Database& db) {
    std::map<std::int64_t, std::vector<UsageEvent>> byDay;
    for (const UsageEvent& e : storedEvents(db)) byDay[e.day].push_back(e);
    std::map<std::int64_t, std::vector<std::string>> out;
    for (const auto& [day, events] : byDay) out[day] = canonical(events);
    return out;
}

/// Stores random streams for `seeds` seeds and compares the survivors with the reference.
void crossCheck(storage::Database& db, DoubleClickMode mode, int seeds, const std::function<void()>& reset,
                const std::function<void(const std::vector<UsageEvent>&)>& check) {
    for (int seed = 1; seed <= seeds; ++seed) {
        reset();
        std::mt19937_64 rng(static_cast<std::uint64_t>(seed) * 7919 + (mode == DoubleClickMode::Fixed10s ? 0 : 1));
        const std::vector<UsageEvent> events = randomStream(rng, 40 + rng() % 160);
        std::int64_t changeSeq = 0;
        for (const auto& transaction : randomSplit(rng, events, 40)) {
            ++changeSeq;
            db.transaction([&](storage::Connection& c) {
                for (const auto& batch : transaction) {
                    usage::IngestCounters counters = UsageStore(mode).store(c, batch, changeSeq);
                    CPPUNIT_ASSERT_EQUAL(static_cast<std::uint64_t>(batch.size()),
                                         counters.stored + counters.suppressed);
                }
            });
        }
        const std::vector<std::string> expected = canonical(referenceSurvivors(events, mode));
        const std::vector<std::string> actual = canonical(storedEvents(db));
        if (expected != actual) {
            std::string message = "seed " + std::to_string(seed) + ": expected " + std::to_string(expected.size()) +
                                  " survivors, stored " + std::to_string(actual.size());
            for (const std::string& e : expected)
                if (std::find(actual.begin(), actual.end(), e) == actual.end()) message += "\n  missing " + e;
            for (const std::string& a : actual)
                if (std::find(expected.begin(), expected.end(), a) == expected.end()) message += "\n  extra   " + a;
            CPPUNIT_FAIL(message);
        }
        check(events);
    }
}

}  // namespace

void UsageStoreContract::testRandomizedFixed10s() {
    if (!ready()) return;
    crossCheck(
        db(), DoubleClickMode::Fixed10s, 15, [this] { reset(); },
        [this](const std::vector<UsageEvent>& events) { checkCountersMatchRows(events); });
}

void UsageStoreContract::testRandomizedCounter30s() {
    if (!ready()) return;
    crossCheck(
        db(), DoubleClickMode::Counter30s, 15, [this] { reset(); },
        [this](const std::vector<UsageEvent>& events) { checkCountersMatchRows(events); });
}

void UsageStoreContract::testRandomizedIncremental() {
    if (!ready()) return;
    for (DoubleClickMode mode : {DoubleClickMode::Fixed10s, DoubleClickMode::Counter30s}) {
        for (int seed = 1; seed <= 4; ++seed) {
            reset();
            std::mt19937_64 rng(static_cast<std::uint64_t>(seed) * 104729);
            const std::vector<UsageEvent> events = randomStream(rng, 150);
            std::map<std::int64_t, std::vector<std::string>> before;
            std::int64_t changeSeq = 0;
            for (const auto& transaction : randomSplit(rng, events, 20)) {
                ++changeSeq;
                db().transaction([&](storage::Connection& c) {
                    for (const auto& batch : transaction) UsageStore(mode).store(c, batch, changeSeq);
                });
                std::map<std::int64_t, std::vector<std::string>> after = survivorsByDay(db());
                std::set<std::int64_t> differ;
                for (const auto& [day, rows] : before)
                    if (after.count(day) == 0 || after[day] != rows) differ.insert(day);
                for (const auto& [day, rows] : after)
                    if (before.count(day) == 0) differ.insert(day);
                usage::ChangedDays changed = UsageStore::changedDaysSince(db(), changeSeq - 1);
                const std::set<std::int64_t> reported(changed.days.begin(), changed.days.end());
                for (std::int64_t day : differ)
                    CPPUNIT_ASSERT_MESSAGE("seed " + std::to_string(seed) + " change " + std::to_string(changeSeq) +
                                               ": day " + std::to_string(day) + " changed but is not reported",
                                           reported.count(day) == 1);
                CPPUNIT_ASSERT_EQUAL(reported.empty() ? changeSeq - 1 : changeSeq, changed.maxChangeSeq);
                before = std::move(after);
            }
            CPPUNIT_ASSERT(canonical(referenceSurvivors(events, mode)) == canonical(storedEvents(db())));
        }
    }
}

}  // namespace statshost::test
