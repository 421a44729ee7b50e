// Contract: scans (order, keyset paging, ranges), the status counters and concurrent ingestion.
#include <algorithm>
#include <cstdio>
#include <numeric>
#include <thread>
#include <tuple>

#include "UsageStoreContract.h"
#include "usage/store/IngestWriter.h"

namespace statshost::test {

using usage::DoubleClickMode;
using usage::UsageStore;

namespace {

std::string padded(std::size_t i) {
    char text[16];
    std::snprintf(text, sizeof text, "%06zu", i);
    return text;
}

}  // namespace

void UsageStoreContract::testScanOrderAndPaging() {
    if (!ready()) return;
    // 2600 events, every one its own stream: 300 on day 0 over a few seconds, 1500 on day 1 all at the same
    // instant (a tie group longer than a page), 800 on day 2; ingested in a shuffled order.
    std::vector<UsageEvent> events;
    for (std::size_t i = 0; i < 2600; ++i) {
        std::int64_t ts = i < 300    ? at(0, 8, 0, static_cast<int>(i % 7))
                          : i < 1800 ? at(1, 12, 0, 0)
                                     : at(2, 0, 0, static_cast<int>(i % 50));
        UsageEvent e = view("r" + std::to_string(i % 13), "v" + padded(i), ts);
        e.sessionId = padded(i);
        events.push_back(e);
    }
    std::vector<std::size_t> order(events.size());
    std::iota(order.begin(), order.end(), 0);
    std::mt19937_64 rng(7);
    std::shuffle(order.begin(), order.end(), rng);
    std::vector<UsageEvent> ingested;
    for (std::size_t i : order) ingested.push_back(events[i]);
    storeInBatches(ingested, 700, DoubleClickMode::Fixed10s);

    // Expected: (day, ts, ingestion position).
    std::vector<std::size_t> position(events.size());
    for (std::size_t k = 0; k < order.size(); ++k) position[order[k]] = k;
    std::vector<std::size_t> expected(events.size());
    std::iota(expected.begin(), expected.end(), 0);
    std::sort(expected.begin(), expected.end(), [&](std::size_t a, std::size_t b) {
        return std::make_tuple(events[a].day, events[a].timestampMicros, position[a]) <
               std::make_tuple(events[b].day, events[b].timestampMicros, position[b]);
    });
    std::vector<std::string> scanned;
    std::int64_t countInVisit = -1;
    UsageStore::scanDays(db(), kDay2024, kDay2024 + 2, [&](const UsageEvent& e) {
        if (countInVisit < 0) countInVisit = rowCount(db(), "usage_events");  // visit may use the database
        scanned.push_back(e.sessionId);
    });
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2600}, countInVisit);
    CPPUNIT_ASSERT_EQUAL(expected.size(), scanned.size());
    for (std::size_t k = 0; k < expected.size(); ++k)
        CPPUNIT_ASSERT_EQUAL_MESSAGE("position " + std::to_string(k), padded(expected[k]), scanned[k]);
    // Full events come back.
    std::vector<UsageEvent> all = storedEvents(db());
    CPPUNIT_ASSERT(canonical(all) == canonical(events));
}

