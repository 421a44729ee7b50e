// FaultInjectingStore: armed calls fail before reaching the wrapped store; the others pass through.
#include <cppunit/extensions/HelperMacros.h>

#include "StorageTestSupport.h"
#include "statshost/Errors.h"
#include "storage/FaultInjectingStore.h"

using namespace statshost;
using namespace statshost::test;
using statshost::storage::FaultInjectingStore;
using statshost::storage::StoreOperation;

class FaultInjectingStoreTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(FaultInjectingStoreTest);
    CPPUNIT_TEST(testNthUpsertFailsAndWritesNothing);
    CPPUNIT_TEST(testEveryOperationCanFail);
    CPPUNIT_TEST(testClear);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override {
        _store = _backend.open();
        _store->initialize();
        _store->registerTemplate(IndexTemplate{"stats-faults", "day", "{}", FillRule::None, ""});
    }
    void tearDown() override { _store.reset(); }

    void testNthUpsertFailsAndWritesNothing() {
        FaultInjectingStore faulty(*_store);
        faulty.failNth(StoreOperation::Upsert, 2, "disk on fire");
        faulty.upsert("stats-faults", {makeDoc("a", "c", "2024-01-01")});
        CPPUNIT_ASSERT_EQUAL(std::string("disk on fire"),
                             storageError([&] { faulty.upsert("stats-faults", {makeDoc("b", "c", "2024-01-01")}); }));
        faulty.upsert("stats-faults", {makeDoc("c", "c", "2024-01-01")});
        CPPUNIT_ASSERT_EQUAL(3, faulty.calls(StoreOperation::Upsert));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t{2}, faulty.count("stats-faults", {}));
        auto docs = scanAll(faulty, "stats-faults");
        CPPUNIT_ASSERT_EQUAL(std::size_t{2}, docs.size());
        CPPUNIT_ASSERT_EQUAL(std::string("a"), docs[0].id);
        CPPUNIT_ASSERT_EQUAL(std::string("c"), docs[1].id);
    }

    void testEveryOperationCanFail() {
        FaultInjectingStore faulty(*_store);
        std::vector<std::pair<StoreOperation, std::function<void()>>> calls = {
            {StoreOperation::RegisterTemplate,
             [&] { faulty.registerTemplate(IndexTemplate{"stats-other", "d", "{}", FillRule::None, ""}); }},
            {StoreOperation::Upsert, [&] { faulty.upsert("stats-faults", {makeDoc("x", "c", "2024-01-01")}); }},
            {StoreOperation::Scan, [&] { scanAll(faulty, "stats-faults"); }},
            {StoreOperation::Count, [&] { faulty.count("stats-faults", {}); }},
            {StoreOperation::Remove, [&] { faulty.remove("stats-faults", {}); }},
            {StoreOperation::ReplaceRange,
             [&] { faulty.replaceRange("stats-faults", {"c", "2024-01-01", "2024-01-31"}, {makeDoc("y", "c", "2024-01-02")}); }},
            {StoreOperation::Latest, [&] { faulty.latest("stats-faults", "c", ""); }},
            {StoreOperation::ReadDense,
             [&] { faulty.readDense("stats-faults", {"c", "", ""}, [](const Document&) { return true; }); }},
            {StoreOperation::Bookmark, [&] { faulty.bookmark("agg", "c"); }},
            {StoreOperation::SetBookmark, [&] { faulty.setBookmark("agg", "c", "2024-01-01"); }},
            {StoreOperation::ClearBookmarks, [&] { faulty.clearBookmarks("", ""); }},
            {StoreOperation::TryLock, [&] { faulty.tryLock("lock", 10); }},
        };
        for (auto& [op, call] : calls) faulty.failNth(op, 1);
        for (auto& [op, call] : calls) {
            CPPUNIT_ASSERT_EQUAL(std::string("injected storage fault"), storageError(call));
            CPPUNIT_ASSERT_EQUAL(1, faulty.calls(op));
        }
        // nothing reached the wrapped store
        CPPUNIT_ASSERT_EQUAL(std::size_t{1}, _store->indices().size());
        CPPUNIT_ASSERT_EQUAL(std::uint64_t{0}, _store->count("stats-faults", {}));
        CPPUNIT_ASSERT(!_store->bookmark("agg", "c"));
        // and every second call passes
        for (auto& [op, call] : calls) CPPUNIT_ASSERT_EQUAL(std::string(), storageError(call));
        CPPUNIT_ASSERT(_store->bookmark("agg", "c") == std::nullopt);  // cleared by the ClearBookmarks call
        auto left = scanAll(*_store, "stats-faults");  // Remove took "x", ReplaceRange wrote "y"
        CPPUNIT_ASSERT_EQUAL(std::size_t{1}, left.size());
        CPPUNIT_ASSERT_EQUAL(std::string("y"), left[0].id);
        CPPUNIT_ASSERT_EQUAL(std::size_t{2}, _store->indices().size());
    }

    void testClear() {
        FaultInjectingStore faulty(*_store);
        faulty.failNth(StoreOperation::Count, 1);
        faulty.failNth(StoreOperation::Count, 3);
        CPPUNIT_ASSERT(!storageError([&] { faulty.count("stats-faults", {}); }).empty());
        faulty.clear();
        for (int i = 0; i < 3; ++i) CPPUNIT_ASSERT_EQUAL(std::uint64_t{0}, faulty.count("stats-faults", {}));
        CPPUNIT_ASSERT_EQUAL(4, faulty.calls(StoreOperation::Count));
        CPPUNIT_ASSERT(!storageError([&] { faulty.failNth(StoreOperation::Count, 0); }).empty());
    }

private:
    SqliteBackend _backend;
    std::unique_ptr<storage::Storage> _store;
};

CPPUNIT_TEST_SUITE_REGISTRATION(FaultInjectingStoreTest);
