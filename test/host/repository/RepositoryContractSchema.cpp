// Contract: the fixture, schema creation, rollback, concurrent writers and query plans.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "RepositoryContract.h"
#include "repository/RepositorySql.h"
#include "statshost/Errors.h"

namespace statshost::test {

using repository::RepositoryTx;

namespace {

const char* const kTableList =
    "('repo_communities', 'repo_parents', 'repo_parent_communities', 'repo_records', 'repo_record_files', "
    "'repo_record_facets', 'stats_community_events', 'repo_change_counter')";
const char* const kIndexList =
    "('repo_communities_change', 'repo_parents_change', 'repo_parent_communities_community', "
    "'repo_parent_communities_change', 'repo_records_parent', 'repo_records_created', 'repo_records_change', "
    "'repo_record_facets_value', 'stats_community_events_latest', 'stats_community_events_record', "
    "'stats_community_events_community', 'stats_community_events_date', 'stats_community_events_change')";

std::int64_t tableCount(storage::Storage& store) {
    if (store.backend() == "sqlite")
        return scalar(store.database(),
                      std::string("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ") + kTableList);
    return scalar(store.database(), std::string("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() "
                                                "AND tablename IN ") + kTableList);
}

std::int64_t indexCount(storage::Storage& store) {
    if (store.backend() == "sqlite")
        return scalar(store.database(),
                      std::string("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN ") + kIndexList);
    return scalar(store.database(), std::string("SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() "
                                                "AND indexname IN ") + kIndexList);
}

std::int64_t rows(storage::Database& db, const std::string& table) {
    return scalar(db, "SELECT count(*) FROM " + table);
}

/// Writes one row into every table.
void writeOneOfEach(RepositoryTx& r, const std::string& suffix) {
    r.putCommunity(makeCommunity("c-" + suffix, "slug-" + suffix));
    r.insertRecord(makeRecord("rec-" + suffix, "par-" + suffix, dayMicros(3)));
    r.setCommunitiesOf("par-" + suffix, {"c-" + suffix});
    r.append(makeEvent("rec-" + suffix, "c-" + suffix, "added", dayMicros(4)));
}

}  // namespace

void RepositoryContract::setUp() {
    _backend = makeBackend();
    if (!_backend->available()) return;
    _store = _backend->open();
    repository::createSchema(_store->database());
}

void RepositoryContract::tearDown() {
    _store.reset();
    _backend.reset();
}

void RepositoryContract::tx(const std::function<void(RepositoryTx&)>& body) { tx(*_store, body); }

void RepositoryContract::tx(storage::Storage& store, const std::function<void(RepositoryTx&)>& body) {
    store.database().transaction([&](storage::Connection& c) {
        RepositoryTx r(c, _clock);
        body(r);
    });
}

std::int64_t RepositoryContract::counter() { return scalar(db(), "SELECT value FROM repo_change_counter"); }

void RepositoryContract::testSchemaIdempotent() {
    if (!ready()) return;
    CPPUNIT_ASSERT_EQUAL(std::int64_t{8}, tableCount(*_store));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{13}, indexCount(*_store));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, counter());
    repository::createSchema(db());  // again on the empty schema
    tx([](RepositoryTx& r) { writeOneOfEach(r, "a"); });
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, counter());

    repository::createSchema(db());  // again while data exists: nothing is lost or reset
    CPPUNIT_ASSERT_EQUAL(std::int64_t{8}, tableCount(*_store));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{13}, indexCount(*_store));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, counter());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, rows(db(), "repo_change_counter"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, rows(db(), "repo_records"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, rows(db(), "repo_record_files"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{3}, rows(db(), "repo_record_facets"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, rows(db(), "stats_community_events"));
    tx([](RepositoryTx& r) {
        CPPUNIT_ASSERT(r.community("c-a"));
        CPPUNIT_ASSERT(r.recordRow("rec-a"));
        CPPUNIT_ASSERT_EQUAL(std::size_t{1}, r.communitiesOf("par-a").size());
        writeOneOfEach(r, "b");
        CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, r.changeSeq());
    });

    repository::dropSchema(db());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, tableCount(*_store));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, indexCount(*_store));
    repository::dropSchema(db());  // idempotent too
    repository::createSchema(db());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{8}, tableCount(*_store));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, rows(db(), "repo_records"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, counter());
}

