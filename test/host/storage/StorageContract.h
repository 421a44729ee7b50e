#pragma once
/// The storage contract, written once and run against every backend: each concrete suite (see
/// StorageBackendsTest.cpp) supplies a TestBackend. Bodies live in StorageContract*.cpp by topic.
#include <cppunit/extensions/HelperMacros.h>

#include <memory>

#include "StorageTestSupport.h"

namespace statshost::test {

class StorageContract : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(StorageContract);
    // the SQL seam
    CPPUNIT_TEST(testDatabaseValues);
    CPPUNIT_TEST(testDatabaseParameterErrors);
    CPPUNIT_TEST(testDatabaseTransactions);
    CPPUNIT_TEST(testDatabasePreparedStatement);
    CPPUNIT_TEST(testDatabaseQueryCallbackThrows);
    CPPUNIT_TEST(testDatabaseCopyIn);
    CPPUNIT_TEST(testPoolWaitsForFreeConnection);
    // indices
    CPPUNIT_TEST(testInitializeIdempotent);
    CPPUNIT_TEST(testInitializeSeesCurrentSchema);
    CPPUNIT_TEST(testRegisterTemplate);
    CPPUNIT_TEST(testRejectsBadTemplates);
    CPPUNIT_TEST(testUnknownAlias);
    CPPUNIT_TEST(testYearlyRouting);
    CPPUNIT_TEST(testScanOrderAcrossYears);
    CPPUNIT_TEST(testScanFilters);
    CPPUNIT_TEST(testScanEarlyStop);
    CPPUNIT_TEST(testScanPagination);
    CPPUNIT_TEST(testVisitMayUseStore);
    CPPUNIT_TEST(testUpsertIdempotentAndReplacing);
    CPPUNIT_TEST(testDuplicateIdsInBatch);
    CPPUNIT_TEST(testBatchAtomicity);
    CPPUNIT_TEST(testCountAndRemove);
    CPPUNIT_TEST(testInvalidRange);
    CPPUNIT_TEST(testThroughput);
    // sparse families: fill rules, replaceRange, latest, readDense
    CPPUNIT_TEST(testTemplateFillPersisted);
    CPPUNIT_TEST(testTemplateColumnsMigrated);
    CPPUNIT_TEST(testReplaceRangeRejectsAndChangesNothing);
    CPPUNIT_TEST(testReplaceRangeAcrossYears);
    CPPUNIT_TEST(testReplaceRangeRemovesDocuments);
    CPPUNIT_TEST(testReplaceRangeBulk);
    CPPUNIT_TEST(testLatest);
    CPPUNIT_TEST(testReadDenseZero);
    CPPUNIT_TEST(testReadDenseCarryForward);
    CPPUNIT_TEST(testReadDenseExtentBookmark);
    CPPUNIT_TEST(testReadDenseAcrossYearBoundary);
    CPPUNIT_TEST(testReadDenseRangeOutsideExtent);
    CPPUNIT_TEST(testReadDenseLongRange);
    CPPUNIT_TEST(testReadDenseNoneEarlyStopAndErrors);
    CPPUNIT_TEST(testBodiesCompressedAndExact);
    CPPUNIT_TEST(testBodiesMigratedFromSchema2);
    // derived families (DocumentDeriver)
    CPPUNIT_TEST(testDerivedReads);
    CPPUNIT_TEST(testDerivedWritesAndOldRows);
    CPPUNIT_TEST(testDerivedWithoutDeriverFails);
    // bookmarks, locks, concurrency, destroy
    CPPUNIT_TEST(testBookmarks);
    CPPUNIT_TEST(testBookmarksNamedAfter);
    CPPUNIT_TEST(testLockContention);
    CPPUNIT_TEST(testConcurrentYearCreation);
    CPPUNIT_TEST(testDestroyIndices);
    CPPUNIT_TEST(testCachedYearsAfterAnotherProcessDrops);
    CPPUNIT_TEST_SUITE_END_ABSTRACT();

public:
    void setUp() override;
    void tearDown() override;

    void testDatabaseValues();
    void testDatabaseParameterErrors();
    void testDatabaseTransactions();
    void testDatabasePreparedStatement();
    void testDatabaseQueryCallbackThrows();
    void testDatabaseCopyIn();
    void testPoolWaitsForFreeConnection();

    void testInitializeIdempotent();
    void testInitializeSeesCurrentSchema();
    void testRegisterTemplate();
    void testRejectsBadTemplates();
    void testUnknownAlias();
    void testYearlyRouting();
    void testScanOrderAcrossYears();
    void testScanFilters();
    void testScanEarlyStop();
    void testScanPagination();
    void testVisitMayUseStore();
    void testUpsertIdempotentAndReplacing();
    void testDuplicateIdsInBatch();
    void testBatchAtomicity();
    void testCountAndRemove();
    void testInvalidRange();
    void testThroughput();

    void testTemplateFillPersisted();
    void testTemplateColumnsMigrated();
    void testReplaceRangeRejectsAndChangesNothing();
    void testReplaceRangeAcrossYears();
    void testReplaceRangeRemovesDocuments();
    void testReplaceRangeBulk();
    void testLatest();
    void testReadDenseZero();
    void testReadDenseCarryForward();
    void testReadDenseExtentBookmark();
    void testReadDenseAcrossYearBoundary();
    void testReadDenseRangeOutsideExtent();
    void testReadDenseLongRange();
    void testReadDenseNoneEarlyStopAndErrors();
    void testBodiesCompressedAndExact();
    void testBodiesMigratedFromSchema2();

    void testDerivedReads();
    void testDerivedWritesAndOldRows();
    void testDerivedWithoutDeriverFails();

    void testBookmarks();
    void testBookmarksNamedAfter();
    void testLockContention();
    void testConcurrentYearCreation();
    void testCachedYearsAfterAnotherProcessDrops();
    void testDestroyIndices();

protected:
    /// The backend of the concrete suite; called once per test.
    virtual std::unique_ptr<TestBackend> makeBackend() = 0;
    /// False when the backend is unavailable: the test then passes without running.
    bool ready() const { return _store != nullptr; }
    /// Registers the template of `alias` on the main store.
    void registerAlias(const std::string& alias);

    std::unique_ptr<TestBackend> _backend;
    std::unique_ptr<storage::Storage> _store;  ///< opened and initialized on the test database
};

}  // namespace statshost::test