void UsageStoreContract::testScanRange() {
    if (!ready()) return;
    std::vector<UsageEvent> events;
    for (int d = 0; d < 10; ++d)
        for (int k = 0; k < 3; ++k) events.push_back(download("r", "f" + std::to_string(k), "v", at(d, 10, k, 0)));
    events.push_back(view("r", "v", at(400, 10, 0, 0)));  // another year (another partition)
    store(events);
    auto scan = [&](std::int64_t from, std::int64_t to) {
        std::vector<std::int64_t> seen;
        UsageStore::scanDays(db(), from, to, [&](const UsageEvent& e) { seen.push_back(e.day); });
        return seen;
    };
    std::vector<std::int64_t> mid = scan(kDay2024 + 3, kDay2024 + 5);
    CPPUNIT_ASSERT_EQUAL(std::size_t{9}, mid.size());
    CPPUNIT_ASSERT_EQUAL(kDay2024 + 3, mid.front());
    CPPUNIT_ASSERT_EQUAL(kDay2024 + 5, mid.back());
    CPPUNIT_ASSERT_EQUAL(std::size_t{3}, scan(kDay2024 + 9, kDay2024 + 9).size());
    CPPUNIT_ASSERT(scan(kDay2024 + 5, kDay2024 + 4).empty());
    CPPUNIT_ASSERT(scan(kDay2024 + 10, kDay2024 + 399).empty());
    std::vector<std::int64_t> both = scan(kDay2024 + 9, kDay2024 + 400);
    CPPUNIT_ASSERT_EQUAL(std::size_t{4}, both.size());
    CPPUNIT_ASSERT_EQUAL(kDay2024 + 400, both.back());
    // Download fields round-trip.
    UsageEvent first;
    UsageStore::scanDays(db(), kDay2024, kDay2024, [&](const UsageEvent& e) {
        if (first.recordId.empty()) first = e;
    });
    CPPUNIT_ASSERT_EQUAL(describe(events[0]), describe(first));
}

void UsageStoreContract::testStatusCounters() {
    if (!ready()) return;
    UsageEvent noCountry = view("a", "v2", at(0, 10, 0, 0));
    noCountry.country = "";
    store({view("a", "v1", at(0, 10, 0, 1)), view("a", "v1", at(0, 10, 0, 2)), noCountry,
           download("a", "f", "v1", at(40, 10, 0, 0))});  // 2024-01 and 2024-02
    db().withConnection([](storage::Connection& c) {
        UsageStore::countDropped(c, "2024-01", EventType::View, usage::DropReason::Robot, 5);
        UsageStore::countDropped(c, "2024-01", EventType::View, usage::DropReason::ApiView, 2);
        UsageStore::countDropped(c, "2024-01", EventType::View, usage::DropReason::Robot, 1);
        UsageStore::countDropped(c, "2023-12", EventType::Download, usage::DropReason::Robot, 3);
        UsageStore::countDropped(c, "2023-12", EventType::Download, usage::DropReason::Robot, 0);
    });
    bool thrown = false;
    try {
        db().withConnection([](storage::Connection& c) {
            UsageStore::countDropped(c, "2024-01", EventType::Download, usage::DropReason::ApiView, 1);
        });
    } catch (const std::invalid_argument&) {
        thrown = true;
    }
    CPPUNIT_ASSERT(thrown);
    std::vector<usage::MonthCounters> months = UsageStore::status(db());
    CPPUNIT_ASSERT_EQUAL(std::size_t{3}, months.size());
    CPPUNIT_ASSERT_EQUAL(std::string("2023-12"), months[0].month);
    CPPUNIT_ASSERT(months[0].type == EventType::Download);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{3}, months[0].robots);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, months[0].stored);
    usage::MonthCounters jan = months[1];
    CPPUNIT_ASSERT_EQUAL(std::string("2024-01"), jan.month);
    CPPUNIT_ASSERT(jan.type == EventType::View);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, jan.stored);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{6}, jan.robots);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, jan.apiViews);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, jan.doubleClicks);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, jan.noCountry);
    CPPUNIT_ASSERT_EQUAL(std::string("2024-02"), months[2].month);
    CPPUNIT_ASSERT(months[2].type == EventType::Download);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, months[2].stored);
    // A replacement by a survivor with a country leaves one row without: noCountry follows the rows.
    UsageEvent replacing = noCountry;
    replacing.timestampMicros += 5 * kSecond;
    replacing.country = "FR";
    store({replacing});
    jan = UsageStore::status(db())[1];
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, jan.stored);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, jan.noCountry);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, jan.doubleClicks);
}

