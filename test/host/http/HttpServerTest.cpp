// HttpServer over real sockets: error bodies, request building, HEAD, response headers, access log.
#include <cppunit/extensions/HelperMacros.h>

#include <sstream>
#include <stdexcept>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "HttpTestSupport.h"
#include "statshost/Errors.h"

namespace statshost::http {

using namespace test;

namespace {

/// Echoes what the handler saw as JSON.
Route echoRoute(const std::string& method, const std::string& pattern, Permission permission = Permission::Public) {
    Route r;
    r.method = method;
    r.pattern = pattern;
    r.name = "echo";
    r.permission = permission;
    r.handler = [](const Request& req) {
        Poco::JSON::Object o;
        o.set("method", req.method);
        o.set("path", req.path);
        Poco::JSON::Object params, query, headers;
        for (const auto& [k, v] : req.pathParams) params.set(k, v);
        for (const auto& [k, v] : req.query) query.set(k, query.has(k) ? query.getValue<std::string>(k) + "|" + v : v);
        for (const auto& [k, v] : req.headers) headers.set(k, v);
        o.set("params", params);
        o.set("query", query);
        o.set("headers", headers);
        o.set("body", req.body);
        o.set("token", req.tokenName);
        std::string scopes;
        for (const auto& s : req.scopes) scopes += s + ";";
        o.set("scopes", scopes);
        std::ostringstream out;
        o.stringify(out);
        Response resp;
        resp.body = out.str();
        return resp;
    };
    return r;
}

Poco::JSON::Object::Ptr json(const std::string& body) {
    return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
}

Route throwingRoute(const std::string& pattern, std::function<void()> thrower) {
    Route r;
    r.method = "GET";
    r.pattern = pattern;
    r.name = "thrower" + pattern;
    r.handler = [thrower](const Request&) -> Response {
        thrower();
        return Response();
    };
    return r;
}

}  // namespace

class HttpServerTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(HttpServerTest);
    CPPUNIT_TEST(bindsAnEphemeralPort);
    CPPUNIT_TEST(notFoundIsJson);
    CPPUNIT_TEST(methodNotAllowedListsAllow);
    CPPUNIT_TEST(httpErrorKeepsItsStatusAndMessage);
    CPPUNIT_TEST(otherExceptionsBecome500AndServerKeepsServing);
    CPPUNIT_TEST(malformedTargetsAre400);
    CPPUNIT_TEST(requestIsBuiltFromTheWire);
    CPPUNIT_TEST(headUsesGetRouteWithoutBody);
    CPPUNIT_TEST(everyResponseHasFramingAndSafetyHeaders);
    CPPUNIT_TEST(unsafeHandlerHeadersAreDropped);
    CPPUNIT_TEST(accessLogOmitsQueryAndNamesToken);
    CPPUNIT_TEST(accessLogCanBeDisabled);
    CPPUNIT_TEST(rejectsBadConfigAndUnfrozenRouter);
    CPPUNIT_TEST_SUITE_END();

public:
    void bindsAnEphemeralPort() {
        TestServer s([](Router& r) { r.add(textRoute("GET", "/", "root", "hi")); });
        CPPUNIT_ASSERT(s.port() != 0);
        CPPUNIT_ASSERT_EQUAL(std::string("hi"), get(s.port(), "/").body);
    }

