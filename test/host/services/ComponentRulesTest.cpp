// Every row of BACKEND.md §2.3 and every rule of SEMANTICS.md §2, through the services with the
// real stats_components plugin, on SQLite and on PostgreSQL.
#include <cppunit/extensions/HelperMacros.h>

#include "ServiceHarness.h"

using namespace statshost;
using namespace statshost::test;
using Lines = std::vector<std::string>;

namespace {

const char* A = "aaaa-1111";
const char* B = "bbbb-2222";
const char* C = "cccc-3333";

/// Runs `body` once per available backend with a fresh harness holding communities A, B, C.
void onBothBackends(const std::function<void(ServiceHarness&)>& body, bool withComponents = true) {
    SqliteBackend sqlite;
    PostgresBackend postgres;
    for (TestBackend* backend : {static_cast<TestBackend*>(&sqlite), static_cast<TestBackend*>(&postgres)}) {
        if (!backend->available()) continue;
        ServiceHarness h(*backend, withComponents);
        h.at("2023-12-01T00:00:00Z");
        h.community(A, "alpha");
        h.community(B, "beta");
        h.community(C, "gamma");
        h.at("2024-01-01T00:00:00Z");
        body(h);
    }
}

std::string join(const Lines& lines) {
    std::string s;
    for (const auto& l : lines) s += l + "\n";
    return s;
}

#define ASSERT_LOG(h, expected) CPPUNIT_ASSERT_EQUAL(join(expected), join((h).log()))

}  // namespace

class ComponentRulesTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ComponentRulesTest);
    CPPUNIT_TEST(publishNewParentAddsGlobalAndCommunities);
    CPPUNIT_TEST(newVersionJoinsParentCommunities);
    CPPUNIT_TEST(newVersionWithChangedCommunitiesMovesEveryVersion);
    CPPUNIT_TEST(explicitEmptyCommunitiesRemovesFromAll);
    CPPUNIT_TEST(addAndRemoveActOnEveryVersion);
    CPPUNIT_TEST(removeWithoutPriorEventWritesNothing);
    CPPUNIT_TEST(bulkAddAddsEachRecordsVersions);
    CPPUNIT_TEST(acceptedRequestsAddToReceiver);
    CPPUNIT_TEST(redundantFiringWritesNoDuplicates);
    CPPUNIT_TEST(deleteFlagsEveryEventAndRestoreClears);
    CPPUNIT_TEST(deletingTwiceKeepsFirstDate);
    CPPUNIT_TEST(membershipChangeWhileDeletedCarriesFlags);
    CPPUNIT_TEST(republishIdenticalIsUnchanged);
    CPPUNIT_TEST(republishWithOtherMetadataIsConflict);
    CPPUNIT_TEST(republishWithOnlyCommunitiesChangedMovesMembership);
    CPPUNIT_TEST(badInputWritesNothing);
    CPPUNIT_TEST(publicationDateIsNormalisedInEvents);
    CPPUNIT_TEST_SUITE_END();

