// Contract: bookmarks, locks, concurrent writers, destroyIndices.
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "StorageContract.h"
#include "statshost/Errors.h"

namespace statshost::test {

namespace {

const std::string kAlias = "stats-test-state";

/// Relations (tables, views, partitions, indices) whose name starts with "idx_" in the test database.
std::int64_t indexRelations(storage::Storage& store) {
    if (store.backend() == "sqlite")
        return scalar(store.database(), "SELECT count(*) FROM sqlite_master WHERE name LIKE 'idx\\_%' ESCAPE '\\'");
    return scalar(store.database(),
                  "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                  "WHERE n.nspname = current_schema() AND c.relname LIKE 'idx\\_%'");
}

}  // namespace

void StorageContract::testBookmarks() {
    if (!ready()) return;
    CPPUNIT_ASSERT(!_store->bookmark("agg-a", "c1"));
    _store->setBookmark("agg-a", "c1", "2024-01-01");
    _store->setBookmark("agg-a", "c2", "2024-01-02");
    _store->setBookmark("agg-b", "c1", "2024-01-03");
    _store->setBookmark("agg-b", "c2", "2024-01-04");
    _store->setBookmark("agg-global", "", "2024-01-05");
    CPPUNIT_ASSERT(_store->bookmark("agg-a", "c2") == std::optional<std::string>("2024-01-02"));
    CPPUNIT_ASSERT(_store->bookmark("agg-global", "") == std::optional<std::string>("2024-01-05"));
    _store->setBookmark("agg-a", "c1", "2024-02-01T10:00:00");
    auto other = _backend->open();
    CPPUNIT_ASSERT(other->bookmark("agg-a", "c1") == std::optional<std::string>("2024-02-01T10:00:00"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{5}, scalar(_store->database(), "SELECT count(*) FROM statshost_bookmarks"));

    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, _store->clearBookmarks("agg-a", "c1"));
    CPPUNIT_ASSERT(!_store->bookmark("agg-a", "c1"));
    CPPUNIT_ASSERT(_store->bookmark("agg-a", "c2"));
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{2}, _store->clearBookmarks("", "c2"));
    CPPUNIT_ASSERT(!_store->bookmark("agg-b", "c2"));
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, _store->clearBookmarks("agg-b", ""));
    CPPUNIT_ASSERT(_store->bookmark("agg-global", ""));
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, _store->clearBookmarks("", ""));
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{0}, _store->clearBookmarks("", ""));
    CPPUNIT_ASSERT(contains(storageError([&] { _store->setBookmark("", "c1", "x"); }), "aggregation"));
}

void StorageContract::testBookmarksNamedAfter() {
    if (!ready()) return;
    for (const char* name : {"agg", "agg#dirty", "agg#seq", "aggx", "aggx#dirty", "ag", "x#agg", "Agg#dirty"})
        _store->setBookmark(name, "c1", std::string("v-") + name);
    _store->setBookmark("agg#dirty", "c2", "2024-01-02");
    _store->setBookmark("äg#dirty", "c1", "u");  // a prefix of characters, not bytes
    _store->setBookmark("äg", "*", "w");
    auto named = [&](const std::string& aggregation) {
        std::set<std::string> found;
        for (const storage::StoredBookmark& b : _store->bookmarksNamedAfter(aggregation))
            found.insert(b.aggregation + "|" + b.communityId + "|" + b.value);
        return found;
    };
    CPPUNIT_ASSERT((named("agg") == std::set<std::string>{"agg|c1|v-agg", "agg#dirty|c1|v-agg#dirty",
                                                          "agg#dirty|c2|2024-01-02", "agg#seq|c1|v-agg#seq"}));
    CPPUNIT_ASSERT((named("äg") == std::set<std::string>{"äg#dirty|c1|u", "äg|*|w"}));
    CPPUNIT_ASSERT((named("aggx#dirty") == std::set<std::string>{"aggx#dirty|c1|v-aggx#dirty"}));
    CPPUNIT_ASSERT(named("none").empty());
    CPPUNIT_ASSERT(contains(storageError([&] { _store->bookmarksNamedAfter(""); }), "aggregation"));
}

void StorageContract::testLockContention() {
    if (!ready()) return;
    const std::string name = uniqueName("lock");  // PostgreSQL advisory locks span the whole database
    auto other = _backend->open();  // another process, as far as locking goes
    auto held = _store->tryLock(name, 60);
    CPPUNIT_ASSERT(held);
    CPPUNIT_ASSERT_EQUAL(name, held->name());
    CPPUNIT_ASSERT(!other->tryLock(name, 60));
    CPPUNIT_ASSERT(!_store->tryLock(name, 60));
    auto unrelated = other->tryLock(name + "-other", 60);
    CPPUNIT_ASSERT(unrelated);
    auto& db = _store->database();
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, scalar(db, "SELECT count(*) FROM statshost_locks WHERE name = $1", {name}));

    held.reset();
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, scalar(db, "SELECT count(*) FROM statshost_locks WHERE name = $1", {name}));
    auto taken = other->tryLock(name, 60);
    CPPUNIT_ASSERT(taken);
    CPPUNIT_ASSERT(!_store->tryLock(name, 60));
    taken.reset();
    CPPUNIT_ASSERT(_store->tryLock(name, 60));

    CPPUNIT_ASSERT(!storageError([&] { _store->tryLock("", 10); }).empty());
    CPPUNIT_ASSERT(contains(storageError([&] { _store->tryLock(name, 0); }), "ttl"));
}

