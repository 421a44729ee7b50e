#include <cppunit/extensions/HelperMacros.h>

#include "RecordTestSupport.h"
#include "records/PublicationDate.h"

namespace statshost::records {

using namespace statshost::records::test;

class PublicationDateTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(PublicationDateTest);
    CPPUNIT_TEST(reducedPrecisionMeansTheFirstDay);
    CPPUNIT_TEST(intervalsUseTheFirstValidEndpoint);
    CPPUNIT_TEST(invalidOrMissingFallsBackToCreated);
    CPPUNIT_TEST(recordsCarryRawAndDay);
    CPPUNIT_TEST(floorIsTheLaterDay);
    CPPUNIT_TEST(eventsLogNormalisation);
    CPPUNIT_TEST_SUITE_END();

    const std::string created = "2024-03-01";

public:
    void reducedPrecisionMeansTheFirstDay() {
        CPPUNIT_ASSERT_EQUAL(std::string("2020-01-01"), publicationDay("2020", created));
        CPPUNIT_ASSERT_EQUAL(std::string("2020-05-01"), publicationDay("2020-05", created));
        CPPUNIT_ASSERT_EQUAL(std::string("2020-05-17"), publicationDay("2020-05-17", created));
        CPPUNIT_ASSERT_EQUAL(std::string("2020-01-01"), publicationDay(" 2020\n", created));
        CPPUNIT_ASSERT_EQUAL(std::string("0850-01-01"), publicationDay("0850", created));  // the floor comes later
    }

    void intervalsUseTheFirstValidEndpoint() {
        CPPUNIT_ASSERT_EQUAL(std::string("2020-05-01"), publicationDay("2020-05/2021", created));
        CPPUNIT_ASSERT_EQUAL(std::string("1939-01-01"), publicationDay("1939/1945", created));
        CPPUNIT_ASSERT_EQUAL(std::string("2021-01-01"), publicationDay("2020-13/2021", created));
    }

    void invalidOrMissingFallsBackToCreated() {
        for (const char* bad :
             {"2020-13", "2023-02-30", "garbage", "", "2020-05-17T10:00:00", "May 2020", "2020/2021/2022"})
            CPPUNIT_ASSERT_EQUAL_MESSAGE(bad, created, publicationDay(bad, created));
    }

    void recordsCarryRawAndDay() {
        auto record = minimalRecord();  // created 2024-03-01T10:15:00+00:00
        auto r = parseRecord(record);
        CPPUNIT_ASSERT_EQUAL(std::string(""), r.publicationDateRaw);
        CPPUNIT_ASSERT_EQUAL(created, r.publicationDay);
        put(record, "metadata.publication_date", "\"2020-05/2021\"");
        r = parseRecord(record);
        CPPUNIT_ASSERT_EQUAL(std::string("2020-05/2021"), r.publicationDateRaw);
        CPPUNIT_ASSERT_EQUAL(std::string("2020-05-01"), r.publicationDay);
        put(record, "metadata.publication_date", "2020");  // a number is not an EDTF string
        r = parseRecord(record);
        CPPUNIT_ASSERT_EQUAL(std::string(""), r.publicationDateRaw);
        CPPUNIT_ASSERT_EQUAL(created, r.publicationDay);
        put(record, "metadata.publication_date", "\"2020-13\"");
        r = parseRecord(record);
        CPPUNIT_ASSERT_EQUAL(std::string("2020-13"), r.publicationDateRaw);
        CPPUNIT_ASSERT_EQUAL(created, r.publicationDay);
    }

    void floorIsTheLaterDay() {
        CPPUNIT_ASSERT_EQUAL(std::string("1900-01-01"), applyFloor("0850-01-01", "1900-01-01"));
        CPPUNIT_ASSERT_EQUAL(std::string("1900-01-01"), applyFloor("1899-12-31", "1900-01-01"));
        CPPUNIT_ASSERT_EQUAL(std::string("1900-01-01"), applyFloor("1900-01-01", "1900-01-01"));
        CPPUNIT_ASSERT_EQUAL(std::string("2020-05-01"), applyFloor("2020-05-01", "1900-01-01"));
    }

    void eventsLogNormalisation() {
        CPPUNIT_ASSERT_EQUAL(std::string("2020-01-01"), normalisedPublishedDate("2020"));
        CPPUNIT_ASSERT_EQUAL(std::string("2020-05-01"), normalisedPublishedDate("2020-05"));
        CPPUNIT_ASSERT_EQUAL(std::string("2020-05-17"), normalisedPublishedDate("2020-05-17"));
        CPPUNIT_ASSERT_EQUAL(std::string("2018-01-01"), normalisedPublishedDate("2018-2020"));
        CPPUNIT_ASSERT_EQUAL(std::string("2024-01-01T00:00:00"), normalisedPublishedDate("2024-01-01T09:30:00"));
        CPPUNIT_ASSERT_EQUAL(std::string("2024-01-02T00:00:00"), normalisedPublishedDate("2024-01-01T23:30:00-05:00"));
        for (const char* bad : {"2020-13", "2023-02-30", "garbage", "", "2020-05/2021", "2018-20", "20181-2020"})
            CPPUNIT_ASSERT_EQUAL_MESSAGE(bad, std::string(""), normalisedPublishedDate(bad));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(PublicationDateTest);

}  // namespace statshost::records