void RepositoryContract::testSchemaRace() {
    if (!ready()) return;
    repository::dropSchema(db());
    const int racers = 4;
    auto errors = raceOnSeparateStores(*_backend, racers, [](int, storage::Storage& store) {
        repository::createSchema(store.database());
    });
    for (const std::string& error : errors) CPPUNIT_ASSERT_EQUAL(std::string(), error);
    CPPUNIT_ASSERT_EQUAL(std::int64_t{8}, tableCount(*_store));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{13}, indexCount(*_store));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, rows(db(), "repo_change_counter"));
    tx([](RepositoryTx& r) { CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, r.changeSeq()); });
}

void RepositoryContract::testRollbackLeavesNothing() {
    if (!ready()) return;
    tx([](RepositoryTx& r) { r.putCommunity(makeCommunity("c-kept", "kept")); });
    const std::int64_t before = counter();
    bool thrown = false;
    try {
        tx([&](RepositoryTx& r) {
            writeOneOfEach(r, "gone");
            r.putCommunity(makeCommunity("c-kept", "kept-renamed"));
            r.append(makeEvent("rec-gone", "global", "added", dayMicros(5)));
            CPPUNIT_ASSERT_EQUAL(std::uint64_t{2}, r.setDeleted("rec-gone", true, dayMicros(6)));
            CPPUNIT_ASSERT(r.recordRow("rec-gone"));  // visible inside the transaction
            throw std::runtime_error("service failed");
        });
    } catch (const std::runtime_error& e) {
        thrown = std::string(e.what()) == "service failed";
    }
    CPPUNIT_ASSERT(thrown);
    for (const char* table : {"repo_records", "repo_record_files", "repo_record_facets", "repo_parents",
                              "repo_parent_communities", "stats_community_events"})
        CPPUNIT_ASSERT_EQUAL_MESSAGE(table, std::int64_t{0}, rows(db(), table));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, rows(db(), "repo_communities"));
    CPPUNIT_ASSERT_EQUAL(before, counter());
    tx([](RepositoryTx& r) {
        CPPUNIT_ASSERT_EQUAL(std::string("kept"), r.community("c-kept")->slug);
        CPPUNIT_ASSERT(!r.communityBySlug("slug-gone"));
    });
}

void RepositoryContract::testConcurrentWriters() {
    if (!ready()) return;
    auto storeA = _backend->open();
    auto storeB = _backend->open();
    std::mutex mutex;
    std::condition_variable changed;
    bool aHasSeq = false, aMayCommit = false, bDone = false;
    std::int64_t seqA = 0, seqB = 0;
    std::string errorA, errorB;

    std::thread a([&] {
        try {
            tx(*storeA, [&](RepositoryTx& r) {
                r.append(makeEvent("rec-a", "global", "added", dayMicros(1)));
                seqA = r.changeSeq();
                std::unique_lock<std::mutex> lock(mutex);
                aHasSeq = true;
                changed.notify_all();
                changed.wait(lock, [&] { return aMayCommit; });
            });
        } catch (const std::exception& e) {
            errorA = e.what();
        }
    });
    {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return aHasSeq; });
    }
    std::thread b([&] {
        try {
            tx(*storeB, [&](RepositoryTx& r) {
                r.append(makeEvent("rec-b", "global", "added", dayMicros(1)));
                seqB = r.changeSeq();
            });
        } catch (const std::exception& e) {
            errorB = e.what();
        }
        std::lock_guard<std::mutex> lock(mutex);
        bDone = true;
        changed.notify_all();
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    {
        std::lock_guard<std::mutex> lock(mutex);
        CPPUNIT_ASSERT_MESSAGE("B must wait for A's change number to commit", !bDone);
        aMayCommit = true;
    }
    changed.notify_all();
    a.join();
    b.join();
    CPPUNIT_ASSERT_EQUAL(std::string(), errorA);
    CPPUNIT_ASSERT_EQUAL(std::string(), errorB);
    CPPUNIT_ASSERT(seqA > 0);
    CPPUNIT_ASSERT(seqB > seqA);
    CPPUNIT_ASSERT_EQUAL(seqA, scalar(db(), "SELECT change_seq FROM stats_community_events WHERE record_id = 'rec-a'"));
    CPPUNIT_ASSERT_EQUAL(seqB, scalar(db(), "SELECT change_seq FROM stats_community_events WHERE record_id = 'rec-b'"));

    // Many writers at once: every transaction gets its own number, increasing within each writer.
    const int writers = 4, each = 20;
    std::vector<std::vector<std::int64_t>> seqs(writers);
    std::vector<std::string> errors(writers);
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w)
        threads.emplace_back([&, w] {
            auto store = _backend->open(storage::StorageOptions{1, 30000});
            try {
                for (int i = 0; i < each; ++i)
                    tx(*store, [&](RepositoryTx& r) {
                        r.append(makeEvent("w" + std::to_string(w), "global", "added", dayMicros(i)));
                        seqs[w].push_back(r.changeSeq());
                    });
            } catch (const std::exception& e) {
                errors[w] = e.what();
            }
        });
    for (auto& thread : threads) thread.join();
    std::set<std::int64_t> distinct;
    for (int w = 0; w < writers; ++w) {
        CPPUNIT_ASSERT_EQUAL(std::string(), errors[w]);
        CPPUNIT_ASSERT_EQUAL(std::size_t(each), seqs[w].size());
        for (std::size_t i = 1; i < seqs[w].size(); ++i) CPPUNIT_ASSERT(seqs[w][i] > seqs[w][i - 1]);
        distinct.insert(seqs[w].begin(), seqs[w].end());
    }
    CPPUNIT_ASSERT_EQUAL(std::size_t(writers * each), distinct.size());
    CPPUNIT_ASSERT(*distinct.begin() > seqB);
    CPPUNIT_ASSERT_EQUAL(*distinct.rbegin(), counter());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{writers * each},
                         scalar(db(), "SELECT count(DISTINCT change_seq) FROM stats_community_events "
                                      "WHERE record_id LIKE 'w%'"));
}

