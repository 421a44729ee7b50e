// Router: pattern precedence, parameters, decoding, 404 vs 405, registration errors.
#include <cppunit/extensions/HelperMacros.h>

#include "http/Router.h"
#include "statshost/Errors.h"

namespace statshost::http {

namespace {

Route route(const std::string& method, const std::string& pattern, const std::string& name) {
    Route r;
    r.method = method;
    r.pattern = pattern;
    r.name = name;
    r.handler = [](const Request&) { return Response(); };
    return r;
}

std::string matchedName(const RouteMatch& m) { return m.kind == RouteMatch::Kind::Found ? m.route->name : "<none>"; }

}  // namespace

class RouterTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RouterTest);
    CPPUNIT_TEST(literalBeatsParameter);
    CPPUNIT_TEST(literalBranchFallsBackToParameterDeeper);
    CPPUNIT_TEST(restParameterTakesTheRemainder);
    CPPUNIT_TEST(restParameterRefusesEncodedSlash);
    CPPUNIT_TEST(parametersArePercentDecoded);
    CPPUNIT_TEST(literalSegmentsCompareDecoded);
    CPPUNIT_TEST(malformedPathsAreBadPath);
    CPPUNIT_TEST(notFoundVersusMethodNotAllowed);
    CPPUNIT_TEST(methodMatchBeatsSpecificity);
    CPPUNIT_TEST(headFallsBackToGet);
    CPPUNIT_TEST(duplicateRouteNamesBoth);
    CPPUNIT_TEST(invalidPatternsAreRejected);
    CPPUNIT_TEST(frozenRouterRefusesAdd);
    CPPUNIT_TEST_SUITE_END();