void UsageStoreContract::testConcurrentStores() {
    if (!ready()) return;
    // Four writers (separate "processes") ingest interleaved batches of the same streams. Timestamps are
    // distinct, so the survivors do not depend on which writer commits first. Each writer stores either in
    // pooled transactions or, like the server on SQLite, on its own IngestWriter (one dedicated connection
    // taken in turns).
    for (bool dedicated : {false, true})
        for (DoubleClickMode mode : {DoubleClickMode::Fixed10s, DoubleClickMode::Counter30s}) {
            reset();
            const int writers = 4, batches = dedicated ? 12 : 6, perBatch = 25;
            std::vector<UsageEvent> all;
            std::vector<std::vector<std::vector<UsageEvent>>> work(writers);
            std::mt19937_64 rng(99);
            for (int w = 0; w < writers; ++w)
                for (int b = 0; b < batches; ++b) {
                    std::vector<UsageEvent> batch;
                    for (int k = 0; k < perBatch; ++k) {
                        std::int64_t n = static_cast<std::int64_t>(all.size());
                        UsageEvent e = view("r" + std::to_string(rng() % 3), "v" + std::to_string(rng() % 2),
                                            at(0, 10, 0, 0) + static_cast<std::int64_t>(rng() % 600) * kSecond + n);
                        e.sessionId = "s" + std::to_string(n);
                        batch.push_back(e);
                        all.push_back(e);
                    }
                    work[w].push_back(batch);
                }
            std::vector<std::unique_ptr<storage::Storage>> stores;
            std::vector<std::unique_ptr<usage::IngestWriter>> ingestWriters;
            for (int w = 0; w < writers; ++w) {
                stores.push_back(_backend->open());
                ingestWriters.push_back(std::make_unique<usage::IngestWriter>(stores.back()->database()));
            }
            std::vector<std::string> errors(writers);
            std::vector<std::thread> threads;
            for (int w = 0; w < writers; ++w)
                threads.emplace_back([&, w] {
                    try {
                        for (int b = 0; b < batches; ++b) {
                            auto body = [&](storage::Connection& c) {
                                UsageStore(mode).store(c, work[w][b], 100 + w * batches + b);
                            };
                            if (dedicated)
                                ingestWriters[w]->transaction(body);
                            else
                                stores[w]->database().transaction(body);
                        }
                    } catch (const std::exception& e) {
                        errors[w] = e.what();
                    }
                });
            for (auto& thread : threads) thread.join();
            ingestWriters.clear();
            for (const std::string& error : errors) CPPUNIT_ASSERT_EQUAL(std::string(), error);
            CPPUNIT_ASSERT(canonical(referenceSurvivors(all, mode)) == canonical(storedEvents(db())));
            checkCountersMatchRows(all);
        }
}

/// One IngestWriter (one dedicated connection for every transaction) over many batches of one year, then
/// batches of the next year, whose partition the first of them creates, with double clicks inside and
/// across batches.
void UsageStoreContract::testDedicatedWriterNewYear() {
    if (!ready()) return;
    for (DoubleClickMode mode : {DoubleClickMode::Fixed10s, DoubleClickMode::Counter30s}) {
        reset();
        std::vector<UsageEvent> all;
        std::mt19937_64 rng(5);
        std::int64_t changeSeq = 200;
        {
            usage::IngestWriter writer(db());
            for (int day : {365, 366})  // 2024-12-31, 2025-01-01
                for (int b = 0; b < 8; ++b) {
                    std::vector<UsageEvent> batch;
                    for (int k = 0; k < 20; ++k) {
                        std::int64_t n = static_cast<std::int64_t>(all.size());
                        UsageEvent e = view("r" + std::to_string(rng() % 3), "v" + std::to_string(rng() % 2),
                                            at(day, 10, b, 0) + static_cast<std::int64_t>(rng() % 90) * kSecond + n);
                        e.sessionId = "s" + std::to_string(n);
                        batch.push_back(e);
                        all.push_back(e);
                    }
                    writer.transaction([&](storage::Connection& c) { UsageStore(mode).store(c, batch, ++changeSeq); });
                }
        }
        CPPUNIT_ASSERT(canonical(referenceSurvivors(all, mode)) == canonical(storedEvents(db())));
        checkCountersMatchRows(all);
    }
}

}  // namespace statshost::test
