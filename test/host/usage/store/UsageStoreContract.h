#pragma once
/// The usage-store contract, written once and run against every backend: each concrete suite (see
/// UsageStoreBackendsTest.cpp) supplies a TestBackend. Bodies live in UsageStoreContract*.cpp by topic.
#include <cppunit/extensions/HelperMacros.h>

#include <memory>
#include <vector>

#include "UsageTestSupport.h"
#include "storage/Storage.h"
#include "support/TestBackends.h"

namespace statshost::test {

class UsageStoreContract : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(UsageStoreContract);
    // schema
    CPPUNIT_TEST(testSchemaIdempotent);
    CPPUNIT_TEST(testSchemaRace);
    CPPUNIT_TEST(testInvalidInput);
    CPPUNIT_TEST(testRollbackLeavesNothing);
    CPPUNIT_TEST(testQueryPlans);
    // fixed10s
    CPPUNIT_TEST(testFixedSameBucket);
    CPPUNIT_TEST(testFixedBucketEdges);
    CPPUNIT_TEST(testFixedTiesLaterIngestedWins);
    CPPUNIT_TEST(testFixedLateEvents);
    CPPUNIT_TEST(testFixedSharedFirstBucket);
    CPPUNIT_TEST(testFixedBatchingAndOrder);
    CPPUNIT_TEST(testStreamsIndependent);
    // counter30s
    CPPUNIT_TEST(testChainGaps);
    CPPUNIT_TEST(testChainSurvivorIsLast);
    CPPUNIT_TEST(testChainBridge);
    CPPUNIT_TEST(testChainLateJoins);
    CPPUNIT_TEST(testChainBatchingAndOrder);
    // change numbers
    CPPUNIT_TEST(testChangedDays);
    CPPUNIT_TEST(testChangeSeqOnRows);
    CPPUNIT_TEST(testSurvivorMovesAcrossMidnight);
    // reads and counters
    CPPUNIT_TEST(testScanOrderAndPaging);
    CPPUNIT_TEST(testScanRange);
    CPPUNIT_TEST(testStatusCounters);
    CPPUNIT_TEST(testConcurrentStores);
    CPPUNIT_TEST(testDedicatedWriterNewYear);
    // randomized cross-checks
    CPPUNIT_TEST(testRandomizedFixed10s);
    CPPUNIT_TEST(testRandomizedCounter30s);
    CPPUNIT_TEST(testRandomizedIncremental);
    CPPUNIT_TEST_SUITE_END_ABSTRACT();

public:
    void setUp() override;
    void tearDown() override;

    void testSchemaIdempotent();
    void testSchemaRace();
    void testInvalidInput();
    void testRollbackLeavesNothing();
    void testQueryPlans();

    void testFixedSameBucket();
    void testFixedBucketEdges();
    void testFixedTiesLaterIngestedWins();
    void testFixedLateEvents();
    void testFixedSharedFirstBucket();
    void testFixedBatchingAndOrder();
    void testStreamsIndependent();

    void testChainGaps();
    void testChainSurvivorIsLast();
    void testChainBridge();
    void testChainLateJoins();
    void testChainBatchingAndOrder();

    void testChangedDays();
    void testChangeSeqOnRows();
    void testSurvivorMovesAcrossMidnight();

    void testScanOrderAndPaging();
    void testScanRange();
    void testStatusCounters();
    void testConcurrentStores();
    void testDedicatedWriterNewYear();

    void testRandomizedFixed10s();
    void testRandomizedCounter30s();
    void testRandomizedIncremental();

protected:
    /// The backend of the concrete suite; called once per test.
    virtual std::unique_ptr<TestBackend> makeBackend() = 0;
    /// False when the backend is unavailable: the test then passes without running.
    bool ready() const { return _store != nullptr; }
    bool sqlite() const { return _store->backend() == "sqlite"; }
    storage::Database& db() { return _store->database(); }

    /// Stores `events` as one batch in one transaction with change number `changeSeq` (default: the next).
    usage::IngestCounters store(const std::vector<UsageEvent>& events,
                                usage::DoubleClickMode mode = usage::DoubleClickMode::Fixed10s,
                                std::int64_t changeSeq = 0);
    /// Stores `events` in batches of `batchSize` (each its own transaction).
    void storeInBatches(const std::vector<UsageEvent>& events, std::size_t batchSize, usage::DoubleClickMode mode);
    /// Empties every usage table (a fresh schema).
    void reset();
    /// Checks the counters against the rows: per month, stored and noCountry equal the rows, and
    /// stored + doubleClicks equals `offered` (events per month that were given to store()).
    void checkCountersMatchRows(const std::vector<UsageEvent>& offered);

    std::unique_ptr<TestBackend> _backend;
    std::unique_ptr<storage::Storage> _store;  ///< opened on the test database, usage schema created
    std::int64_t _changeSeq = 0;               ///< the last change number store() used
};

}  // namespace statshost::test
