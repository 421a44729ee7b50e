#pragma once
/// The repository-tables contract, written once and run against every backend: each concrete suite (see
/// RepositoryBackendsTest.cpp) supplies a RepoBackend. Bodies live in RepositoryContract*.cpp by topic.
#include <cppunit/extensions/HelperMacros.h>

#include <functional>
#include <memory>

#include "RepositoryTestSupport.h"

namespace statshost::test {

class RepositoryContract : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RepositoryContract);
    // schema and transactions
    CPPUNIT_TEST(testSchemaIdempotent);
    CPPUNIT_TEST(testSchemaRace);
    CPPUNIT_TEST(testRollbackLeavesNothing);
    CPPUNIT_TEST(testConcurrentWriters);
    CPPUNIT_TEST(testQueryPlans);
    // communities, records, parents
    CPPUNIT_TEST(testCommunities);
    CPPUNIT_TEST(testRecordRoundTrip);
    CPPUNIT_TEST(testDuplicateRecord);
    CPPUNIT_TEST(testRecordDeletion);
    CPPUNIT_TEST(testVersionsOf);
    CPPUNIT_TEST(testParentCommunities);
    // events and change numbers
    CPPUNIT_TEST(testEventsLatestAndOrder);
    CPPUNIT_TEST(testSetDeleted);
    CPPUNIT_TEST(testChangeSeq);
    // scans
    CPPUNIT_TEST(testForEachRecordFilters);
    CPPUNIT_TEST(testForEachRecordPaging);
    CPPUNIT_TEST(testForEachEventPaging);
    CPPUNIT_TEST(testThroughput);
    CPPUNIT_TEST_SUITE_END_ABSTRACT();

public:
    void setUp() override;
    void tearDown() override;

    void testSchemaIdempotent();
    void testSchemaRace();
    void testRollbackLeavesNothing();
    void testConcurrentWriters();
    void testQueryPlans();

    void testCommunities();
    void testRecordRoundTrip();
    void testDuplicateRecord();
    void testRecordDeletion();
    void testVersionsOf();
    void testParentCommunities();

    void testEventsLatestAndOrder();
    void testSetDeleted();
    void testChangeSeq();

    void testForEachRecordFilters();
    void testForEachRecordPaging();
    void testForEachEventPaging();
    void testThroughput();

protected:
    /// The backend of the concrete suite; called once per test.
    virtual std::unique_ptr<RepoBackend> makeBackend() = 0;
    /// False when the backend is unavailable: the test then passes without running.
    bool ready() const { return _store != nullptr; }
    bool sqlite() const { return _store->backend() == "sqlite"; }
    storage::Database& db() { return _store->database(); }
    /// Runs `body` in one transaction of the main store with a RepositoryTx on `_clock`.
    void tx(const std::function<void(repository::RepositoryTx&)>& body);
    void tx(storage::Storage& store, const std::function<void(repository::RepositoryTx&)>& body);
    /// The counter's current value (the last change number handed out).
    std::int64_t counter();

    std::unique_ptr<RepoBackend> _backend;
    std::unique_ptr<storage::Storage> _store;  ///< opened on the test database, repository schema created
    TestClock _clock;
};

}  // namespace statshost::test
