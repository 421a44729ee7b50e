// The host's repository lookups lent to blueprints (host/app/RepositoryDirectories.*), on SQLite and
// PostgreSQL: communities with their parent community, record versions with title, access, deletion
// state and their parent's communities.
#include <cppunit/extensions/HelperMacros.h>

#include <functional>

#include "app/RepositoryDirectories.h"
#include "repository/RepositoryTx.h"
#include "support/TestBackends.h"

using namespace statshost;
using namespace statshost::test;

namespace {

class StillClock : public Clock {
public:
    std::int64_t nowMicros() const override { return 1735689600000000; }  // 2025-01-01
};

repository::CommunityRow community(const std::string& id, const std::string& slug, const std::string& visibility,
                                   const std::string& json) {
    repository::CommunityRow c;
    c.id = id;
    c.slug = slug;
    c.title = "Title " + slug;
    c.visibility = visibility;
    c.dashboardEnabled = visibility == "public";
    c.sourceJson = json;
    return c;
}

repository::RecordRow record(const std::string& id, const std::string& parent, std::int64_t createdMicros,
                             const std::string& json, const std::string& owner = "17") {
    repository::RecordRow r;
    r.ref.recordId = id;
    r.ref.parentId = parent;
    r.ref.created = "2025-01-0" + std::to_string(createdMicros) + "T00:00:00+00:00";
    r.ref.createdMicros = createdMicros;
    r.publishedMicros = createdMicros;
    r.publicationDay = "2025-01-01";
    r.owner = owner;
    r.sourceJson = json;
    return r;
}

/// Runs `body` with a fresh repository on each available backend.
void onBothBackends(const std::function<void(storage::Storage&)>& body) {
    std::vector<std::unique_ptr<TestBackend>> backends;
    backends.push_back(std::make_unique<SqliteBackend>());
    backends.push_back(std::make_unique<PostgresBackend>());
    for (auto& backend : backends) {
        if (!backend->available()) continue;
        auto store = backend->open();
        repository::createSchema(store->database());
        StillClock clock;
        store->database().transaction([&](storage::Connection& c) {
            repository::RepositoryTx tx(c, clock);
            tx.putCommunity(community("c1", "one", "public", R"({"id":"c1","slug":"one"})"));
            tx.putCommunity(community("c2", "two", "restricted", R"({"id":"c2","parent":{"id":"c1"}})"));
            tx.putCommunity(community("c3", "three", "public", R"({"id":"c3","parent":"c1"})"));
            tx.putCommunity(community("c4", "four", "public", "not json"));
            tx.insertRecord(record("r1", "p1", 1, R"({"metadata":{"title":"First"},"access":{"record":"public"}})"));
            tx.insertRecord(record("r2", "p1", 2, R"({"metadata":{"title":"Second"},"access":{"record":"restricted"}})"));
            tx.insertRecord(record("r3", "p3", 3, R"({"metadata":{}})", ""));
            tx.setCommunitiesOf("p1", {"c2", "c1"});
            tx.setRecordDeleted("r1", true, 5);
        });
        body(*store);
    }
}

}  // namespace

class RepositoryDirectoriesTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RepositoryDirectoriesTest);
    CPPUNIT_TEST(communitiesWithParents);
    CPPUNIT_TEST(findsCommunityByIdThenSlug);
    CPPUNIT_TEST(recordSummaries);
    CPPUNIT_TEST(versionsOfParent);
    CPPUNIT_TEST(parentIdFromCommunityJson);
    CPPUNIT_TEST_SUITE_END();

public:
    void communitiesWithParents() {
        onBothBackends([](storage::Storage& store) {
            app::RepositoryCommunityDirectory directory(store.database());
            std::string seen;
            for (const auto& c : directory.all())
                seen += c.id + ":" + c.slug + ":" + c.visibility + ":" + (c.dashboardEnabled ? "on" : "off") + ":" + c.parentId + " ";
            CPPUNIT_ASSERT_EQUAL(std::string("c1:one:public:on: c2:two:restricted:off:c1 c3:three:public:on:c1 c4:four:public:on: "), seen);
        });
    }

    void findsCommunityByIdThenSlug() {
        onBothBackends([](storage::Storage& store) {
            app::RepositoryCommunityDirectory directory(store.database());
            CPPUNIT_ASSERT_EQUAL(std::string("c2"), directory.find("two")->id);
            CPPUNIT_ASSERT_EQUAL(std::string("Title one"), directory.find("c1")->title);
            CPPUNIT_ASSERT(!directory.find("nope"));
        });
    }

    void recordSummaries() {
        onBothBackends([](storage::Storage& store) {
            app::RepositoryRecordDirectory records(store.database());
            const auto found = records.find({"r3", "missing", "r1", "r2"});
            CPPUNIT_ASSERT_EQUAL(std::size_t{3}, found.size());  // argument order, unknown skipped
            CPPUNIT_ASSERT_EQUAL(std::string("r3"), found[0].recordId);
            CPPUNIT_ASSERT_EQUAL(std::string(""), found[0].title);
            CPPUNIT_ASSERT_EQUAL(std::string(""), found[0].owner);
            CPPUNIT_ASSERT(found[0].isPublic);  // access absent = public
            CPPUNIT_ASSERT(found[0].communityIds.empty());
            CPPUNIT_ASSERT_EQUAL(std::string("First"), found[1].title);
            CPPUNIT_ASSERT(found[1].isDeleted);
            CPPUNIT_ASSERT(found[1].isPublic);
            CPPUNIT_ASSERT_EQUAL(std::string("17"), found[1].owner);
            CPPUNIT_ASSERT_EQUAL(std::string("p1"), found[1].parentId);
            CPPUNIT_ASSERT_EQUAL(std::string("2025-01-01T00:00:00+00:00"), found[1].created);
            CPPUNIT_ASSERT(!found[2].isDeleted);
            CPPUNIT_ASSERT(!found[2].isPublic);
            CPPUNIT_ASSERT_EQUAL(std::string("c1 c2"), found[2].communityIds[0] + " " + found[2].communityIds[1]);
        });
    }

    void versionsOfParent() {
        onBothBackends([](storage::Storage& store) {
            app::RepositoryRecordDirectory records(store.database());
            const auto versions = records.versionsOf("p1");
            CPPUNIT_ASSERT_EQUAL(std::size_t{2}, versions.size());
            CPPUNIT_ASSERT_EQUAL(std::string("r1"), versions[0].recordId);
            CPPUNIT_ASSERT_EQUAL(std::string("Second"), versions[1].title);
            CPPUNIT_ASSERT_EQUAL(std::size_t{2}, versions[1].communityIds.size());
            CPPUNIT_ASSERT(records.versionsOf("nope").empty());
        });
    }

    void parentIdFromCommunityJson() {
        CPPUNIT_ASSERT_EQUAL(std::string("x"), app::communityParentId(R"({"parent":{"id":"x","slug":"s"}})"));
        CPPUNIT_ASSERT_EQUAL(std::string("y"), app::communityParentId(R"({"parent":"y"})"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), app::communityParentId(R"({"parent":null})"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), app::communityParentId("[1]"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), app::communityParentId(""));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RepositoryDirectoriesTest);
