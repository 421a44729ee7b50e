// Contract: counter30s double clicks (chains of clicks with gaps <= 30 s; the chain's last click survives).
#include "UsageStoreContract.h"

namespace statshost::test {

using usage::DoubleClickMode;

namespace {

const DoubleClickMode kChains = DoubleClickMode::Counter30s;

/// The chain start stored with the survivor of `recid`'s stream at `ts`.
std::int64_t chainFirst(storage::Database& db, const std::string& recid, std::int64_t ts) {
    return scalar(db, "SELECT chain_first_us FROM usage_events WHERE record_id = $1 AND ts_us = $2", {recid, ts});
}

std::vector<std::int64_t> storedTimes(storage::Database& db, const std::string& recid) {
    std::vector<std::int64_t> times;
    for (const UsageEvent& e : storedEvents(db))
        if (e.recordId == recid) times.push_back(e.timestampMicros);
    return times;
}

}  // namespace

void UsageStoreContract::testChainGaps() {
    if (!ready()) return;
    const std::int64_t t = at(0, 10, 0, 0);
    struct Case {
        std::string recid;
        std::int64_t gap;
        std::size_t rows;
    };
    const std::vector<Case> cases = {{"exactly30", 30 * kSecond, 1},
                                     {"over30", 30 * kSecond + 1, 2},
                                     {"gap31", 31 * kSecond, 2},
                                     {"gap29", 29 * kSecond, 1}};
    for (bool oneBatch : {true, false}) {
        reset();
        for (const Case& c : cases) {
            std::vector<UsageEvent> events = {view(c.recid, "v", t), view(c.recid, "v", t + c.gap)};
            if (oneBatch) {
                store(events, kChains);
            } else {
                store({events[1]}, kChains);  // the later one first: the earlier joins from before
                store({events[0]}, kChains);
            }
            CPPUNIT_ASSERT_EQUAL_MESSAGE(c.recid, c.rows, storedTimes(db(), c.recid).size());
            CPPUNIT_ASSERT_EQUAL_MESSAGE(c.recid, t + c.gap, storedTimes(db(), c.recid).back());
            if (c.rows == 1) CPPUNIT_ASSERT_EQUAL_MESSAGE(c.recid, t, chainFirst(db(), c.recid, t + c.gap));
        }
    }
}

void UsageStoreContract::testChainSurvivorIsLast() {
    if (!ready()) return;
    const std::int64_t t = at(0, 10, 0, 0);
    // A sliding window: 0, 20, ..., 80 s is one chain although it spans 80 s.
    std::vector<UsageEvent> clicks;
    for (int s = 0; s <= 80; s += 20) {
        UsageEvent e = view("a", "v", t + s * kSecond);
        e.referrerHost = "at" + std::to_string(s) + ".org";
        clicks.push_back(e);
    }
    usage::IngestCounters counters = store(clicks, kChains);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, counters.stored);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{4}, counters.suppressed);
    std::vector<UsageEvent> rows = storedEvents(db());
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, rows.size());
    CPPUNIT_ASSERT_EQUAL(describe(clicks.back()), describe(rows[0]));
    CPPUNIT_ASSERT_EQUAL(t, chainFirst(db(), "a", t + 80 * kSecond));

    // Inside the chain: suppressed, nothing changes.
    counters = store({view("a", "v", t + 50 * kSecond)}, kChains);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{0}, counters.stored);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, counters.suppressed);
    CPPUNIT_ASSERT(storedTimes(db(), "a") == std::vector<std::int64_t>{t + 80 * kSecond});
    // A tie with the survivor: the later ingested takes over.
    UsageEvent tie = view("a", "v", t + 80 * kSecond);
    tie.referrerHost = "tie.org";
    counters = store({tie}, kChains);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, counters.replaced);
    CPPUNIT_ASSERT_EQUAL(std::string("tie.org"), storedEvents(db())[0].referrerHost);
    CPPUNIT_ASSERT_EQUAL(t, chainFirst(db(), "a", t + 80 * kSecond));
    // After the end: the new last click.
    counters = store({view("a", "v", t + 110 * kSecond)}, kChains);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, counters.replaced);
    CPPUNIT_ASSERT(storedTimes(db(), "a") == std::vector<std::int64_t>{t + 110 * kSecond});
    CPPUNIT_ASSERT_EQUAL(t, chainFirst(db(), "a", t + 110 * kSecond));
    // Before the start: the chain grows backwards, the survivor stays.
    counters = store({view("a", "v", t - 30 * kSecond)}, kChains);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, counters.suppressed);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{0}, counters.replaced);
    CPPUNIT_ASSERT(storedTimes(db(), "a") == std::vector<std::int64_t>{t + 110 * kSecond});
    CPPUNIT_ASSERT_EQUAL(t - 30 * kSecond, chainFirst(db(), "a", t + 110 * kSecond));
    // ... so a click 30 s before that start joins too (it would not have joined the original chain).
    store({view("a", "v", t - 60 * kSecond)}, kChains);
    CPPUNIT_ASSERT(storedTimes(db(), "a") == std::vector<std::int64_t>{t + 110 * kSecond});
    CPPUNIT_ASSERT_EQUAL(t - 60 * kSecond, chainFirst(db(), "a", t + 110 * kSecond));
}

