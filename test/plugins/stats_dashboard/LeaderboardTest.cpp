// The leaderboard queries (issue 8) on stored documents, SQLite and PostgreSQL: hand-computed
// rankings (LeaderboardWorld.cpp), ties by id, parent level, a record moving between communities,
// deleted and non-public records, permissions, bad params and the answer cache.
#include <cppunit/extensions/HelperMacros.h>

#include "LeaderboardWorld.h"
#include "LeaderboardSources.h"

using namespace statshost;
using namespace statshost::dashboard;
using namespace statshost::test;

namespace {

const Caller kAnonymous{};
const Caller kReader{"reader", {"read-restricted"}};
const Caller kPlainToken{"plain", {}};

Poco::JSON::Object::Ptr object(const std::string& json) { return parseJson(json).extract<Poco::JSON::Object::Ptr>(); }

/// "id=value" of each entry for `field`, with "+deleted" on deleted entries, joined by ",".
std::string ranking(const std::string& answer, const std::string& field) {
    auto entries = object(answer)->getArray("entries");
    std::string out;
    for (std::size_t i = 0; i < entries->size(); ++i) {
        auto e = entries->getObject(static_cast<unsigned>(i));
        out += (out.empty() ? "" : ",") + e->getValue<std::string>("id") + "=" + e->get(field).toString();
        if (e->has("deleted") && e->getValue<bool>("deleted")) out += "+deleted";
    }
    return out;
}

Poco::JSON::Object::Ptr entry(const std::string& answer, unsigned index) {
    return object(answer)->getArray("entries")->getObject(index);
}

}  // namespace

class LeaderboardTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(LeaderboardTest);
    CPPUNIT_TEST(topRecordsRanksVersionsWithTiesById);
    CPPUNIT_TEST(topRecordsSkipsHiddenRecordsAndFillsUp);
    CPPUNIT_TEST(topRecordsHidesRecordsOfRestrictedCommunitiesOnly);
    CPPUNIT_TEST(topRecordsParentLevelUsesParentUniques);
    CPPUNIT_TEST(topRecordsFollowsCommunityDocumentsAndPeriod);
    CPPUNIT_TEST(topRecordsAnswerShape);
    CPPUNIT_TEST(communityScopedCallsFollowDashboardRules);
    CPPUNIT_TEST(topUploadersNamesAndMasksOwners);
    CPPUNIT_TEST(topCommunitiesHidesRestrictedCommunities);
    CPPUNIT_TEST(topSubcommunitiesListsChildren);
    CPPUNIT_TEST(badParamsAre400NamingTheParam);
    CPPUNIT_TEST(servedThroughQueryService);
    CPPUNIT_TEST(cachedUntilReaggregation);
    CPPUNIT_TEST(ownerIdsAndUrls);
    CPPUNIT_TEST_SUITE_END();

