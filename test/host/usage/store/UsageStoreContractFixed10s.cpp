// Contract: fixed10s double clicks (epoch-aligned 10 s buckets, the latest survives, ties the later ingested).
#include <algorithm>

#include "UsageStoreContract.h"

namespace statshost::test {

using usage::DoubleClickMode;

void UsageStoreContract::testFixedSameBucket() {
    if (!ready()) return;
    UsageEvent first = view("a", "v1", at(0, 10, 0, 1));
    UsageEvent second = view("a", "v1", at(0, 10, 0, 8));
    second.country = "US";
    second.referrerHost = "later.org";
    usage::IngestCounters counters = store({first, second});
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, counters.stored);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, counters.suppressed);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{0}, counters.replaced);
    std::vector<UsageEvent> rows = storedEvents(db());
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, rows.size());
    CPPUNIT_ASSERT_EQUAL(describe(second), describe(rows[0]));  // the later one's fields

    // The earlier one arriving again later is still the loser; the later one again replaces.
    counters = store({first});
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{0}, counters.stored);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, counters.suppressed);
    UsageEvent third = view("a", "v1", at(0, 10, 0, 9, 500000));
    third.referrerHost = "third.org";
    third.country = "";
    counters = store({third});
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, counters.stored);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, counters.replaced);
    rows = storedEvents(db());
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, rows.size());
    CPPUNIT_ASSERT_EQUAL(describe(third), describe(rows[0]));
    checkCountersMatchRows({first, second, first, third});
}

void UsageStoreContract::testFixedBucketEdges() {
    if (!ready()) return;
    struct Case {
        int s1, s2;
        std::size_t rows;
    };
    // 10:00:09 / 10:00:11 straddle the bucket edge; :10 and :19 share one; 11 s apart never share.
    const std::vector<Case> cases = {{9, 11, 2}, {10, 19, 1}, {0, 11, 2}, {0, 9, 1}, {19, 20, 2}, {20, 29, 1}};
    for (bool oneBatch : {true, false}) {
        for (std::size_t k = 0; k < cases.size(); ++k) {
            const std::string visitor = "v" + std::to_string(k) + (oneBatch ? "a" : "b");
            std::vector<UsageEvent> events = {view("a", visitor, at(0, 10, 0, cases[k].s1)),
                                              view("a", visitor, at(0, 10, 0, cases[k].s2))};
            if (oneBatch) {
                store(events);
            } else {
                store({events[0]});
                store({events[1]});
            }
            std::size_t rows = 0;
            for (const UsageEvent& e : storedEvents(db())) rows += e.visitorId == visitor ? 1 : 0;
            CPPUNIT_ASSERT_EQUAL_MESSAGE(std::to_string(cases[k].s1) + "/" + std::to_string(cases[k].s2), cases[k].rows,
                                         rows);
        }
    }
    // The survivor of a shared bucket is the later click (:19), wherever it was ingested.
    for (const UsageEvent& e : storedEvents(db()))
        if (e.visitorId == "v1a" || e.visitorId == "v1b") CPPUNIT_ASSERT_EQUAL(at(0, 10, 0, 19), e.timestampMicros);
    // Midnight is a bucket edge too.
    store({view("m", "v", at(0, 23, 59, 59, 999999)), view("m", "v", at(1, 0, 0, 0))});
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, scalar(db(), "SELECT count(*) FROM usage_events WHERE record_id = 'm'"));
}

void UsageStoreContract::testFixedTiesLaterIngestedWins() {
    if (!ready()) return;
    const std::int64_t ts = at(0, 10, 0, 5);
    UsageEvent a = view("a", "v", ts), b = view("a", "v", ts), c = view("a", "v", ts);
    a.referrerHost = "first.org";
    b.referrerHost = "second.org";
    c.referrerHost = "third.org";
    // In one batch: the last of equal timestamps.
    store({a, b});
    std::vector<UsageEvent> rows = storedEvents(db());
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, rows.size());
    CPPUNIT_ASSERT_EQUAL(std::string("second.org"), rows[0].referrerHost);
    // A later batch's tie replaces the stored survivor.
    usage::IngestCounters counters = store({c});
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, counters.replaced);
    rows = storedEvents(db());
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, rows.size());
    CPPUNIT_ASSERT_EQUAL(std::string("third.org"), rows[0].referrerHost);
    // ... and a re-sent first one, being ingested last now, wins again.
    store({a});
    CPPUNIT_ASSERT_EQUAL(std::string("first.org"), storedEvents(db())[0].referrerHost);
    checkCountersMatchRows({a, b, c, a});
}

