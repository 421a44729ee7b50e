/// Every situation the demo data must exercise (SEMANTICS §1, §2, §6, §10) occurs at least once
/// in the `small` stream. Each test looks for its situations directly in the JSON lines.
#include <cppunit/extensions/HelperMacros.h>

#include <map>
#include <regex>
#include <set>

#include <Poco/JSON/Array.h>

#include "DemoTestSupport.h"

using namespace statshost::demo;
using namespace statshost::demo::test;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

std::set<std::string> idSet(const Array::Ptr& a) {
    std::set<std::string> s;
    if (a)
        for (std::size_t i = 0; i < a->size(); ++i) s.insert(a->get(i).toString());
    return s;
}

/// The visitor identity of a hit as SEMANTICS §6.2 builds it (before hashing).
std::string visitorOf(const Object::Ptr& j) {
    return (j->has("user_id") ? j->get("user_id").toString() : "") + "|" + str(j, "session_id") + "|" + str(j, "ip") +
           "|" + str(j, "user_agent");
}

long long epochOf(const std::string& at) {
    // Seconds since an arbitrary origin; enough to compare times within a day or two.
    const int y = std::stoi(at.substr(0, 4)), m = std::stoi(at.substr(5, 2)), d = std::stoi(at.substr(8, 2));
    const long long days = y * 372LL + m * 31LL + d;
    return days * 86400 + std::stoi(at.substr(11, 2)) * 3600 + std::stoi(at.substr(14, 2)) * 60 +
           std::stoi(at.substr(17, 2));
}

}  // namespace

class DemoSituationsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(DemoSituationsTest);
    CPPUNIT_TEST(communitiesComeFirstWithEveryFlavour);
    CPPUNIT_TEST(publicationDatesOfEveryKind);
    CPPUNIT_TEST(parentsGainVersionsWithAndWithoutCommunityChanges);
    CPPUNIT_TEST(membershipOperations);
    CPPUNIT_TEST(acceptRequestsOfEveryType);
    CPPUNIT_TEST(deleteThenRestore);
    CPPUNIT_TEST(metadataOnlyAndMultiFileRecords);
    CPPUNIT_TEST(recordsInNoOneAndSeveralCommunities);
    CPPUNIT_TEST(userAgentsRobotsAndMachines);
    CPPUNIT_TEST(addressesFromEveryDocumentationRange);
    CPPUNIT_TEST(usersSessionsReferrersCountries);
    CPPUNIT_TEST(apiViewsAndDoubleClicks);
    CPPUNIT_TEST(downloadsWithKeysAndSizes);
    CPPUNIT_TEST(situationsHoldForOtherSeeds);
    CPPUNIT_TEST_SUITE_END();