public:
    void topRecordsRanksVersionsWithTiesById() {
        onBothBackendsWithLeaderboards([](LeaderboardWorld& w) {
            // r4 (9 views) is not public: only the reader sees it; r1 and r3 tie at 5 → by id.
            CPPUNIT_ASSERT_EQUAL(std::string("r4=9,r2=7,r1=5,r3=5+deleted"),
                                 ranking(w.run(Leaderboard::Records, "{}", kReader), "views"));
            CPPUNIT_ASSERT_EQUAL(std::string("r2=4,r1=2"),
                                 ranking(w.run(Leaderboard::Records, R"({"metric": "downloads"})"), "downloads"));
            CPPUNIT_ASSERT_EQUAL(std::string("r2=350,r1=100"),
                                 ranking(w.run(Leaderboard::Records, R"({"metric": "volume"})"), "data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::string("r2=7,r3=5+deleted,r1=4"),
                                 ranking(w.run(Leaderboard::Records, R"({"metric": "unique_views"})"), "unique_views"));
        });
    }

    void topRecordsSkipsHiddenRecordsAndFillsUp() {
        onBothBackendsWithLeaderboards([](LeaderboardWorld& w) {
            CPPUNIT_ASSERT_EQUAL(std::string("r2=7,r1=5,r3=5+deleted"), ranking(w.run(Leaderboard::Records, "{}"), "views"));
            CPPUNIT_ASSERT_EQUAL(std::string("r2=7"), ranking(w.run(Leaderboard::Records, R"({"size": 1})"), "views"));
            CPPUNIT_ASSERT_EQUAL(std::string("r2=7,r1=5"), ranking(w.run(Leaderboard::Records, R"({"size": 2})"), "views"));
            CPPUNIT_ASSERT_EQUAL(std::string("r4=9"), ranking(w.run(Leaderboard::Records, R"({"size": 1})", kReader), "views"));
        });
    }

    void topRecordsHidesRecordsOfRestrictedCommunitiesOnly() {
        onBothBackendsWithLeaderboards([](LeaderboardWorld& w) {
            // r1 now belongs only to the restricted c2: gone from the anonymous global ranking, shown to a reader.
            for (RecordSummary& r : w.base.records.summaries)
                if (r.recordId == "r1") r.communityIds = {"c2"};
            CPPUNIT_ASSERT_EQUAL(std::string("r2=7,r3=5+deleted"), ranking(w.run(Leaderboard::Records, "{}"), "views"));
            CPPUNIT_ASSERT_EQUAL(std::string("r4=9,r2=7,r1=5,r3=5+deleted"),
                                 ranking(w.run(Leaderboard::Records, "{}", kReader), "views"));
        });
    }

    void topRecordsParentLevelUsesParentUniques() {
        onBothBackendsWithLeaderboards([](LeaderboardWorld& w) {
            const std::string answer = w.run(Leaderboard::Records, R"({"level": "parent"})");
            CPPUNIT_ASSERT_EQUAL(std::string("p1=12,p3=5+deleted"), ranking(answer, "views"));
            auto p1 = entry(answer, 0);
            CPPUNIT_ASSERT_EQUAL(10, p1->getValue<int>("unique_views"));  // parents[], not 4+3+4
            CPPUNIT_ASSERT_EQUAL(5, p1->getValue<int>("unique_downloads"));
            CPPUNIT_ASSERT_EQUAL(450, p1->getValue<int>("data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::string("New title"), p1->getValue<std::string>("title"));  // latest version
            CPPUNIT_ASSERT_EQUAL(std::string("https://repo.example/records/r2?parent=p1"), p1->getValue<std::string>("url"));
            CPPUNIT_ASSERT_EQUAL(std::string("p1=12,p4=9,p3=5+deleted"),
                                 ranking(w.run(Leaderboard::Records, R"({"level": "parent"})", kReader), "views"));
        });
    }

    void topRecordsFollowsCommunityDocumentsAndPeriod() {
        onBothBackendsWithLeaderboards([](LeaderboardWorld& w) {
            // r1 was in c1 on day 1 and in c4 on day 2.
            CPPUNIT_ASSERT_EQUAL(std::string("r1=5,r3=5+deleted"),
                                 ranking(w.run(Leaderboard::Records, R"({"community_id": "c1"})"), "views"));
            CPPUNIT_ASSERT_EQUAL(std::string("r1=7"), ranking(w.run(Leaderboard::Records, R"({"community_id": "four"})"), "views"));
            CPPUNIT_ASSERT_EQUAL(std::string(""),
                                 ranking(w.run(Leaderboard::Records, R"({"community_id": "c4", "end_date": "2025-01-01"})"), "views"));
            CPPUNIT_ASSERT_EQUAL(std::string("r2=4"),
                                 ranking(w.run(Leaderboard::Records, R"({"start_date": "2025-01-02", "end_date": "2025-01-02"})"), "views"));
        });
    }

    void topRecordsAnswerShape() {
        onBothBackendsWithLeaderboards([](LeaderboardWorld& w) {
            const std::string answer = w.run(Leaderboard::Records, R"({"community_id": "one", "start_date": "2025-01-01", "size": 1})");
            auto root = object(answer);
            CPPUNIT_ASSERT_EQUAL(std::string("top-records"), root->getValue<std::string>("query"));
            auto params = root->getObject("params");
            CPPUNIT_ASSERT_EQUAL(std::string("c1"), params->getValue<std::string>("community_id"));
            CPPUNIT_ASSERT_EQUAL(std::string("views"), params->getValue<std::string>("metric"));
            CPPUNIT_ASSERT_EQUAL(std::string("version"), params->getValue<std::string>("level"));
            CPPUNIT_ASSERT_EQUAL(1, params->getValue<int>("size"));
            CPPUNIT_ASSERT(params->isNull("end_date"));
            CPPUNIT_ASSERT_EQUAL(std::string("2025-01-01"), root->getObject("period")->getValue<std::string>("start"));
            CPPUNIT_ASSERT_EQUAL(std::string("2025-01-01"), root->getObject("period")->getValue<std::string>("end"));
            auto first = entry(answer, 0);
            CPPUNIT_ASSERT_EQUAL(1, first->getValue<int>("rank"));
            CPPUNIT_ASSERT_EQUAL(std::string("r1"), first->getValue<std::string>("id"));
            CPPUNIT_ASSERT_EQUAL(std::string("p1"), first->getValue<std::string>("parent"));
            CPPUNIT_ASSERT_EQUAL(std::string("Old title"), first->getValue<std::string>("title"));
            CPPUNIT_ASSERT_EQUAL(4, first->getValue<int>("unique_views"));
            CPPUNIT_ASSERT_EQUAL(2, first->getValue<int>("downloads"));
            CPPUNIT_ASSERT_EQUAL(false, first->getValue<bool>("deleted"));
            CPPUNIT_ASSERT_EQUAL(std::string("https://repo.example/records/r1?parent=p1"), first->getValue<std::string>("url"));
        });
    }

    void communityScopedCallsFollowDashboardRules() {
        onBothBackendsWithLeaderboards([](LeaderboardWorld& w) {
            CPPUNIT_ASSERT_EQUAL(404, errorOf([&] { w.run(Leaderboard::Records, R"({"community_id": "c2"})"); }).first);
            CPPUNIT_ASSERT_EQUAL(403, errorOf([&] { w.run(Leaderboard::Records, R"({"community_id": "c2"})", kPlainToken); }).first);
            CPPUNIT_ASSERT_EQUAL(404, errorOf([&] { w.run(Leaderboard::Uploaders, R"({"community_id": "nope"})"); }).first);
            CPPUNIT_ASSERT_EQUAL(std::string("r9=50"),
                                 ranking(w.run(Leaderboard::Records, R"({"community_id": "c2"})", kReader), "views"));
        });
    }

    void topUploadersNamesAndMasksOwners() {
        onBothBackendsWithLeaderboards([](LeaderboardWorld& w) {
            const std::string answer = w.run(Leaderboard::Uploaders, "{}");
            CPPUNIT_ASSERT_EQUAL(std::string("17=3,9=3,j***@e***=1"), ranking(answer, "records"));
            CPPUNIT_ASSERT_EQUAL(std::string("Jane Doe"), entry(answer, 0)->getValue<std::string>("name"));
            CPPUNIT_ASSERT(entry(answer, 1)->isNull("name"));
            CPPUNIT_ASSERT(answer.find("example.org") == std::string::npos);
            CPPUNIT_ASSERT_EQUAL(std::string("9=30,17=11,j***@e***=5"),
                                 ranking(w.run(Leaderboard::Uploaders, R"({"metric": "volume"})"), "data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::string("9=3,17=1"),
                                 ranking(w.run(Leaderboard::Uploaders, R"({"start_date": "2025-01-02", "metric": "parents"})"), "records"));
        });
    }

    void topCommunitiesHidesRestrictedCommunities() {
        onBothBackendsWithLeaderboards([](LeaderboardWorld& w) {
            const std::string answer = w.run(Leaderboard::Communities, "{}");
            CPPUNIT_ASSERT_EQUAL(std::string("c1=3,c3=1,c4=0"), ranking(answer, "records"));
            CPPUNIT_ASSERT_EQUAL(std::string("one"), entry(answer, 0)->getValue<std::string>("slug"));
            CPPUNIT_ASSERT_EQUAL(std::string("Community One"), entry(answer, 0)->getValue<std::string>("title"));
            CPPUNIT_ASSERT_EQUAL(10, entry(answer, 0)->getValue<int>("views"));
            CPPUNIT_ASSERT_EQUAL(2, entry(answer, 0)->getValue<int>("downloads"));
            CPPUNIT_ASSERT_EQUAL(std::string("c1=10,c4=7,c3=0"),
                                 ranking(w.run(Leaderboard::Communities, R"({"metric": "views"})"), "views"));
            CPPUNIT_ASSERT_EQUAL(std::string("c2=5,c1=3,c3=1,c4=0"), ranking(w.run(Leaderboard::Communities, "{}", kReader), "records"));
            CPPUNIT_ASSERT_EQUAL(std::string("c1=1,c3=1,c4=0"),
                                 ranking(w.run(Leaderboard::Communities, R"({"start_date": "2025-01-02"})"), "records"));
        });
    }

    void topSubcommunitiesListsChildren() {
        onBothBackendsWithLeaderboards([](LeaderboardWorld& w) {
            CPPUNIT_ASSERT_EQUAL(std::string("c3=1"), ranking(w.run(Leaderboard::Subcommunities, R"({"community_id": "one"})"), "records"));
            CPPUNIT_ASSERT_EQUAL(std::string("c2=5,c3=1"),
                                 ranking(w.run(Leaderboard::Subcommunities, R"({"community_id": "c1"})", kReader), "records"));
            CPPUNIT_ASSERT_EQUAL(std::string(""), ranking(w.run(Leaderboard::Subcommunities, R"({"community_id": "c4"})"), "records"));
            CPPUNIT_ASSERT_EQUAL(404, errorOf([&] { w.run(Leaderboard::Subcommunities, R"({"community_id": "two"})"); }).first);
        });
    }

    void badParamsAre400NamingTheParam() {
        onBothBackendsWithLeaderboards([](LeaderboardWorld& w) {
            auto configError = [&](Leaderboard board, const std::string& params, const std::string& path) {
                try {
                    w.run(board, params);
                } catch (const ConfigError& e) {
                    CPPUNIT_ASSERT_EQUAL_MESSAGE(params, path, e.keyPath());
                    return;
                }
                CPPUNIT_FAIL("no ConfigError for " + params);
            };
            configError(Leaderboard::Records, R"({"metric": "likes"})", "metric");
            configError(Leaderboard::Records, R"({"level": "family"})", "level");
            configError(Leaderboard::Records, R"({"size": 0})", "size");
            configError(Leaderboard::Records, R"({"size": 101})", "size");
            configError(Leaderboard::Records, R"({"size": "ten"})", "size");
            configError(Leaderboard::Records, R"({"start_date": "2025-13-01"})", "start_date");
            configError(Leaderboard::Records, R"({"colour": "red"})", "colour");
            configError(Leaderboard::Uploaders, R"({"level": "parent"})", "level");
            configError(Leaderboard::Uploaders, R"({"metric": "views"})", "metric");
            configError(Leaderboard::Communities, R"({"community_id": "c1"})", "community_id");
            configError(Leaderboard::Subcommunities, "{}", "community_id");
            configError(Leaderboard::Subcommunities, R"({"community_id": "global"})", "community_id");
            auto [status, message] = errorOf([&] { w.run(Leaderboard::Records, R"({"start_date": "2025-02-01", "end_date": "2025-01-01"})"); });
            CPPUNIT_ASSERT_EQUAL(400, status);
            CPPUNIT_ASSERT(message.find("start_date") != std::string::npos);
        });
    }

    void servedThroughQueryService() {
        onBothBackendsWithLeaderboards([](LeaderboardWorld& w) {
            w.service->registerWith(*w.base.service);
            const std::string answer = w.base.service->run("top-records", DashboardWorld::params(R"({"size": 2})"), kAnonymous);
            CPPUNIT_ASSERT_EQUAL(std::string("r2=7,r1=5"), ranking(answer, "views"));
            CPPUNIT_ASSERT(findQuery("top-subcommunities") && findQuery("top-subcommunities")->external);
            CPPUNIT_ASSERT_EQUAL(404, errorOf([&] {
                w.base.service->prepare("top-uploaders", DashboardWorld::params(R"({"community_id": "c2"})"), kAnonymous);
            }).first);
        });
    }

    void cachedUntilReaggregation() {
        onBothBackendsWithLeaderboards([](LeaderboardWorld& w) {
            const std::string first = w.run(Leaderboard::Records, "{}");
            const auto alias = communityRecordUsageIndex().alias;
            // A rewrite without a new generation is not seen (answer cached) ...
            w.write(alias, "global",
                    {"{\"period_start\":\"2025-01-03T00:00:00\",\"records\":[{\"id\":\"r3\",\"parent\":\"p3\",\"views\":10}],"
                     "\"parents\":[],\"totals\":{}}"});
            CPPUNIT_ASSERT_EQUAL(first, w.run(Leaderboard::Records, "{}"));
            // ... the aggregation's watermark moving makes the next call read again.
            w.base.store.setBookmark(communityRecordUsageIndex().aggregation + "#seq", "*", "1");
            CPPUNIT_ASSERT_EQUAL(std::string("r3=15+deleted,r2=7,r1=5"), ranking(w.run(Leaderboard::Records, "{}"), "views"));
        });
    }

    void ownerIdsAndUrls() {
        CPPUNIT_ASSERT_EQUAL(std::string("17"), shownOwnerId("17"));
        CPPUNIT_ASSERT_EQUAL(std::string("j***@e***"), shownOwnerId("jane@example.org"));
        CPPUNIT_ASSERT_EQUAL(std::string("***@***"), shownOwnerId("@"));
        CPPUNIT_ASSERT_EQUAL(std::string("/records/a%2Fb"), recordUrl("/records/{id}", "a/b", "p"));
        CPPUNIT_ASSERT_EQUAL(std::string("/p/x/v/y"), recordUrl("/p/{parent_id}/v/{id}", "y", "x"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(LeaderboardTest);