void UsageStoreContract::testFixedSharedFirstBucket() {
    if (!ready()) return;
    // Batches whose first bucket holds stored rows of other keys (live traffic: the previous batch's last
    // bucket), of the same key, and stored rows in a later bucket (out of order). PostgreSQL takes its
    // one-statement path (lock, read and counters together) only when none meets a winner's key; the
    // counters and survivors must be the same either way.
    struct Step {
        std::vector<UsageEvent> batch;
        std::uint64_t stored, replaced, suppressed;
    };
    const std::vector<Step> steps = {
        {{view("a", "v1", at(0, 10, 0, 1))}, 1, 0, 0},
        {{view("b", "v2", at(0, 10, 0, 5)), view("a", "v3", at(0, 10, 0, 15))}, 2, 0, 0},  // other keys in :00-:09
        {{view("b", "v2", at(0, 10, 0, 7))}, 1, 1, 0},                                      // same key, later
        {{view("c", "v9", at(0, 10, 0, 2))}, 1, 0, 0},
        {{view("c", "v9", at(0, 10, 0, 3)), view("d", "v1", at(0, 10, 0, 25))}, 2, 1, 0},
        {{view("e", "v5", at(0, 10, 0, 1)), view("a", "v3", at(0, 10, 0, 16))}, 2, 1, 0},  // stored in :10-:19
        {{view("b", "v2", at(0, 10, 0, 6)), view("f", "v6", at(0, 10, 0, 31))}, 1, 0, 1},  // earlier: a double click
    };
    std::vector<UsageEvent> offered;
    for (std::size_t k = 0; k < steps.size(); ++k) {
        const usage::IngestCounters counters = store(steps[k].batch);
        const std::string step = "step " + std::to_string(k);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(step, steps[k].stored, counters.stored);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(step, steps[k].replaced, counters.replaced);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(step, steps[k].suppressed, counters.suppressed);
        offered.insert(offered.end(), steps[k].batch.begin(), steps[k].batch.end());
    }
    CPPUNIT_ASSERT(canonical(referenceSurvivors(offered, DoubleClickMode::Fixed10s)) == canonical(storedEvents(db())));
    CPPUNIT_ASSERT_EQUAL(std::size_t{7}, storedEvents(db()).size());
    checkCountersMatchRows(offered);
}

void UsageStoreContract::testFixedLateEvents() {
    if (!ready()) return;
    // Live traffic on day 5, then a late batch back-dated into day 2 and into the live buckets.
    std::vector<UsageEvent> live = {view("a", "v1", at(5, 8, 0, 3)), view("b", "v1", at(5, 8, 0, 4)),
                                    download("a", "f1", "v2", at(5, 8, 0, 5))};
    store(live);
    UsageEvent lateEarlier = view("a", "v1", at(5, 8, 0, 1));  // same bucket, earlier: suppressed
    UsageEvent lateLater = view("b", "v1", at(5, 8, 0, 9));    // same bucket, later: replaces
    lateLater.country = "";
    UsageEvent backDated = download("a", "f1", "v2", at(2, 8, 0, 5));  // other day: independent
    usage::IngestCounters counters = store({lateEarlier, lateLater, backDated});
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{2}, counters.stored);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, counters.replaced);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, counters.suppressed);
    std::vector<UsageEvent> all = live;
    all.insert(all.end(), {lateEarlier, lateLater, backDated});
    CPPUNIT_ASSERT(canonical(referenceSurvivors(all, DoubleClickMode::Fixed10s)) == canonical(storedEvents(db())));
    CPPUNIT_ASSERT_EQUAL(std::size_t{4}, storedEvents(db()).size());
    checkCountersMatchRows(all);
}

void UsageStoreContract::testFixedBatchingAndOrder() {
    if (!ready()) return;
    // Distinct timestamps, so the survivors do not depend on ingestion order at all.
    std::vector<UsageEvent> events;
    for (int i = 0; i < 60; ++i) {
        UsageEvent e = view("r" + std::to_string(i % 3), "v" + std::to_string(i % 2), at(0, 9, 0, i / 2, i * 1000));
        e.sessionId = "s" + std::to_string(i);
        events.push_back(e);
    }
    const std::vector<std::string> expected = canonical(referenceSurvivors(events, DoubleClickMode::Fixed10s));
    CPPUNIT_ASSERT(expected.size() < events.size() && expected.size() > 6);
    std::vector<UsageEvent> reversed(events.rbegin(), events.rend());
    for (std::size_t batch : {std::size_t{60}, std::size_t{1}, std::size_t{7}}) {
        for (const auto* input : {&events, &reversed}) {
            reset();
            storeInBatches(*input, batch, DoubleClickMode::Fixed10s);
            CPPUNIT_ASSERT_MESSAGE("batch " + std::to_string(batch), expected == canonical(storedEvents(db())));
            checkCountersMatchRows(*input);
        }
    }
}

void UsageStoreContract::testStreamsIndependent() {
    if (!ready()) return;
    for (DoubleClickMode mode : {DoubleClickMode::Fixed10s, DoubleClickMode::Counter30s}) {
        reset();
        const std::int64_t ts = at(0, 12, 0, 1);
        std::vector<UsageEvent> events = {
            view("a", "v1", ts),
            view("b", "v1", ts + kSecond),            // other record
            view("a", "v2", ts + kSecond),            // other visitor
            download("a", "f1", "v1", ts + kSecond),  // other type (and unique id)
            download("a", "f2", "v1", ts + kSecond),  // other file
        };
        UsageEvent sameIdOtherType = download("a", "x", "v1", ts + 2 * kSecond);
        sameIdOtherType.uniqueId = "ui_a";  // the view's unique id, as a download: still another stream
        events.push_back(sameIdOtherType);
        usage::IngestCounters counters = store(events, mode);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t{6}, counters.stored);
        CPPUNIT_ASSERT_EQUAL(std::size_t{6}, storedEvents(db()).size());
        // A real double click of each stream collapses only that stream.
        std::vector<UsageEvent> again;
        for (UsageEvent e : events) {
            e.timestampMicros += 3 * kSecond;
            again.push_back(e);
        }
        counters = store(again, mode);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t{6}, counters.replaced);
        std::vector<UsageEvent> rows = storedEvents(db());
        CPPUNIT_ASSERT_EQUAL(std::size_t{6}, rows.size());
        for (const UsageEvent& e : rows) CPPUNIT_ASSERT(e.timestampMicros >= ts + 3 * kSecond);
    }
}

}  // namespace statshost::test
