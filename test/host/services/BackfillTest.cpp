// Backfill of the events log for existing records (SEMANTICS.md §2 rule 5, §10.18).
#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <iostream>

#include "ServiceHarness.h"
#include "services/Backfill.h"

#include <Poco/JSON/Parser.h>

using namespace statshost;
using namespace statshost::test;

namespace {

/// Records stored without components (as in an instance that predates the log), then the
/// components' harness on the same database for the backfill.
void withExistingRecords(TestBackend& backend, int records, const std::function<void(ServiceHarness&)>& body) {
    {
        ServiceHarness plain(backend, false);
        plain.community("c-a", "alpha");
        plain.community("c-b", "beta");
        plain.services().transaction(plain.clock(), [&](services::ServiceTx& tx) {
            for (int i = 0; i < records; ++i) {
                std::string day = "2023-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10) + "T12:00:00Z";
                std::string comms = i % 3 == 0 ? "c-a" : (i % 3 == 1 ? "c-a,c-b" : "");
                auto json = recordJson("r" + std::to_string(i), "p" + std::to_string(i / 2), day,
                                       i % 2 == 0 ? comms : "-");
                tx.publish(Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>());
            }
        });
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), plain.eventCount());
    }
    ServiceHarness h(backend);
    body(h);
}

}  // namespace

class BackfillTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(BackfillTest);
    CPPUNIT_TEST(writesAddedEventsAtCreated);
    CPPUNIT_TEST(isIdempotentAndSkipsExisting);
    CPPUNIT_TEST(statusCountsWithoutWriting);
    CPPUNIT_TEST(communityFilterWritesThatCommunityPlusGlobal);
    CPPUNIT_TEST(deletedRecordsCarryFlags);
    CPPUNIT_TEST(fiftyThousandRecords);
    CPPUNIT_TEST_SUITE_END();

public:
    void writesAddedEventsAtCreated() {
        SqliteBackend sqlite;
        PostgresBackend postgres;
        for (TestBackend* b : {static_cast<TestBackend*>(&sqlite), static_cast<TestBackend*>(&postgres)}) {
            if (!b->available()) continue;
            withExistingRecords(*b, 4, [](ServiceHarness& h) {
                // r0 (p0: c-a), r1 (p0, unchanged), r2 (p1: none), r3 (p1)
                auto report = services::generateCommunityEvents(h.services(), h.clock(), {});
                CPPUNIT_ASSERT_EQUAL(std::uint64_t(4), report.recordsProcessed);
                CPPUNIT_ASSERT_EQUAL(std::uint64_t(6), report.eventsCreated);
                auto log = h.log();
                CPPUNIT_ASSERT_EQUAL(std::size_t(6), log.size());
                CPPUNIT_ASSERT_EQUAL(std::string("r0 global added 2023-01-10 12:00:00"), log[0]);
                CPPUNIT_ASSERT_EQUAL(std::string("r0 c-a added 2023-01-10 12:00:00"), log[1]);
                CPPUNIT_ASSERT_EQUAL(std::string("r1 global added 2023-02-11 12:00:00"), log[2]);
                CPPUNIT_ASSERT_EQUAL(std::string("r1 c-a added 2023-02-11 12:00:00"), log[3]);
                CPPUNIT_ASSERT_EQUAL(std::string("r2 global added 2023-03-12 12:00:00"), log[4]);
                CPPUNIT_ASSERT_EQUAL(std::string("r3 global added 2023-04-13 12:00:00"), log[5]);
            });
        }
    }

    void isIdempotentAndSkipsExisting() {
        SqliteBackend b;
        withExistingRecords(b, 30, [](ServiceHarness& h) {
            auto first = services::generateCommunityEvents(h.services(), h.clock(), {});
            auto log = h.log();
            auto second = services::generateCommunityEvents(h.services(), h.clock(), {});
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), second.eventsCreated);
            CPPUNIT_ASSERT_EQUAL(first.eventsCreated, second.eventsFound);
            CPPUNIT_ASSERT(log == h.log());
        });
    }

    void statusCountsWithoutWriting() {
        SqliteBackend b;
        withExistingRecords(b, 12, [](ServiceHarness& h) {
            services::BackfillOptions dry;
            dry.dryRun = true;
            auto status = services::generateCommunityEvents(h.services(), h.clock(), dry);
            CPPUNIT_ASSERT_EQUAL(std::size_t(0), h.eventCount());
            auto real = services::generateCommunityEvents(h.services(), h.clock(), {});
            CPPUNIT_ASSERT_EQUAL(status.eventsCreated, real.eventsCreated);
            CPPUNIT_ASSERT_EQUAL(status.recordsNeedingEvents, real.recordsNeedingEvents);
            CPPUNIT_ASSERT(status.perCommunity == real.perCommunity);
            CPPUNIT_ASSERT_EQUAL(std::size_t(real.eventsCreated), h.eventCount());
        });
    }

    void communityFilterWritesThatCommunityPlusGlobal() {
        SqliteBackend b;
        withExistingRecords(b, 12, [](ServiceHarness& h) {
            services::BackfillOptions opts;
            opts.communityIds = {"c-b"};
            auto report = services::generateCommunityEvents(h.services(), h.clock(), opts);
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), report.perCommunity.count("c-a"));
            CPPUNIT_ASSERT(report.perCommunity.at("c-b") > 0);
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(12), report.perCommunity.at("global"));
        });
    }

    void deletedRecordsCarryFlags() {
        SqliteBackend b;
        withExistingRecords(b, 2, [](ServiceHarness& h) {
            h.at("2023-06-01T00:00:00Z");
            h.call([](auto& tx) { return tx.deleteRecord("r1"); });  // no events yet: nothing to flag
            services::generateCommunityEvents(h.services(), h.clock(), {});
            auto log = h.log();
            CPPUNIT_ASSERT_EQUAL(std::string("r1 global added 2023-02-11 12:00:00 deleted 2023-06-01 00:00:00"), log[2]);
        });
    }

    void fiftyThousandRecords() {
        SqliteBackend b;
        auto t0 = std::chrono::steady_clock::now();
        withExistingRecords(b, 50000, [&](ServiceHarness& h) {
            auto t1 = std::chrono::steady_clock::now();
            auto first = services::generateCommunityEvents(h.services(), h.clock(), {});
            auto t2 = std::chrono::steady_clock::now();
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(50000), first.recordsProcessed);
            auto count = h.eventCount();
            CPPUNIT_ASSERT_EQUAL(std::size_t(first.eventsCreated), count);
            auto second = services::generateCommunityEvents(h.services(), h.clock(), {});
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), second.eventsCreated);
            CPPUNIT_ASSERT_EQUAL(count, h.eventCount());
            std::cout << "\n  50k records: publish " << std::chrono::duration<double>(t1 - t0).count() << " s, backfill "
                      << std::chrono::duration<double>(t2 - t1).count() << " s (" << first.eventsCreated << " events)"
                      << std::endl;
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(BackfillTest);