    void notFoundIsJson() {
        TestServer s([](Router& r) { r.add(textRoute("GET", "/a", "a", "a")); });
        HttpResult res = get(s.port(), "/nope");
        CPPUNIT_ASSERT_EQUAL(404, res.status);
        CPPUNIT_ASSERT_EQUAL(std::string("application/json"), res.header("content-type"));
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"status":404,"message":"not found"})"), res.body);
    }

    void methodNotAllowedListsAllow() {
        TestServer s([](Router& r) {
            r.add(textRoute("GET", "/a", "a-get", "a"));
            r.add(textRoute("POST", "/a", "a-post", "a"));
        });
        HttpResult res = send(s.port(), call("DELETE", "/a"));
        CPPUNIT_ASSERT_EQUAL(405, res.status);
        CPPUNIT_ASSERT_EQUAL(std::string("GET, HEAD, POST"), res.header("allow"));
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"status":405,"message":"method not allowed"})"), res.body);
    }

    void httpErrorKeepsItsStatusAndMessage() {
        TestServer s([](Router& r) {
            r.add(throwingRoute("/unprocessable", [] { throw HttpError(422, "range \"to\" before \"from\""); }));
            r.add(throwingRoute("/weird", [] { throw HttpError(302, "not an error status"); }));
        });
        HttpResult res = get(s.port(), "/unprocessable");
        CPPUNIT_ASSERT_EQUAL(422, res.status);
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"status":422,"message":"range \"to\" before \"from\""})"), res.body);
        CPPUNIT_ASSERT_EQUAL(500, get(s.port(), "/weird").status);
    }

    void otherExceptionsBecome500AndServerKeepsServing() {
        TestServer s([](Router& r) {
            r.add(throwingRoute("/boom", [] { throw std::runtime_error("db password is hunter2"); }));
            r.add(throwingRoute("/int", [] { throw 42; }));
            r.add(textRoute("GET", "/ok", "ok", "fine"));
        });
        for (int i = 0; i < 3; ++i) {
            HttpResult res = get(s.port(), "/boom");
            CPPUNIT_ASSERT_EQUAL(500, res.status);
            CPPUNIT_ASSERT_EQUAL(std::string(R"({"status":500,"message":"internal error"})"), res.body);
        }
        CPPUNIT_ASSERT_EQUAL(500, get(s.port(), "/int").status);
        CPPUNIT_ASSERT(s.errorLog.contains("db password is hunter2"));
        CPPUNIT_ASSERT(s.errorLog.contains("/boom"));
        CPPUNIT_ASSERT_EQUAL(std::string("fine"), get(s.port(), "/ok").body);
    }

    void malformedTargetsAre400() {
        TestServer s([](Router& r) { r.add(echoRoute("GET", "/e/{x}")); });
        HttpResult badPath = get(s.port(), "/e/%zz");
        CPPUNIT_ASSERT_EQUAL(400, badPath.status);
        CPPUNIT_ASSERT_EQUAL(400, json(badPath.body)->getValue<int>("status"));
        CPPUNIT_ASSERT_EQUAL(400, get(s.port(), "/e/x?a=%g1").status);
    }

    void requestIsBuiltFromTheWire() {
        TestServer s([](Router& r) { r.add(echoRoute("POST", "/items/{id}/{rest*}", Permission::Ingest)); });
        HttpCall call;
        call.method = "POST";
        call.target = "/items/a%20b/x/y%C3%A9?q=1&q=2&name=J+D%21&flag";
        call.headers = {{"Authorization", "Bearer ingestor-secret"}, {"X-Custom-Header", "Value"}};
        call.body = std::string("binary\0body", 11);
        HttpResult res = send(s.port(), call);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(res.body, 200, res.status);
        auto o = json(res.body);
        CPPUNIT_ASSERT_EQUAL(std::string("POST"), o->getValue<std::string>("method"));
        CPPUNIT_ASSERT_EQUAL(std::string("/items/a b/x/y\xC3\xA9"), o->getValue<std::string>("path"));
        CPPUNIT_ASSERT_EQUAL(std::string("a b"), o->getObject("params")->getValue<std::string>("id"));
        CPPUNIT_ASSERT_EQUAL(std::string("x/y\xC3\xA9"), o->getObject("params")->getValue<std::string>("rest"));
        CPPUNIT_ASSERT_EQUAL(std::string("1|2"), o->getObject("query")->getValue<std::string>("q"));
        CPPUNIT_ASSERT_EQUAL(std::string("J D!"), o->getObject("query")->getValue<std::string>("name"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), o->getObject("query")->getValue<std::string>("flag"));
        CPPUNIT_ASSERT_EQUAL(std::string("Value"), o->getObject("headers")->getValue<std::string>("x-custom-header"));
        CPPUNIT_ASSERT(!o->getObject("headers")->has("X-Custom-Header"));
        CPPUNIT_ASSERT(!o->getObject("headers")->has("authorization"));  // the secret stays in the server
        CPPUNIT_ASSERT_EQUAL(std::string("binary\0body", 11), o->getValue<std::string>("body"));
        CPPUNIT_ASSERT_EQUAL(std::string("ingestor"), o->getValue<std::string>("token"));
        CPPUNIT_ASSERT_EQUAL(std::string("ingest;"), o->getValue<std::string>("scopes"));
    }

    void headUsesGetRouteWithoutBody() {
        TestServer s([](Router& r) { r.add(textRoute("GET", "/doc", "doc", "twelve bytes")); });
        HttpResult res = send(s.port(), call("HEAD", "/doc"));
        CPPUNIT_ASSERT_EQUAL(200, res.status);
        CPPUNIT_ASSERT_EQUAL(std::string("12"), res.header("content-length"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), res.body);
        CPPUNIT_ASSERT(s.accessLog.contains(" HEAD /doc 200 0 "));
    }

    void everyResponseHasFramingAndSafetyHeaders() {
        TestServer s([](Router& r) {
            r.add(textRoute("GET", "/t", "t", "text"));
            r.add(throwingRoute("/boom", [] { throw std::runtime_error("x"); }));
            Route empty = textRoute("GET", "/empty", "empty", "");
            empty.handler = [](const Request&) {
                Response resp;
                resp.contentType.clear();
                return resp;
            };
            r.add(empty);
        });
        for (const char* target : {"/t", "/boom", "/missing", "/empty"}) {
            HttpResult res = get(s.port(), target);
            CPPUNIT_ASSERT_MESSAGE(target, res.header("content-length") == std::to_string(res.body.size()));
            CPPUNIT_ASSERT_MESSAGE(target, res.header("transfer-encoding").empty());
            CPPUNIT_ASSERT_MESSAGE(target, !res.header("content-type").empty());
            CPPUNIT_ASSERT_EQUAL_MESSAGE(target, std::string("nosniff"), res.header("x-content-type-options"));
        }
        CPPUNIT_ASSERT_EQUAL(std::string("application/octet-stream"), get(s.port(), "/empty").header("content-type"));
    }

    void unsafeHandlerHeadersAreDropped() {
        TestServer s([](Router& r) {
            Route route = textRoute("GET", "/h", "h", "body");
            route.handler = [](const Request&) {
                Response resp;
                resp.body = "body";
                resp.headers = {{"X-Ok", "yes"},
                                {"X-Injected", "a\r\nSet-Cookie: evil=1"},
                                {"Content-Length", "999"},
                                {"Transfer-Encoding", "chunked"}};
                return resp;
            };
            r.add(route);
        });
        HttpResult res = get(s.port(), "/h");
        CPPUNIT_ASSERT_EQUAL(200, res.status);
        CPPUNIT_ASSERT_EQUAL(std::string("yes"), res.header("x-ok"));
        CPPUNIT_ASSERT(res.header("x-injected").empty());
        CPPUNIT_ASSERT(res.header("set-cookie").empty());
        CPPUNIT_ASSERT_EQUAL(std::string("4"), res.header("content-length"));
        CPPUNIT_ASSERT_EQUAL(std::string("body"), res.body);
    }

    void accessLogOmitsQueryAndNamesToken() {
        TestServer s([](Router& r) { r.add(textRoute("GET", "/secure", "secure", "ok", Permission::ReadRestricted)); });
        CPPUNIT_ASSERT_EQUAL(200, get(s.port(), "/secure?token=hunter2", {{"Authorization", "Bearer reader-secret"}}).status);
        CPPUNIT_ASSERT_EQUAL(404, get(s.port(), "/x%0AFAKE").status);
        std::vector<std::string> lines = s.accessLog.messages();
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), lines.size());
        CPPUNIT_ASSERT_MESSAGE(lines[0], lines[0].find("127.0.0.1:") == 0);
        CPPUNIT_ASSERT_MESSAGE(lines[0], lines[0].find(" GET /secure 200 2 ") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(lines[0], lines[0].find("ms reader") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(lines[0], lines[0].find("hunter2") == std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(lines[1], lines[1].find(" GET /x%0AFAKE 404 ") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(lines[1], lines[1].back() == '-');
    }

    void accessLogCanBeDisabled() {
        config::ServerConfig c = TestServer::defaultConfig();
        c.accessLog = false;
        TestServer s([](Router& r) { r.add(textRoute("GET", "/", "root", "hi")); }, c);
        CPPUNIT_ASSERT_EQUAL(200, get(s.port(), "/").status);
        CPPUNIT_ASSERT(s.accessLog.messages().empty());
    }

    void rejectsBadConfigAndUnfrozenRouter() {
        Router router;
        TokenAuth auth({});
        Metrics metrics("1");
        CapturedLog log;
        router.add(textRoute("GET", "/", "root", "x"));
        config::ServerConfig c = TestServer::defaultConfig();
        CPPUNIT_ASSERT_THROW(HttpServer(c, router, auth, metrics, log.logger()), Error);
        router.freeze();
        for (auto mutate : std::vector<std::function<void(config::ServerConfig&)>>{
                 [](config::ServerConfig& x) { x.threads = 0; }, [](config::ServerConfig& x) { x.maxQueued = 0; },
                 [](config::ServerConfig& x) { x.port = 70000; }, [](config::ServerConfig& x) { x.maxBodyBytes = -1; },
                 [](config::ServerConfig& x) { x.requestTimeoutSeconds = 0; }}) {
            config::ServerConfig bad = c;
            mutate(bad);
            CPPUNIT_ASSERT_THROW(HttpServer(bad, router, auth, metrics, log.logger()), ConfigError);
        }
        HttpServer first(c, router, auth, metrics, log.logger());
        config::ServerConfig same = c;
        same.port = first.port();
        CPPUNIT_ASSERT_THROW(HttpServer(same, router, auth, metrics, log.logger()), Poco::Exception);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(HttpServerTest);

}  // namespace statshost::http
