// Permission checks (401 vs 403) and request body limits (413) over HTTP.
#include <cppunit/extensions/HelperMacros.h>

#include <atomic>

#include <Poco/String.h>

#include "HttpTestSupport.h"

namespace statshost::http {

using namespace test;

namespace {

/// A route that answers with the body length and the token it saw, counting its calls.
Route sizeRoute(const std::string& pattern, Permission permission, std::atomic<int>& calls) {
    Route r;
    r.method = "POST";
    r.pattern = pattern;
    r.name = "size" + pattern;
    r.permission = permission;
    r.handler = [&calls](const Request& req) {
        ++calls;
        Response resp;
        resp.contentType = "text/plain";
        resp.body = std::to_string(req.body.size()) + ":" + req.tokenName;
        for (char c : req.body)
            if (c != 'x') resp.body = "corrupt";
        return resp;
    };
    return r;
}

HttpCall post(const std::string& target, const std::string& token, std::string body = "") {
    HttpCall c;
    c.method = "POST";
    c.target = target;
    if (!token.empty()) c.headers.emplace_back("Authorization", token);
    c.body = std::move(body);
    return c;
}

}  // namespace

class AuthAndLimitsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(AuthAndLimitsTest);
    CPPUNIT_TEST(missingTokenIs401WithChallenge);
    CPPUNIT_TEST(invalidTokenIs401);
    CPPUNIT_TEST(tokenWithoutScopeIs403);
    CPPUNIT_TEST(scopedAndAdminTokensPass);
    CPPUNIT_TEST(publicRoutesSeeValidTokensAndIgnoreInvalidOnes);
    CPPUNIT_TEST(contentLengthOverLimitIs413WithoutReading);
    CPPUNIT_TEST(chunkedBodyOverLimitIs413);
    CPPUNIT_TEST(bodiesAtTheLimitArriveWhole);
    CPPUNIT_TEST(limitIsCheckedOnlyAfterAuthentication);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override {
        calls = 0;
        config::ServerConfig c = TestServer::defaultConfig();
        c.maxBodyBytes = 1024;
        server = std::make_unique<TestServer>(
            [this](Router& r) {
                r.add(sizeRoute("/ingest", Permission::Ingest, calls));
                r.add(sizeRoute("/admin", Permission::Admin, calls));
                r.add(sizeRoute("/public", Permission::Public, calls));
            },
            c);
    }
    void tearDown() override { server.reset(); }

    void missingTokenIs401WithChallenge() {
        HttpResult res = send(server->port(), post("/ingest", "", "xx"));
        CPPUNIT_ASSERT_EQUAL(401, res.status);
        CPPUNIT_ASSERT_EQUAL(std::string("Bearer"), res.header("www-authenticate"));
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"status":401,"message":"authentication required"})"), res.body);
        CPPUNIT_ASSERT_EQUAL(0, calls.load());
    }

    void invalidTokenIs401() {
        for (const char* header : {"Bearer wrong", "Basic cm9vdDpyb290", "Bearer"}) {
            HttpResult res = send(server->port(), post("/ingest", header));
            CPPUNIT_ASSERT_EQUAL_MESSAGE(header, 401, res.status);
            CPPUNIT_ASSERT_MESSAGE(header, res.header("www-authenticate").find("Bearer") == 0);
        }
        CPPUNIT_ASSERT_EQUAL(0, calls.load());
    }

    void tokenWithoutScopeIs403() {
        HttpResult res = send(server->port(), post("/ingest", "Bearer reader-secret"));
        CPPUNIT_ASSERT_EQUAL(403, res.status);
        CPPUNIT_ASSERT(res.body.find("ingest") != std::string::npos);
        CPPUNIT_ASSERT_EQUAL(403, send(server->port(), post("/admin", "Bearer ingestor-secret")).status);
        CPPUNIT_ASSERT_EQUAL(0, calls.load());
        CPPUNIT_ASSERT(server->accessLog.contains(" POST /admin 403 "));
        std::vector<std::string> lines = server->accessLog.messages();
        CPPUNIT_ASSERT_MESSAGE(lines.back(), lines.back().find("ms ingestor") != std::string::npos);
    }

    void scopedAndAdminTokensPass() {
        CPPUNIT_ASSERT_EQUAL(std::string("2:ingestor"), send(server->port(), post("/ingest", "Bearer ingestor-secret", "xx")).body);
        CPPUNIT_ASSERT_EQUAL(std::string("0:root"), send(server->port(), post("/ingest", "Bearer root-secret")).body);
        CPPUNIT_ASSERT_EQUAL(std::string("0:root"), send(server->port(), post("/admin", "Bearer root-secret")).body);
        CPPUNIT_ASSERT_EQUAL(3, calls.load());
    }

    void publicRoutesSeeValidTokensAndIgnoreInvalidOnes() {
        CPPUNIT_ASSERT_EQUAL(std::string("0:"), send(server->port(), post("/public", "")).body);
        CPPUNIT_ASSERT_EQUAL(std::string("0:reader"), send(server->port(), post("/public", "Bearer reader-secret")).body);
        CPPUNIT_ASSERT_EQUAL(std::string("0:"), send(server->port(), post("/public", "Bearer stale")).body);
    }

    void contentLengthOverLimitIs413WithoutReading() {
        HttpCall call = post("/public", "");
        call.contentLength = 1025;  // announced, never sent: the server must answer without reading
        HttpResult res = send(server->port(), call);
        CPPUNIT_ASSERT_EQUAL(413, res.status);
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"status":413,"message":"request body exceeds 1024 bytes"})"), res.body);
        CPPUNIT_ASSERT_EQUAL(std::string("close"), Poco::toLower(res.header("connection")));
        CPPUNIT_ASSERT_EQUAL(0, calls.load());
    }

    void chunkedBodyOverLimitIs413() {
        HttpCall call = post("/public", "", std::string(3000, 'x'));
        call.chunked = true;
        HttpResult res = send(server->port(), call);
        CPPUNIT_ASSERT_EQUAL(413, res.status);
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"status":413,"message":"request body exceeds 1024 bytes"})"), res.body);
        CPPUNIT_ASSERT_EQUAL(0, calls.load());
    }

    void bodiesAtTheLimitArriveWhole() {
        CPPUNIT_ASSERT_EQUAL(std::string("1024:"), send(server->port(), post("/public", "", std::string(1024, 'x'))).body);
        HttpCall chunked = post("/public", "", std::string(1023, 'x'));
        chunked.chunked = true;
        CPPUNIT_ASSERT_EQUAL(std::string("1023:"), send(server->port(), chunked).body);
        CPPUNIT_ASSERT_EQUAL(2, calls.load());
    }

    void limitIsCheckedOnlyAfterAuthentication() {
        HttpResult res = send(server->port(), post("/ingest", "", std::string(5000, 'x')));
        CPPUNIT_ASSERT_EQUAL(401, res.status);
        CPPUNIT_ASSERT_EQUAL(0, calls.load());
    }

    std::atomic<int> calls{0};
    std::unique_ptr<TestServer> server;
};

CPPUNIT_TEST_SUITE_REGISTRATION(AuthAndLimitsTest);

}  // namespace statshost::http