public:
    void literalBeatsParameter() {
        Router r;
        r.add(route("GET", "/items/{id}", "item"));
        r.add(route("GET", "/items/new", "new-item"));
        CPPUNIT_ASSERT_EQUAL(std::string("new-item"), matchedName(r.match("GET", "/items/new")));
        RouteMatch m = r.match("GET", "/items/42");
        CPPUNIT_ASSERT_EQUAL(std::string("item"), matchedName(m));
        CPPUNIT_ASSERT_EQUAL(std::string("42"), m.params.at("id"));
    }

    void literalBranchFallsBackToParameterDeeper() {
        Router r;
        r.add(route("GET", "/a/b/c", "literal"));
        r.add(route("GET", "/a/{x}/d", "param"));
        CPPUNIT_ASSERT_EQUAL(std::string("literal"), matchedName(r.match("GET", "/a/b/c")));
        RouteMatch m = r.match("GET", "/a/b/d");
        CPPUNIT_ASSERT_EQUAL(std::string("param"), matchedName(m));
        CPPUNIT_ASSERT_EQUAL(std::string("b"), m.params.at("x"));
    }

    void restParameterTakesTheRemainder() {
        Router r;
        r.add(route("GET", "/static/{path*}", "static"));
        r.add(route("GET", "/static/special", "special"));
        RouteMatch m = r.match("GET", "/static/css/app%20v2.css");
        CPPUNIT_ASSERT_EQUAL(std::string("static"), matchedName(m));
        CPPUNIT_ASSERT_EQUAL(std::string("css/app v2.css"), m.params.at("path"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), r.match("GET", "/static").params.at("path"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), r.match("GET", "/static/").params.at("path"));
        CPPUNIT_ASSERT_EQUAL(std::string("special"), matchedName(r.match("GET", "/static/special")));
        CPPUNIT_ASSERT_EQUAL(std::string("special/x"), r.match("GET", "/static/special/x").params.at("path"));
    }

    void restParameterRefusesEncodedSlash() {
        Router r;
        r.add(route("GET", "/static/{path*}", "static"));
        CPPUNIT_ASSERT(r.match("GET", "/static/..%2Fsecret").kind == RouteMatch::Kind::NotFound);
        CPPUNIT_ASSERT(r.match("GET", "/static/a/%2fetc%2fpasswd").kind == RouteMatch::Kind::NotFound);
    }

    void parametersArePercentDecoded() {
        Router r;
        r.add(route("GET", "/users/{name}/posts/{post}", "posts"));
        RouteMatch m = r.match("GET", "/users/J%C3%BCrgen%20X/posts/a+b%2Fc");
        CPPUNIT_ASSERT_EQUAL(std::string("posts"), matchedName(m));
        CPPUNIT_ASSERT_EQUAL(std::string("J\xC3\xBCrgen X"), m.params.at("name"));
        CPPUNIT_ASSERT_EQUAL(std::string("a+b/c"), m.params.at("post"));  // '+' is literal in paths
        CPPUNIT_ASSERT(r.match("GET", "/users//posts/1").kind == RouteMatch::Kind::NotFound);  // empty param
    }

    void literalSegmentsCompareDecoded() {
        Router r;
        r.add(route("GET", "/api/stats", "stats"));
        CPPUNIT_ASSERT_EQUAL(std::string("stats"), matchedName(r.match("GET", "/api/%73tats")));
        CPPUNIT_ASSERT(r.match("GET", "/api/stats/").kind == RouteMatch::Kind::NotFound);
    }

    void malformedPathsAreBadPath() {
        Router r;
        r.add(route("GET", "/users/{name}", "user"));
        CPPUNIT_ASSERT(r.match("GET", "/users/%zz").kind == RouteMatch::Kind::BadPath);
        CPPUNIT_ASSERT(r.match("GET", "/users/abc%4").kind == RouteMatch::Kind::BadPath);
        CPPUNIT_ASSERT(r.match("GET", "users/x").kind == RouteMatch::Kind::BadPath);
        CPPUNIT_ASSERT(r.match("GET", "").kind == RouteMatch::Kind::BadPath);
    }

    void notFoundVersusMethodNotAllowed() {
        Router r;
        r.add(route("GET", "/x", "get-x"));
        r.add(route("POST", "/x", "post-x"));
        r.add(route("DELETE", "/{id}", "delete-any"));
        RouteMatch m = r.match("PUT", "/x");
        CPPUNIT_ASSERT(m.kind == RouteMatch::Kind::MethodNotAllowed);
        CPPUNIT_ASSERT(m.route == nullptr);
        std::vector<std::string> expected = {"DELETE", "GET", "HEAD", "POST"};
        CPPUNIT_ASSERT(expected == m.allowed);
        CPPUNIT_ASSERT(r.match("GET", "/y/z").kind == RouteMatch::Kind::NotFound);
        CPPUNIT_ASSERT(r.match("GET", "/y/z").allowed.empty());
    }

    void methodMatchBeatsSpecificity() {
        Router r;
        r.add(route("GET", "/a/b", "get-ab"));
        r.add(route("POST", "/a/{x}", "post-ax"));
        RouteMatch m = r.match("POST", "/a/b");
        CPPUNIT_ASSERT_EQUAL(std::string("post-ax"), matchedName(m));
        CPPUNIT_ASSERT_EQUAL(std::string("b"), m.params.at("x"));
    }

    void headFallsBackToGet() {
        Router r;
        r.add(route("get", "/page", "page"));
        r.add(route("GET", "/other", "other-get"));
        r.add(route("HEAD", "/other", "other-head"));
        CPPUNIT_ASSERT_EQUAL(std::string("page"), matchedName(r.match("HEAD", "/page")));
        CPPUNIT_ASSERT_EQUAL(std::string("other-head"), matchedName(r.match("HEAD", "/other")));
        CPPUNIT_ASSERT(r.match("POST", "/page").kind == RouteMatch::Kind::MethodNotAllowed);
    }

    void duplicateRouteNamesBoth() {
        Router r;
        r.add(route("GET", "/a/{x}", "first"));
        r.add(route("POST", "/a/{x}", "other-method"));
        try {
            r.add(route("GET", "/a/{y}", "second"));
            CPPUNIT_FAIL("duplicate accepted");
        } catch (const ConfigError& e) {
            std::string what = e.what();
            CPPUNIT_ASSERT_MESSAGE(what, what.find("'first'") != std::string::npos);
            CPPUNIT_ASSERT_MESSAGE(what, what.find("'second'") != std::string::npos);
        }
    }

    void invalidPatternsAreRejected() {
        for (const char* pattern : {"a/b", "", "/a/{x*}/b", "/a/{}", "/a/{x}/{x}", "/a/b{c}", "/a/{x y}", "/a%2F"}) {
            Router r;
            CPPUNIT_ASSERT_THROW_MESSAGE(pattern, r.add(route("GET", pattern, "bad")), ConfigError);
        }
        Router r;
        Route noHandler = route("GET", "/ok", "no-handler");
        noHandler.handler = nullptr;
        CPPUNIT_ASSERT_THROW(r.add(noHandler), ConfigError);
        CPPUNIT_ASSERT_THROW(r.add(route("", "/ok", "no-method")), ConfigError);
    }

    void frozenRouterRefusesAdd() {
        Router r;
        r.add(route("GET", "/a", "a"));
        CPPUNIT_ASSERT(!r.frozen());
        r.freeze();
        CPPUNIT_ASSERT(r.frozen());
        CPPUNIT_ASSERT_THROW(r.add(route("GET", "/b", "b")), Error);
        CPPUNIT_ASSERT_EQUAL(std::string("a"), matchedName(r.match("GET", "/a")));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RouterTest);

}  // namespace statshost::http