void UsageStoreContract::testChainBridge() {
    if (!ready()) return;
    const std::int64_t t = at(0, 10, 0, 0);
    auto at_ = [&](int s) { return t + s * kSecond; };
    // Two chains, [0, 10] and [50, 60] (gap 40).
    store({view("a", "v", at_(0)), view("a", "v", at_(10)), view("a", "v", at_(50)), view("a", "v", at_(60))}, kChains);
    CPPUNIT_ASSERT(storedTimes(db(), "a") == (std::vector<std::int64_t>{at_(10), at_(60)}));
    // A late click at 30 bridges them: one chain [0, 60], the survivor at 60 stays, the one at 10 goes.
    usage::IngestCounters counters = store({view("a", "v", at_(30))}, kChains);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{0}, counters.stored);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, counters.replaced);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, counters.suppressed);
    CPPUNIT_ASSERT(storedTimes(db(), "a") == std::vector<std::int64_t>{at_(60)});
    CPPUNIT_ASSERT_EQUAL(at_(0), chainFirst(db(), "a", at_(60)));

    // Three chains [200], [240], [280] bridged by one batch of two clicks (220, 260); a later click (300)
    // in the same batch also ends the merged chain.
    store({view("b", "v", at_(200)), view("b", "v", at_(240)), view("b", "v", at_(280))}, kChains);
    CPPUNIT_ASSERT_EQUAL(std::size_t{3}, storedTimes(db(), "b").size());
    counters = store({view("b", "v", at_(260)), view("b", "v", at_(300)), view("b", "v", at_(220))}, kChains);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, counters.stored);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{3}, counters.replaced);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{2}, counters.suppressed);
    CPPUNIT_ASSERT(storedTimes(db(), "b") == std::vector<std::int64_t>{at_(300)});
    CPPUNIT_ASSERT_EQUAL(at_(200), chainFirst(db(), "b", at_(300)));

    std::vector<UsageEvent> offered;
    for (int s : {0, 10, 50, 60, 30}) offered.push_back(view("a", "v", at_(s)));
    for (int s : {200, 240, 280, 260, 300, 220}) offered.push_back(view("b", "v", at_(s)));
    checkCountersMatchRows(offered);
}

void UsageStoreContract::testChainLateJoins() {
    if (!ready()) return;
    const std::int64_t t = at(3, 12, 0, 0);
    auto at_ = [&](int s) { return t + s * kSecond; };
    store({view("a", "v", at_(100))}, kChains);
    store({view("a", "v", at_(70))}, kChains);  // 30 s before: joins from before
    CPPUNIT_ASSERT(storedTimes(db(), "a") == std::vector<std::int64_t>{at_(100)});
    CPPUNIT_ASSERT_EQUAL(at_(70), chainFirst(db(), "a", at_(100)));
    store({view("a", "v", at_(131))}, kChains);  // 31 s after: a chain of its own
    CPPUNIT_ASSERT(storedTimes(db(), "a") == (std::vector<std::int64_t>{at_(100), at_(131)}));
    store({view("a", "v", at_(39))}, kChains);  // 31 s before the start: its own chain too
    CPPUNIT_ASSERT(storedTimes(db(), "a") == (std::vector<std::int64_t>{at_(39), at_(100), at_(131)}));
    usage::IngestCounters counters = store({view("a", "v", at_(115))}, kChains);  // bridges [70,100] and [131]
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, counters.replaced);
    CPPUNIT_ASSERT(storedTimes(db(), "a") == (std::vector<std::int64_t>{at_(39), at_(131)}));
    CPPUNIT_ASSERT_EQUAL(at_(70), chainFirst(db(), "a", at_(131)));
    counters = store({view("a", "v", at_(55))}, kChains);  // bridges [39] and [70,131]
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, counters.replaced);
    CPPUNIT_ASSERT(storedTimes(db(), "a") == std::vector<std::int64_t>{at_(131)});
    CPPUNIT_ASSERT_EQUAL(at_(39), chainFirst(db(), "a", at_(131)));
    std::vector<UsageEvent> offered;
    for (int s : {100, 70, 131, 39, 115, 55}) offered.push_back(view("a", "v", at_(s)));
    CPPUNIT_ASSERT(canonical(referenceSurvivors(offered, kChains)) == canonical(storedEvents(db())));
    checkCountersMatchRows(offered);
}

void UsageStoreContract::testChainBatchingAndOrder() {
    if (!ready()) return;
    // Six streams of ten clicks with gaps of 5..44 s: chains of varying length, some single clicks.
    std::vector<UsageEvent> events;
    std::vector<std::int64_t> offset(6, 0);
    for (int i = 0; i < 60; ++i) {
        const int k = i % 6, j = i / 6;
        offset[k] += (5 + (j * 17 + k * 7) % 40) * kSecond;
        UsageEvent e = view("r" + std::to_string(k % 2), "v" + std::to_string(k % 3), at(0, 9, 0, 0) + offset[k]);
        e.sessionId = "s" + std::to_string(i);
        events.push_back(e);
    }
    const std::vector<std::string> expected = canonical(referenceSurvivors(events, kChains));
    CPPUNIT_ASSERT(expected.size() < events.size() / 2 && expected.size() > 6);
    std::vector<UsageEvent> reversed(events.rbegin(), events.rend());
    for (std::size_t batch : {std::size_t{60}, std::size_t{1}, std::size_t{7}}) {
        for (const auto* input : {&events, &reversed}) {
            reset();
            storeInBatches(*input, batch, kChains);
            CPPUNIT_ASSERT_MESSAGE("batch " + std::to_string(batch), expected == canonical(storedEvents(db())));
            checkCountersMatchRows(*input);
        }
    }
}

}  // namespace statshost::test