void StorageContract::testConcurrentYearCreation() {
    if (!ready()) return;
    registerAlias(kAlias);
    auto first = _backend->open();
    auto second = _backend->open();
    std::mutex mutex;
    std::vector<std::string> errors;
    const int rounds = 5, perWriter = 200;
    for (int round = 0; round < rounds; ++round) {
        const std::string day = std::to_string(2030 + round) + "-03-0" + std::to_string(round + 1);
        std::atomic<int> waiting{2};
        auto writer = [&](storage::Storage* store, const std::string& who) {
            std::vector<Document> docs;
            for (int i = 0; i < perWriter; ++i) docs.push_back(makeDoc(who + std::to_string(i), "c-" + who, day));
            --waiting;
            while (waiting > 0) std::this_thread::yield();  // start both upserts together
            try {
                store->upsert(kAlias, docs);
            } catch (const std::exception& e) {
                std::lock_guard<std::mutex> lock(mutex);
                errors.push_back(who + ": " + e.what());
            }
        };
        std::thread a(writer, first.get(), "a");
        std::thread b(writer, second.get(), "b");
        a.join();
        b.join();
    }
    CPPUNIT_ASSERT_MESSAGE(errors.empty() ? "" : errors.front(), errors.empty());
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{rounds * 2 * perWriter}, _store->count(kAlias, {}));
    auto infos = _store->indices();
    CPPUNIT_ASSERT((infos[0].years == std::vector<int>{2030, 2031, 2032, 2033, 2034}));
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{perWriter}, _store->count(kAlias, DocumentRange{"c-b", "2032-01-01", "2032-12-31"}));
}

void StorageContract::testDestroyIndices() {
    if (!ready()) return;
    registerAlias(kAlias);
    registerAlias("stats-second");
    _store->upsert(kAlias, {makeDoc("a", "c1", "2023-01-01"), makeDoc("b", "c1", "2024-01-01")});
    _store->upsert("stats-second", {makeDoc("a", "c1", "2022-01-01")});
    _store->setBookmark("agg", "c1", "2024-01-01");
    auto lock = _store->tryLock(uniqueName("destroy"), 60);
    CPPUNIT_ASSERT(lock);
    CPPUNIT_ASSERT(indexRelations(*_store) > 0);

    _store->destroyIndices();
    CPPUNIT_ASSERT(_store->indices().empty());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, indexRelations(*_store));
    auto& db = _store->database();
    for (const char* table : {"statshost_indices", "statshost_index_years", "statshost_bookmarks", "statshost_locks"})
        CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, scalar(db, std::string("SELECT count(*) FROM ") + table));
    CPPUNIT_ASSERT(!_store->bookmark("agg", "c1"));
    CPPUNIT_ASSERT(contains(storageError([&] { _store->count("stats-second", {}); }), "unknown index"));
    lock.reset();  // releasing a lock whose row is gone is fine

    // the store stays usable
    registerAlias(kAlias);
    _store->upsert(kAlias, {makeDoc("c", "c1", "2024-05-01")});
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, _store->count(kAlias, {}));
    _store->destroyIndices();
    _store->destroyIndices();
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, indexRelations(*_store));
}

// A Storage remembers the years it saw (YearCache.h); another process may drop the family meanwhile and
// register it again without them, or add years of its own. Writes and reads of the first stay right.
void StorageContract::testCachedYearsAfterAnotherProcessDrops() {
    if (!ready()) return;
    registerAlias(kAlias);
    auto other = _backend->open();
    _store->upsert(kAlias, {makeDoc("a", "c", "2024-05-01")});  // caches 2024
    other->upsert(kAlias, {makeDoc("b", "c", "2025-05-01")});   // a year this store has not seen
    _store->upsert(kAlias, {makeDoc("c", "c", "2025-06-01")});
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{3}, _store->count(kAlias, {}));

    other->destroyIndices();  // the 2024 relation this store remembers is gone
    other->registerTemplate(IndexTemplate{kAlias, "day", "{}", FillRule::None, ""});
    _store->upsert(kAlias, {makeDoc("d", "c", "2024-05-02")});
    _store->replaceRange(kAlias, DocumentRange{"c", "2025-01-01", "2025-12-31"}, {makeDoc("e", "c", "2025-07-01")});
    std::vector<std::string> ids;
    _store->scan(kAlias, {}, [&](const Document& doc) {
        ids.push_back(doc.id);
        return true;
    });
    CPPUNIT_ASSERT_EQUAL(std::string("d,e"), ids.size() == 2 ? ids[0] + "," + ids[1] : std::to_string(ids.size()));
}

}  // namespace statshost::test
