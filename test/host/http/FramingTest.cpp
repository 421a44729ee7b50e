// Request framing on raw connections: bodies without a length, refused ambiguous framing (no
// request smuggling), and connection reuse after unread bodies.
#include <cppunit/extensions/HelperMacros.h>

#include <chrono>

#include "HttpTestSupport.h"

namespace statshost::http {

using namespace test;

class FramingTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(FramingTest);
    CPPUNIT_TEST(postWithoutLengthHasAnEmptyBody);
    CPPUNIT_TEST(unsupportedTransferEncodingIsRefused);
    CPPUNIT_TEST(conflictingContentLengthsAreRefused);
    CPPUNIT_TEST(transferEncodingWithContentLengthIsRefusedEvenOn404);
    CPPUNIT_TEST(pipelinedRequestsAreServedInOrder);
    CPPUNIT_TEST(unreadSmallBodyKeepsTheConnectionUsable);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override {
        server = std::make_unique<TestServer>([](Router& r) {
            Route echo = textRoute("POST", "/echo", "echo", "");
            echo.handler = [](const Request& req) {
                Response resp;
                resp.contentType = "text/plain";
                resp.body = "len=" + std::to_string(req.body.size()) + ";" + req.body;
                return resp;
            };
            r.add(echo);
            r.add(textRoute("GET", "/hello", "hello", "hello"));
        });
    }
    void tearDown() override { server.reset(); }

    void postWithoutLengthHasAnEmptyBody() {
        const auto started = std::chrono::steady_clock::now();
        std::string raw = rawExchange(server->port(), "POST /echo HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        CPPUNIT_ASSERT_MESSAGE(raw, raw.find("HTTP/1.1 200") == 0);
        CPPUNIT_ASSERT_MESSAGE(raw, raw.find("\r\n\r\nlen=0;") != std::string::npos);
        CPPUNIT_ASSERT_MESSAGE(std::to_string(seconds), seconds < 2);
    }

    void unsupportedTransferEncodingIsRefused() {
        std::string raw = rawExchange(server->port(),
                                      "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n"
                                      "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
        CPPUNIT_ASSERT_MESSAGE(raw, raw.find("HTTP/1.1 400") == 0);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(raw, 1, countResponses(raw));
    }

    void conflictingContentLengthsAreRefused() {
        std::string raw = rawExchange(server->port(),
                                      "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\nContent-Length: 34\r\n\r\n"
                                      "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
        CPPUNIT_ASSERT_MESSAGE(raw, raw.find("HTTP/1.1 400") == 0);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(raw, 1, countResponses(raw));
    }

    void transferEncodingWithContentLengthIsRefusedEvenOn404() {
        std::string raw = rawExchange(server->port(),
                                      "POST /nothing HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                                      "0\r\n\r\nGET /hello HTTP/1.1\r\nHost: t\r\n\r\n");
        CPPUNIT_ASSERT_MESSAGE(raw, raw.find("HTTP/1.1 404") == 0);
        CPPUNIT_ASSERT_EQUAL_MESSAGE(raw, 1, countResponses(raw));
    }

    void pipelinedRequestsAreServedInOrder() {
        std::string raw = rawExchange(server->port(),
                                      "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nabcde"
                                      "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nxyz\r\n0\r\n\r\n"
                                      "GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(raw, 3, countResponses(raw));
        std::size_t first = raw.find("len=5;abcde"), second = raw.find("len=3;xyz"), third = raw.find("\r\n\r\nhello");
        CPPUNIT_ASSERT_MESSAGE(raw, first != std::string::npos && second > first && third > second && third != std::string::npos);
    }

    void unreadSmallBodyKeepsTheConnectionUsable() {
        std::string raw = rawExchange(server->port(),
                                      "POST /nothing HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello"
                                      "GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        CPPUNIT_ASSERT_EQUAL_MESSAGE(raw, 2, countResponses(raw));
        CPPUNIT_ASSERT_MESSAGE(raw, raw.find("HTTP/1.1 404") == 0);
        CPPUNIT_ASSERT_MESSAGE(raw, raw.find("HTTP/1.1 200") != std::string::npos);
    }

    std::unique_ptr<TestServer> server;
};

CPPUNIT_TEST_SUITE_REGISTRATION(FramingTest);

}  // namespace statshost::http