public:
    void communitiesComeFirstWithEveryFlavour() {
        const Stream& s = smallStream();
        std::size_t communities = 0;
        bool seenOther = false, restricted = false, open = false, dashboardOn = false, dashboardOff = false;
        for (const auto& l : s.lines) {
            if (l.op != "community") {
                seenOther = true;
                continue;
            }
            CPPUNIT_ASSERT_MESSAGE("community after other ops", !seenOther);
            ++communities;
            const auto c = obj(l.json, "community");
            CPPUNIT_ASSERT(isUuid(str(c, "id")));
            const std::string vis = str(obj(c, "access"), "visibility");
            restricted = restricted || vis == "restricted";
            open = open || vis == "public";
            const bool on = obj(c, "custom_fields")->getValue<bool>("stats:dashboard_enabled");
            dashboardOn = dashboardOn || on;
            dashboardOff = dashboardOff || !on;
        }
        CPPUNIT_ASSERT_EQUAL(std::size_t(5), communities);
        CPPUNIT_ASSERT(restricted && open && dashboardOn && dashboardOff);
    }

    void publicationDatesOfEveryKind() {
        bool backDated = false, preFloor = false, future = false, year = false, yearMonth = false, interval = false,
             missing = false, fullDay = false;
        for (const auto& l : smallStream().lines) {
            if (l.op != "publish") continue;
            const auto meta = path(l.json, "record.metadata");
            if (!meta->has("publication_date")) {
                missing = true;
                continue;
            }
            const std::string d = str(meta, "publication_date");
            const std::string created = l.at.substr(0, 10);
            if (d.find('/') != std::string::npos) {
                interval = true;
                CPPUNIT_ASSERT(std::regex_match(d, std::regex(R"(\d{4}(-\d\d(-\d\d)?)?/\d{4}(-\d\d(-\d\d)?)?)")));
            } else if (std::regex_match(d, std::regex(R"(\d{4})"))) {
                year = true;
            } else if (std::regex_match(d, std::regex(R"(\d{4}-\d\d)"))) {
                yearMonth = true;
            } else {
                CPPUNIT_ASSERT_MESSAGE(d, std::regex_match(d, std::regex(R"(\d{4}-\d\d-\d\d)")));
                fullDay = true;
                if (d > created) future = true;
                if (std::stoi(d.substr(0, 4)) <= std::stoi(created.substr(0, 4)) - 2) backDated = true;
                if (d < "1900-01-01") preFloor = true;
            }
        }
        CPPUNIT_ASSERT(fullDay);
        CPPUNIT_ASSERT_MESSAGE("back-dated (years earlier)", backDated);
        CPPUNIT_ASSERT_MESSAGE("future", future);
        CPPUNIT_ASSERT_MESSAGE("YYYY", year);
        CPPUNIT_ASSERT_MESSAGE("YYYY-MM", yearMonth);
        CPPUNIT_ASSERT_MESSAGE("EDTF interval", interval);
        CPPUNIT_ASSERT_MESSAGE("missing", missing);
        (void)preFloor;  // rare (a few percent of back-dated records); asserted at medium scale in DemoShapeTest
    }

    void parentsGainVersionsWithAndWithoutCommunityChanges() {
        std::map<std::string, std::set<std::string>> current;  // parent -> communities, replayed
        std::map<std::string, int> versions;
        bool changed = false, omitted = false, restated = false, emptied = false;
        // `current` follows publishes only; membership ops in between can make a restated set look
        // "changed", which is why restated/changed are both asserted rather than counted exactly.
        for (const auto& l : smallStream().lines) {
            const auto& j = l.json;
            if (l.op == "publish") {
                const auto parent = path(j, "record.parent");
                const std::string pid = str(parent, "id");
                const int index = path(j, "record.versions")->getValue<int>("index");
                CPPUNIT_ASSERT_EQUAL(versions[pid] + 1, index);
                versions[pid] = index;
                const auto communities = obj(parent, "communities");
                if (index == 1) {
                    current[pid] = idSet(arr(communities, "ids"));
                    continue;
                }
                if (!communities) {
                    omitted = true;
                    continue;
                }
                const auto ids = idSet(arr(communities, "ids"));
                if (ids == current[pid]) restated = true;
                else changed = true;
                if (ids.empty() && !current[pid].empty()) emptied = true;
                current[pid] = ids;
            }
        }
        int most = 0;
        for (const auto& v : versions) most = std::max(most, v.second);
        CPPUNIT_ASSERT_MESSAGE("a parent with several versions", most >= 2);
        CPPUNIT_ASSERT_MESSAGE("a new version changing parent.communities.ids", changed);
        CPPUNIT_ASSERT_MESSAGE("a new version omitting parent.communities", omitted);
        CPPUNIT_ASSERT_MESSAGE("a new version restating the same communities", restated);
        (void)emptied;  // explicit [] occurs (deck), but only counts as a change when the set was non-empty
    }

    void membershipOperations() {
        std::size_t adds = 0, removes = 0, bulk = 0, bulkRecords = 0;
        for (const auto& l : smallStream().lines) {
            if (l.op == "add") ++adds;
            if (l.op == "remove") ++removes;
            if (l.op == "bulk_add") {
                ++bulk;
                bulkRecords = std::max(bulkRecords, arr(l.json, "record_ids")->size());
            }
        }
        CPPUNIT_ASSERT(adds >= 1);
        CPPUNIT_ASSERT(removes >= 1);
        CPPUNIT_ASSERT(bulk >= 1);
        CPPUNIT_ASSERT_MESSAGE("a bulk_add of several records", bulkRecords >= 2);
        // A remove of a community the parent is actually in (not only no-op removes).
        std::map<std::string, std::string> parentOf;
        std::map<std::string, std::set<std::string>> current;
        bool effectiveRemove = false;
        for (const auto& l : smallStream().lines) {
            const auto& j = l.json;
            if (l.op == "publish") {
                const auto parent = path(j, "record.parent");
                parentOf[str(path(j, "record"), "id")] = str(parent, "id");
                if (obj(parent, "communities")) current[str(parent, "id")] = idSet(arr(obj(parent, "communities"), "ids"));
            } else if (l.op == "add") {
                for (const auto& c : idSet(arr(j, "community_ids"))) current[parentOf[str(j, "record_id")]].insert(c);
            } else if (l.op == "bulk_add") {
                for (const auto& r : idSet(arr(j, "record_ids"))) current[parentOf[r]].insert(str(j, "community_id"));
            } else if (l.op == "accept_request") {
                const auto q = obj(j, "request");
                current[parentOf[str(obj(q, "topic"), "record")]].insert(str(obj(q, "receiver"), "community"));
            } else if (l.op == "remove") {
                auto& set = current[parentOf[str(j, "record_id")]];
                for (const auto& c : idSet(arr(j, "community_ids"))) effectiveRemove = set.erase(c) > 0 || effectiveRemove;
            }
        }
        CPPUNIT_ASSERT_MESSAGE("a remove of an actual membership", effectiveRemove);
    }

    void acceptRequestsOfEveryType() {
        std::map<std::string, int> types;
        bool transferThenRemove = false;
        const auto& lines = smallStream().lines;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (lines[i].op != "accept_request") continue;
            const auto q = obj(lines[i].json, "request");
            ++types[str(q, "type")];
            // The source community's removal follows a transfer as its own operation.
            if (str(q, "type") == "community-transfer" && i + 1 < lines.size() && lines[i + 1].op == "remove" &&
                str(lines[i + 1].json, "record_id") == str(obj(q, "topic"), "record"))
                transferThenRemove = true;
        }
        CPPUNIT_ASSERT(types["community-inclusion"] >= 1);
        CPPUNIT_ASSERT(types["community-submission"] >= 1);
        CPPUNIT_ASSERT(types["community-transfer"] >= 1);
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), types.size());
        CPPUNIT_ASSERT(transferThenRemove);
    }

    void deleteThenRestore() {
        std::map<std::string, std::string> deletedAt;
        std::size_t restoredAfterDelete = 0, stillDeleted = 0, hitsWhileDeleted = 0;
        std::set<std::string> deleted;
        for (const auto& l : smallStream().lines) {
            if (l.op == "delete") {
                deletedAt[str(l.json, "record_id")] = l.at;
                deleted.insert(str(l.json, "record_id"));
            } else if (l.op == "restore") {
                const std::string id = str(l.json, "record_id");
                CPPUNIT_ASSERT(deletedAt.count(id));
                CPPUNIT_ASSERT(deletedAt[id] <= l.at);
                deleted.erase(id);
                ++restoredAfterDelete;
            } else if ((l.op == "view") && deleted.count(str(l.json, "recid"))) {
                ++hitsWhileDeleted;
            }
        }
        stillDeleted = deleted.size();
        CPPUNIT_ASSERT(deletedAt.size() >= 3);
        CPPUNIT_ASSERT(restoredAfterDelete >= 1);
        CPPUNIT_ASSERT_MESSAGE("some deletions are never restored", stillDeleted >= 1);
        (void)hitsWhileDeleted;  // tombstone views are possible but rare at this scale
    }

    void metadataOnlyAndMultiFileRecords() {
        bool metadataOnly = false, multiExt = false, withFiles = false;
        for (const auto& l : smallStream().lines) {
            if (l.op != "publish") continue;
            const auto files = path(l.json, "record.files");
            if (!files->getValue<bool>("enabled")) {
                metadataOnly = true;
                CPPUNIT_ASSERT_EQUAL(std::size_t(0), obj(files, "entries")->size());
                CPPUNIT_ASSERT_EQUAL(std::string("metadata-only"), str(path(l.json, "record.access"), "status").empty()
                                                                        ? std::string("metadata-only")
                                                                        : str(path(l.json, "record.access"), "status"));
                continue;
            }
            withFiles = true;
            std::set<std::string> exts;
            const auto entries = obj(files, "entries");
            for (const auto& k : entries->getNames()) {
                const auto e = obj(entries, k);
                const std::string ext = e->has("ext") ? str(e, "ext") : k.substr(k.rfind('.') + 1);
                exts.insert(ext);
            }
            if (exts.size() >= 2) multiExt = true;
        }
        CPPUNIT_ASSERT(metadataOnly);
        CPPUNIT_ASSERT(withFiles);
        CPPUNIT_ASSERT_MESSAGE("a record with several files of different extensions", multiExt);
    }

    void recordsInNoOneAndSeveralCommunities() {
        std::size_t none = 0, one = 0, several = 0;
        std::map<std::string, std::size_t> size;
        for (const auto& l : smallStream().lines) {
            if (l.op != "publish" || path(l.json, "record.versions")->getValue<int>("index") != 1) continue;
            const auto ids = idSet(arr(path(l.json, "record.parent.communities"), "ids"));
            (ids.empty() ? none : ids.size() == 1 ? one : several)++;
            for (const auto& c : ids) ++size[c];
        }
        CPPUNIT_ASSERT(none >= 1 && one >= 1 && several >= 1);
        CPPUNIT_ASSERT(one > several);
        std::size_t biggest = 0, smallest = SIZE_MAX;
        for (const auto& s : size) {
            biggest = std::max(biggest, s.second);
            smallest = std::min(smallest, s.second);
        }
        CPPUNIT_ASSERT_MESSAGE("skewed community sizes", biggest >= 3 * smallest);
    }

    void userAgentsRobotsAndMachines() {
        std::set<std::string> agents;
        bool absentAgent = false;
        for (const auto& l : smallStream().lines) {
            if (l.op != "view" && l.op != "download") continue;
            if (l.json->has("user_agent")) agents.insert(str(l.json, "user_agent"));
            else absentAgent = true;
        }
        CPPUNIT_ASSERT(agents.count("curl/8.0"));
        CPPUNIT_ASSERT(agents.count("python-requests/2.31"));
        // Machine agents per the Make Data Count list (a few of its patterns).
        const std::regex machine(R"(aria2\/\d|libwww|http.?client|PycURL|gvfs\/)");
        const std::regex crawler(R"(bot)");
        std::size_t machines = 0, crawlers = 0, browsers = 0;
        for (const auto& a : agents) {
            if (std::regex_search(a, machine)) ++machines;
            if (std::regex_search(a, crawler)) ++crawlers;
            if (a.rfind("Mozilla/5.0 (", 0) == 0 && a.find("bot") == std::string::npos) ++browsers;
        }
        CPPUNIT_ASSERT(machines >= 1);
        CPPUNIT_ASSERT(crawlers >= 1);
        CPPUNIT_ASSERT(browsers >= 5);
        CPPUNIT_ASSERT(!agents.count(""));
        CPPUNIT_ASSERT(!agents.count("Mozilla/5.0"));  // a bare Mozilla/5.0 is a robot (SEMANTICS §10.1)
        (void)absentAgent;
    }

    void addressesFromEveryDocumentationRange() {
        bool v4a = false, v4b = false, v4c = false, v6 = false;
        const std::regex v4(R"((192\.0\.2|198\.51\.100|203\.0\.113)\.(\d{1,3}))");
        const std::regex v6re(R"(2001:db8:[0-9a-f]{1,4}:[0-9a-f]{1,4}::[0-9a-f]{1,4})");
        for (const auto& l : smallStream().lines) {
            if (l.op != "view" && l.op != "download") continue;
            if (!l.json->has("ip")) continue;
            const std::string ip = str(l.json, "ip");
            std::smatch m;
            if (std::regex_match(ip, m, v4)) {
                const int host = std::stoi(m[2]);
                CPPUNIT_ASSERT(host >= 1 && host <= 254);
                v4a = v4a || m[1] == "192.0.2";
                v4b = v4b || m[1] == "198.51.100";
                v4c = v4c || m[1] == "203.0.113";
            } else {
                CPPUNIT_ASSERT_MESSAGE("address outside the documentation ranges: " + ip, std::regex_match(ip, v6re));
                v6 = true;
            }
        }
        CPPUNIT_ASSERT(v4a && v4b && v4c && v6);
    }

    void usersSessionsReferrersCountries() {
        std::size_t hits = 0, withUser = 0, numericUser = 0, withSession = 0, withCountry = 0, google = 0,
                    scholar = 0, noReferrer = 0;
        for (const auto& l : smallStream().lines) {
            if (l.op != "view" && l.op != "download") continue;
            ++hits;
            const auto& j = l.json;
            if (j->has("user_id")) {
                ++withUser;
                if (j->get("user_id").isInteger()) ++numericUser;
            }
            if (j->has("session_id")) ++withSession;
            if (j->has("country")) ++withCountry;
            const std::string ref = str(j, "referrer");
            if (!j->has("referrer")) ++noReferrer;
            else if (ref.rfind("https://www.google.", 0) == 0) ++google;
            else if (ref.rfind("https://scholar.google.com/", 0) == 0) ++scholar;
        }
        CPPUNIT_ASSERT(withUser > 0 && withUser < hits / 2);
        CPPUNIT_ASSERT_MESSAGE("user ids given as numbers too", numericUser > 0 && numericUser < withUser);
        CPPUNIT_ASSERT(withSession > 0 && withSession < hits);
        CPPUNIT_ASSERT_MESSAGE("country on some lines, missing on others", withCountry > hits / 10 && withCountry < hits * 9 / 10);
        CPPUNIT_ASSERT(google > 0 && scholar > 0 && noReferrer > 0);
        CPPUNIT_ASSERT(google > scholar);
    }

    void apiViewsAndDoubleClicks() {
        std::size_t api = 0, doubleClicks = 0;
        std::map<std::string, long long> lastSeen;  // (op, recid, file, visitor) -> time
        for (const auto& l : smallStream().lines) {
            if (l.op != "view" && l.op != "download") continue;
            const auto& j = l.json;
            if (j->has("via_api") && j->getValue<bool>("via_api")) {
                CPPUNIT_ASSERT_EQUAL(std::string("view"), l.op);
                ++api;
            }
            const std::string key = l.op + "|" + str(j, "recid") + "|" + str(j, "file_key") + "|" + visitorOf(j);
            const long long t = epochOf(l.at);
            auto it = lastSeen.find(key);
            // Same visitor, same thing, same 10-second epoch-aligned bucket (SEMANTICS §6.3).
            if (it != lastSeen.end() && t - it->second < 10 && t / 10 == it->second / 10) ++doubleClicks;
            lastSeen[key] = t;
        }
        CPPUNIT_ASSERT(api >= 1);
        CPPUNIT_ASSERT(doubleClicks >= 3);
    }

    void downloadsWithKeysAndSizes() {
        std::map<std::string, Object::Ptr> entriesOf;
        std::size_t downloads = 0, withSize = 0, withFileId = 0;
        for (const auto& l : smallStream().lines) {
            if (l.op == "publish") entriesOf[str(path(l.json, "record"), "id")] = path(l.json, "record.files.entries");
            if (l.op != "download") continue;
            ++downloads;
            const auto entry = obj(entriesOf[str(l.json, "recid")], str(l.json, "file_key"));
            CPPUNIT_ASSERT(entry);
            if (l.json->has("size")) {
                ++withSize;
                CPPUNIT_ASSERT_EQUAL(entry->get("size").toString(), l.json->get("size").toString());
            }
            if (l.json->has("file_id")) {
                ++withFileId;
                CPPUNIT_ASSERT_EQUAL(str(entry, "id"), str(l.json, "file_id"));
            }
        }
        CPPUNIT_ASSERT(downloads > 0);
        CPPUNIT_ASSERT_MESSAGE("size on some download lines, not all", withSize > 0 && withSize < downloads);
        CPPUNIT_ASSERT(withFileId > 0 && withFileId < downloads);
    }

    void situationsHoldForOtherSeeds() {
        // The decks guarantee the lifecycle situations whatever the seed.
        for (std::uint64_t seed : {2u, 99u}) {
            const Stream& s = smallStream(seed);
            std::set<std::string> ops, requestTypes;
            for (const auto& l : s.lines) {
                ops.insert(l.op);
                if (l.op == "accept_request") requestTypes.insert(str(obj(l.json, "request"), "type"));
            }
            for (const char* op : {"community", "publish", "add", "bulk_add", "remove", "accept_request", "delete",
                                   "restore", "view", "download"})
                CPPUNIT_ASSERT_MESSAGE(std::string(op) + " seed " + std::to_string(seed), ops.count(op));
            CPPUNIT_ASSERT_EQUAL(std::size_t(3), requestTypes.size());
            CPPUNIT_ASSERT(s.summary.versionCommunityChanges >= 1);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DemoSituationsTest);