void RepositoryContract::testQueryPlans() {
    if (!ready()) return;
    using storage::Dialect;
    const Dialect dialect = db().dialect();
    namespace sql = repository::sql;
    CommunityEvent lastEvent = makeEvent("r", "c", "added", dayMicros(1));
    lastEvent.seq = 7;
    repository::RecordRow lastRecord = bareRecord("r", "p", dayMicros(1));

    struct Case {
        std::string name, text, index;
        storage::SqlParams params;
        bool ordered;  ///< the index must deliver the order (no sort)
    };
    std::vector<Case> cases;
    cases.push_back({"latest", sql::kLatestEventSql, "stats_community_events_latest", {std::string("r"), std::string("c")}, true});
    cases.push_back({"eventsOf", sql::kEventsOfSql, "stats_community_events_record", {std::string("r")}, true});
    for (const std::string& community : {std::string("c"), std::string()})
        for (const CommunityEvent* last : std::vector<const CommunityEvent*>{nullptr, &lastEvent}) {
            sql::Params params;
            std::string text = sql::eventPageSql(dialect, params, community, last);
            cases.push_back({"event page " + community + (last ? " after" : ""), text,
                             community.empty() ? "stats_community_events_date" : "stats_community_events_community",
                             params.values(), true});
        }
    for (bool range : {false, true}) {
        sql::Params params;
        std::string text = sql::recordPageSql(dialect, params, range ? dayMicros(0) : 0, range ? dayMicros(9) : 0,
                                              &lastRecord);
        cases.push_back({std::string("record page") + (range ? " range" : ""), text, "repo_records_created",
                         params.values(), true});
    }

    db().transaction([&](storage::Connection& c) {
        if (dialect == Dialect::PostgreSQL) {
            // The tables are tiny here, so the planner would rightly prefer scans and sorts; switched off, they
            // still show up in the plan when no index can serve the query (or deliver its order).
            c.exec("SET LOCAL enable_seqscan = off");
            c.exec("SET LOCAL enable_bitmapscan = off");
            c.exec("SET LOCAL enable_sort = off");
        }
        for (const Case& test : cases) {
            std::string plan;
            c.query((dialect == Dialect::SQLite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + test.text, test.params,
                    [&](const storage::Row& row) { plan += row.getString(row.size() - 1) + "\n"; });
            const std::string message = test.name + ":\n" + plan;
            CPPUNIT_ASSERT_MESSAGE(message, contains(plan, test.index));
            if (dialect == Dialect::SQLite) {
                CPPUNIT_ASSERT_MESSAGE(message, !contains(plan, "SCAN stats_community_events\n"));
                CPPUNIT_ASSERT_MESSAGE(message, !contains(plan, "SCAN repo_records\n"));
            } else {
                CPPUNIT_ASSERT_MESSAGE(message, !contains(plan, "Seq Scan"));
                if (test.ordered) CPPUNIT_ASSERT_MESSAGE(message, !contains(plan, "Sort"));
            }
        }
    });
}

}  // namespace statshost::test
