// The access rules of Access.h, one test per rule.
#include <cppunit/extensions/HelperMacros.h>

#include "Access.h"

using namespace statshost;
using namespace statshost::dashboard;

namespace {

CommunityAccess community(const std::string& visibility, bool enabled) {
    return CommunityAccess{"c-uuid", "slug", "Title", visibility, enabled, ""};
}

const Caller kAnonymous{};
const Caller kReader{"reader", {"read-restricted"}};
const Caller kIngest{"ingest", {"ingest"}};
const Caller kAdmin{"ops", {"admin"}};

class FixedDirectory : public CommunityDirectory {
public:
    std::optional<CommunityAccess> find(const std::string& idOrSlug) override {
        ++lookups;
        if (idOrSlug == "c-uuid" || idOrSlug == "slug") return community("public", true);
        return std::nullopt;
    }
    std::vector<CommunityAccess> all() override { return {*find("c-uuid")}; }
    int lookups = 0;
};

}  // namespace

class AccessTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(AccessTest);
    CPPUNIT_TEST(globalFollowsItsFlag);
    CPPUNIT_TEST(unknownCommunityIs404);
    CPPUNIT_TEST(publicEnabledCommunityIsOpen);
    CPPUNIT_TEST(restrictedNeedsReadRestricted);
    CPPUNIT_TEST(disabledDashboardIs404);
    CPPUNIT_TEST(optOutModeIgnoresTheField);
    CPPUNIT_TEST(communityFlagOffClosesAll);
    CPPUNIT_TEST(adminBypasses);
    CPPUNIT_TEST(directoryResolvesSlug);
    CPPUNIT_TEST_SUITE_END();

public:
    void globalFollowsItsFlag() {
        AccessPolicy on;
        CPPUNIT_ASSERT_EQUAL(200, decideAccess("global", std::nullopt, kAnonymous, on).status);
        CPPUNIT_ASSERT_EQUAL(std::string("global"), decideAccess("global", std::nullopt, kAnonymous, on).communityId);
        AccessPolicy off;
        off.enabledGlobal = false;
        CPPUNIT_ASSERT_EQUAL(404, decideAccess("global", std::nullopt, kAnonymous, off).status);
        CPPUNIT_ASSERT_EQUAL(404, decideAccess("global", std::nullopt, kReader, off).status);
    }

    void unknownCommunityIs404() {
        auto d = decideAccess("nope", std::nullopt, kAnonymous, AccessPolicy{});
        CPPUNIT_ASSERT_EQUAL(404, d.status);
        CPPUNIT_ASSERT_EQUAL(std::string("community 'nope' not found"), d.message);
        CPPUNIT_ASSERT_EQUAL(404, decideAccess("nope", std::nullopt, kAdmin, AccessPolicy{}).status);
    }

    void publicEnabledCommunityIsOpen() {
        auto d = decideAccess("slug", community("public", true), kAnonymous, AccessPolicy{});
        CPPUNIT_ASSERT_EQUAL(200, d.status);
        CPPUNIT_ASSERT_EQUAL(std::string("c-uuid"), d.communityId);
    }

    void restrictedNeedsReadRestricted() {
        const auto c = community("restricted", true);
        CPPUNIT_ASSERT_EQUAL(404, decideAccess("slug", c, kAnonymous, AccessPolicy{}).status);  // not revealed
        CPPUNIT_ASSERT_EQUAL(403, decideAccess("slug", c, kIngest, AccessPolicy{}).status);
        CPPUNIT_ASSERT_EQUAL(200, decideAccess("slug", c, kReader, AccessPolicy{}).status);
    }

    void disabledDashboardIs404() {
        const auto c = community("public", false);
        CPPUNIT_ASSERT_EQUAL(404, decideAccess("slug", c, kAnonymous, AccessPolicy{}).status);
        CPPUNIT_ASSERT_EQUAL(404, decideAccess("slug", c, kReader, AccessPolicy{}).status);
    }

    void optOutModeIgnoresTheField() {
        AccessPolicy optOut;
        optOut.communityOptIn = false;
        CPPUNIT_ASSERT(dashboardEnabled(community("public", false), optOut));
        CPPUNIT_ASSERT_EQUAL(200, decideAccess("slug", community("public", false), kAnonymous, optOut).status);
    }

    void communityFlagOffClosesAll() {
        AccessPolicy off;
        off.enabledCommunity = false;
        CPPUNIT_ASSERT_EQUAL(404, decideAccess("slug", community("public", true), kAnonymous, off).status);
        CPPUNIT_ASSERT_EQUAL(200, decideAccess("global", std::nullopt, kAnonymous, off).status);
    }

    void adminBypasses() {
        AccessPolicy closed;
        closed.enabledGlobal = closed.enabledCommunity = false;
        CPPUNIT_ASSERT_EQUAL(200, decideAccess("global", std::nullopt, kAdmin, closed).status);
        CPPUNIT_ASSERT_EQUAL(200, decideAccess("slug", community("restricted", false), kAdmin, closed).status);
    }

    void directoryResolvesSlug() {
        FixedDirectory dir;
        auto d = checkAccess(dir, "slug", kAnonymous, AccessPolicy{});
        CPPUNIT_ASSERT_EQUAL(std::string("c-uuid"), d.communityId);
        CPPUNIT_ASSERT_EQUAL(std::string("slug"), d.community->slug);
        checkAccess(dir, "global", kAnonymous, AccessPolicy{});
        CPPUNIT_ASSERT_EQUAL(1, dir.lookups);  // "global" needs no lookup
        try {
            requireAccess(dir, "other", kAnonymous, AccessPolicy{});
            CPPUNIT_FAIL("expected HttpError");
        } catch (const HttpError& e) {
            CPPUNIT_ASSERT_EQUAL(404, e.status());
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(AccessTest);