public:
    void publishNewParentAddsGlobalAndCommunities() {
        onBothBackends([](ServiceHarness& h) {
            h.at("2024-01-02T10:00:00Z");
            CPPUNIT_ASSERT_EQUAL(std::string("created"),
                                 h.publish(recordJson("r1", "p1", "2024-01-02T10:00:00Z", std::string(A) + "," + B)).status);
            ASSERT_LOG(h, (Lines{"r1 global added 2024-01-02 10:00:00", "r1 aaaa-1111 added 2024-01-02 10:00:00",
                                 "r1 bbbb-2222 added 2024-01-02 10:00:00"}));
        });
    }

    void newVersionJoinsParentCommunities() {
        onBothBackends([](ServiceHarness& h) {
            h.at("2024-01-02T10:00:00Z");
            h.publish(recordJson("r1", "p1", "2024-01-02T10:00:00Z", A));
            h.at("2024-02-01T00:00:00Z");
            h.publish(recordJson("r2", "p1", "2024-02-01T00:00:00Z"));  // parent.communities absent: unchanged
            ASSERT_LOG(h, (Lines{"r1 global added 2024-01-02 10:00:00", "r1 aaaa-1111 added 2024-01-02 10:00:00",
                                 "r2 global added 2024-02-01 00:00:00", "r2 aaaa-1111 added 2024-02-01 00:00:00"}));
        });
    }

    void newVersionWithChangedCommunitiesMovesEveryVersion() {
        onBothBackends([](ServiceHarness& h) {
            h.at("2024-01-01T00:00:00Z");
            h.publish(recordJson("r1", "p1", "2024-01-01T00:00:00Z", std::string(A) + "," + B));
            h.at("2024-03-01T00:00:00Z");
            h.publish(recordJson("r2", "p1", "2024-03-01T00:00:00Z", std::string(B) + "," + C));
            ASSERT_LOG(h, (Lines{"r1 global added 2024-01-01 00:00:00", "r1 aaaa-1111 added 2024-01-01 00:00:00",
                                 "r1 bbbb-2222 added 2024-01-01 00:00:00", "r2 global added 2024-03-01 00:00:00",
                                 "r2 bbbb-2222 added 2024-03-01 00:00:00", "r2 cccc-3333 added 2024-03-01 00:00:00",
                                 "r1 cccc-3333 added 2024-03-01 00:00:00", "r1 aaaa-1111 removed 2024-03-01 00:00:00"}));
            // r2 was never in A: no phantom event for it.
        });
    }

    void explicitEmptyCommunitiesRemovesFromAll() {
        onBothBackends([](ServiceHarness& h) {
            h.publish(recordJson("r1", "p1", "2024-01-01T00:00:00Z", A));
            h.at("2024-01-05T00:00:00Z");
            h.publish(recordJson("r2", "p1", "2024-01-05T00:00:00Z", ""));
            Lines log = h.log();
            CPPUNIT_ASSERT_EQUAL(std::size_t(4), log.size());
            CPPUNIT_ASSERT_EQUAL(std::string("r2 global added 2024-01-05 00:00:00"), log[2]);
            CPPUNIT_ASSERT_EQUAL(std::string("r1 aaaa-1111 removed 2024-01-05 00:00:00"), log[3]);
        });
    }

    void addAndRemoveActOnEveryVersion() {
        onBothBackends([](ServiceHarness& h) {
            h.publish(recordJson("r1", "p1", "2024-01-01T00:00:00Z"));
            h.publish(recordJson("r2", "p1", "2024-01-01T00:00:00Z"));
            h.at("2024-01-10T00:00:00Z");
            CPPUNIT_ASSERT_EQUAL(std::string("added"), h.call([](auto& tx) { return tx.add("r2", {A}); }).status);
            h.at("2024-01-20T00:00:00Z");
            h.call([](auto& tx) { return tx.remove("r1", {A}); });
            h.at("2024-01-21T00:00:00Z");
            h.call([](auto& tx) { return tx.remove("r1", {A}); });  // again: guarded
            ASSERT_LOG(h, (Lines{"r1 global added 2024-01-01 00:00:00", "r2 global added 2024-01-01 00:00:00",
                                 "r1 aaaa-1111 added 2024-01-10 00:00:00", "r2 aaaa-1111 added 2024-01-10 00:00:00",
                                 "r1 aaaa-1111 removed 2024-01-20 00:00:00", "r2 aaaa-1111 removed 2024-01-20 00:00:00"}));
            // Removal never touches global; a re-add after removal writes `added` again.
            h.at("2024-02-01T00:00:00Z");
            h.call([](auto& tx) { return tx.add("r1", {A}); });
            CPPUNIT_ASSERT_EQUAL(std::size_t(8), h.log().size());
        });
    }

    void removeWithoutPriorEventWritesNothing() {
        onBothBackends([](ServiceHarness& h) {
            h.publish(recordJson("r1", "p1", "2024-01-01T00:00:00Z"));
            h.call([](auto& tx) { return tx.remove("r1", {B}); });
            ASSERT_LOG(h, (Lines{"r1 global added 2024-01-01 00:00:00"}));
        });
    }

    void bulkAddAddsEachRecordsVersions() {
        onBothBackends([](ServiceHarness& h) {
            h.publish(recordJson("r1", "p1", "2024-01-01T00:00:00Z"));
            h.publish(recordJson("r2", "p1", "2024-01-01T00:00:00Z"));
            h.publish(recordJson("s1", "q1", "2024-01-01T00:00:00Z"));
            h.at("2024-01-03T00:00:00Z");
            h.call([](auto& tx) { return tx.bulkAdd(C, {"r1", "s1", "r1"}); });
            Lines log = h.log();
            CPPUNIT_ASSERT_EQUAL(std::size_t(6), log.size());
            CPPUNIT_ASSERT_EQUAL(std::string("r1 cccc-3333 added 2024-01-03 00:00:00"), log[3]);
            CPPUNIT_ASSERT_EQUAL(std::string("r2 cccc-3333 added 2024-01-03 00:00:00"), log[4]);
            CPPUNIT_ASSERT_EQUAL(std::string("s1 cccc-3333 added 2024-01-03 00:00:00"), log[5]);
        });
    }

    void acceptedRequestsAddToReceiver() {
        onBothBackends([](ServiceHarness& h) {
            h.publish(recordJson("r1", "p1", "2024-01-01T00:00:00Z"));
            h.publish(recordJson("s1", "q1", "2024-01-01T00:00:00Z"));
            h.publish(recordJson("t1", "u1", "2024-01-01T00:00:00Z", A));
            h.at("2024-01-04T00:00:00Z");
            h.call([](auto& tx) { return tx.acceptRequest("community-inclusion", A, "r1"); });
            h.call([](auto& tx) { return tx.acceptRequest("community-submission", B, "s1"); });
            // Transfer adds to the receiver only; the source removal arrives as its own remove.
            h.call([](auto& tx) { return tx.acceptRequest("community-transfer", C, "t1"); });
            Lines log = h.log();
            CPPUNIT_ASSERT_EQUAL(std::string("r1 aaaa-1111 added 2024-01-04 00:00:00"), log[4]);
            CPPUNIT_ASSERT_EQUAL(std::string("s1 bbbb-2222 added 2024-01-04 00:00:00"), log[5]);
            CPPUNIT_ASSERT_EQUAL(std::string("t1 cccc-3333 added 2024-01-04 00:00:00"), log[6]);
            CPPUNIT_ASSERT_EQUAL(std::size_t(7), log.size());
            auto err = serviceError([&] { h.call([](auto& tx) { return tx.acceptRequest("community-invitation", A, "s1"); }); });
            CPPUNIT_ASSERT_EQUAL(400, err.first);
        });
    }

    void redundantFiringWritesNoDuplicates() {
        onBothBackends([](ServiceHarness& h) {
            h.publish(recordJson("r1", "p1", "2024-01-01T00:00:00Z"));
            h.at("2024-01-04T00:00:00Z");
            h.call([](auto& tx) { return tx.acceptRequest("community-inclusion", A, "r1"); });
            h.call([](auto& tx) { return tx.add("r1", {A}); });
            h.call([](auto& tx) { return tx.bulkAdd(A, {"r1"}); });
            h.publish(recordJson("r1", "p1", "2024-01-01T00:00:00Z", A));  // same metadata and set: unchanged
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), h.log().size());
        });
    }

    void deleteFlagsEveryEventAndRestoreClears() {
        onBothBackends([](ServiceHarness& h) {
            h.publish(recordJson("r1", "p1", "2024-01-01T00:00:00Z", A));
            h.at("2024-01-09T12:00:00Z");
            CPPUNIT_ASSERT_EQUAL(std::string("deleted"), h.call([](auto& tx) { return tx.deleteRecord("r1"); }).status);
            ASSERT_LOG(h, (Lines{"r1 global added 2024-01-01 00:00:00 deleted 2024-01-09 12:00:00",
                                 "r1 aaaa-1111 added 2024-01-01 00:00:00 deleted 2024-01-09 12:00:00"}));
            h.at("2024-01-15T00:00:00Z");
            CPPUNIT_ASSERT_EQUAL(std::string("restored"), h.call([](auto& tx) { return tx.restoreRecord("r1"); }).status);
            ASSERT_LOG(h, (Lines{"r1 global added 2024-01-01 00:00:00", "r1 aaaa-1111 added 2024-01-01 00:00:00"}));
            CPPUNIT_ASSERT_EQUAL(std::string("unchanged"), h.call([](auto& tx) { return tx.restoreRecord("r1"); }).status);
        });
    }

    void deletingTwiceKeepsFirstDate() {
        onBothBackends([](ServiceHarness& h) {
            h.publish(recordJson("r1", "p1", "2024-01-01T00:00:00Z"));
            h.at("2024-01-09T00:00:00Z");
            h.call([](auto& tx) { return tx.deleteRecord("r1"); });
            h.at("2024-01-10T00:00:00Z");
            CPPUNIT_ASSERT_EQUAL(std::string("unchanged"), h.call([](auto& tx) { return tx.deleteRecord("r1"); }).status);
            ASSERT_LOG(h, (Lines{"r1 global added 2024-01-01 00:00:00 deleted 2024-01-09 00:00:00"}));
        });
    }

    void membershipChangeWhileDeletedCarriesFlags() {
        onBothBackends([](ServiceHarness& h) {
            h.publish(recordJson("r1", "p1", "2024-01-01T00:00:00Z"));
            h.publish(recordJson("r2", "p1", "2024-01-01T00:00:00Z"));
            h.at("2024-01-05T00:00:00Z");
            h.call([](auto& tx) { return tx.deleteRecord("r1"); });
            h.at("2024-01-06T00:00:00Z");
            h.call([](auto& tx) { return tx.add("r2", {B}); });
            Lines log = h.log();
            CPPUNIT_ASSERT_EQUAL(std::string("r1 bbbb-2222 added 2024-01-06 00:00:00 deleted 2024-01-05 00:00:00"), log[2]);
            CPPUNIT_ASSERT_EQUAL(std::string("r2 bbbb-2222 added 2024-01-06 00:00:00"), log[3]);
        });
    }

    void republishIdenticalIsUnchanged() {
        onBothBackends([](ServiceHarness& h) {
            h.publish(recordJson("r1", "p1", "2024-01-01T00:00:00Z", A));
            CPPUNIT_ASSERT_EQUAL(std::string("unchanged"), h.publish(recordJson("r1", "p1", "2024-01-01T00:00:00Z", A)).status);
            CPPUNIT_ASSERT_EQUAL(std::string("unchanged"), h.publish(recordJson("r1", "p1", "2024-01-01T00:00:00Z")).status);
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), h.log().size());
        });
    }

    void republishWithOtherMetadataIsConflict() {
        onBothBackends([](ServiceHarness& h) {
            h.publish(recordJson("r1", "p1", "2024-01-01T00:00:00Z", A));
            auto err = serviceError([&] { h.publish(recordJson("r1", "p1", "2024-01-01T00:00:00Z", B, "Other title")); });
            CPPUNIT_ASSERT_EQUAL(409, err.first);
            CPPUNIT_ASSERT_MESSAGE(err.second, err.second.find("r1") != std::string::npos);
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), h.log().size());
        });
    }

    void republishWithOnlyCommunitiesChangedMovesMembership() {
        onBothBackends([](ServiceHarness& h) {
            h.publish(recordJson("r1", "p1", "2024-01-01T00:00:00Z", A));
            h.at("2024-01-07T00:00:00Z");
            CPPUNIT_ASSERT_EQUAL(std::string("membership-changed"),
                                 h.publish(recordJson("r1", "p1", "2024-01-01T00:00:00Z", B)).status);
            ASSERT_LOG(h, (Lines{"r1 global added 2024-01-01 00:00:00", "r1 aaaa-1111 added 2024-01-01 00:00:00",
                                 "r1 bbbb-2222 added 2024-01-07 00:00:00", "r1 aaaa-1111 removed 2024-01-07 00:00:00"}));
        });
    }

    void badInputWritesNothing() {
        onBothBackends([](ServiceHarness& h) {
            h.publish(recordJson("r1", "p1", "2024-01-01T00:00:00Z"));
            auto before = h.log();
            auto e = serviceError([&] { h.call([](auto& tx) { return tx.add("nope", {A}); }); });
            CPPUNIT_ASSERT_EQUAL(404, e.first);
            e = serviceError([&] { h.call([](auto& tx) { return tx.add("r1", {"no-such-community"}); }); });
            CPPUNIT_ASSERT_EQUAL(404, e.first);
            CPPUNIT_ASSERT_MESSAGE(e.second, e.second.find("no-such-community") != std::string::npos);
            e = serviceError([&] { h.call([](auto& tx) { return tx.add("r1", {"global"}); }); });
            CPPUNIT_ASSERT_EQUAL(400, e.first);
            e = serviceError([&] { h.publish(recordJson("r9", "p9", "2024-01-01T00:00:00Z", "no-such")); });
            CPPUNIT_ASSERT_EQUAL(404, e.first);
            e = serviceError([&] { h.publish("{\"id\":\"r8\",\"created\":\"2024-01-01\"}"); });
            CPPUNIT_ASSERT_EQUAL(400, e.first);
            CPPUNIT_ASSERT_MESSAGE(e.second, e.second.find("parent") != std::string::npos);
            e = serviceError([&] { h.call([](auto& tx) { return tx.deleteRecord("ghost"); }); });
            CPPUNIT_ASSERT_EQUAL(404, e.first);
            // A failure after partial work (second id unknown) rolls the whole call back.
            e = serviceError([&] { h.call([](auto& tx) { return tx.bulkAdd(B, {"r1", "ghost"}); }); });
            CPPUNIT_ASSERT_EQUAL(404, e.first);
            CPPUNIT_ASSERT_EQUAL(std::string(""), [&] {
                std::string diff;
                auto after = h.log();
                if (after != before) diff = "log changed";
                return diff;
            }());
            h.call([](auto& tx) {
                CPPUNIT_ASSERT(!tx.repository().record("r9"));
                CPPUNIT_ASSERT(tx.repository().communitiesOf("p1").empty());
                return services::Outcome{};
            });
        });
    }

    void publicationDateIsNormalisedInEvents() {
        onBothBackends([](ServiceHarness& h) {
            h.publish(recordJson("r1", "p1", "2024-01-01T00:00:00Z"));
            h.call([](auto& tx) {
                auto events = tx.repository().eventsOf("r1");
                CPPUNIT_ASSERT_EQUAL(std::size_t(1), events.size());
                CPPUNIT_ASSERT_EQUAL(std::string("2020-05-01"), events[0].recordPublishedDate);
                CPPUNIT_ASSERT(events[0].recordCreatedDate.rfind("2024-01-01T00:00:00", 0) == 0);
                return services::Outcome{};
            });
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ComponentRulesTest);
