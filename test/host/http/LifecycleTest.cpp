// HttpServer start/stop: graceful stop with a request in flight, idle keep-alive connections,
// slow clients cut off by the request timeout.
#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <future>
#include <thread>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>

#include <Poco/String.h>

#include "HttpTestSupport.h"
#include "statshost/Errors.h"

namespace statshost::http {

using namespace test;
using Clock = std::chrono::steady_clock;

namespace {

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

}  // namespace

class LifecycleTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(LifecycleTest);
    CPPUNIT_TEST(stopLetsTheRequestInFlightFinish);
    CPPUNIT_TEST(stopDoesNotWaitForIdleKeepAliveConnections);
    CPPUNIT_TEST(slowClientIsCutOffByRequestTimeout);
    CPPUNIT_TEST(stopIsIdempotentAndSafeBeforeStart);
    CPPUNIT_TEST_SUITE_END();

public:
    void stopLetsTheRequestInFlightFinish() {
        std::promise<void> entered;
        TestServer s([&entered](Router& r) {
            Route slow = textRoute("GET", "/slow", "slow", "");
            slow.handler = [&entered](const Request&) {
                entered.set_value();
                std::this_thread::sleep_for(std::chrono::milliseconds(400));
                Response resp;
                resp.body = "finished";
                return resp;
            };
            r.add(slow);
        });
        const std::uint16_t port = s.port();
        auto client = std::async(std::launch::async, [port] { return get(port, "/slow"); });
        entered.get_future().wait();

        const auto stopStarted = Clock::now();
        s.server->stop(std::chrono::seconds(5));
        const double stopSeconds = secondsSince(stopStarted);

        HttpResult res = client.get();
        CPPUNIT_ASSERT_EQUAL(200, res.status);
        CPPUNIT_ASSERT_EQUAL(std::string("finished"), res.body);
        CPPUNIT_ASSERT_EQUAL(std::string("close"), Poco::toLower(res.header("connection")));
        CPPUNIT_ASSERT_MESSAGE(std::to_string(stopSeconds), stopSeconds >= 0.2 && stopSeconds < 4);
        CPPUNIT_ASSERT_THROW(get(port, "/slow"), Poco::Net::NetException);  // no longer accepting
    }

    void stopDoesNotWaitForIdleKeepAliveConnections() {
        config::ServerConfig c = TestServer::defaultConfig();
        c.keepAliveTimeoutSeconds = 30;
        TestServer s([](Router& r) { r.add(textRoute("GET", "/", "root", "hi")); }, c);
        Poco::Net::HTTPClientSession session("127.0.0.1", s.port());
        session.setKeepAlive(true);
        Poco::Net::HTTPRequest request("GET", "/", Poco::Net::HTTPMessage::HTTP_1_1);
        session.sendRequest(request);
        Poco::Net::HTTPResponse response;
        std::string body;
        Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
        CPPUNIT_ASSERT_EQUAL(std::string("hi"), body);
        CPPUNIT_ASSERT(response.getKeepAlive());  // the connection now idles on a server thread

        const auto stopStarted = Clock::now();
        s.server->stop(std::chrono::seconds(5));
        CPPUNIT_ASSERT_MESSAGE(std::to_string(secondsSince(stopStarted)), secondsSince(stopStarted) < 2);
    }

    void slowClientIsCutOffByRequestTimeout() {
        config::ServerConfig c = TestServer::defaultConfig();
        c.requestTimeoutSeconds = 1;
        TestServer s([](Router& r) { r.add(textRoute("GET", "/", "root", "hi")); }, c);
        Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", s.port()));
        socket.setReceiveTimeout(Poco::Timespan(10, 0));
        const std::string partial = "GET / HTTP/1.1\r\nHost: x\r\n";  // headers never finish
        socket.sendBytes(partial.data(), static_cast<int>(partial.size()));
        const auto started = Clock::now();
        char buf[256];
        try {
            while (socket.receiveBytes(buf, sizeof buf) > 0) {
            }
        } catch (const Poco::Net::ConnectionResetException&) {
        }
        const double waited = secondsSince(started);
        CPPUNIT_ASSERT_MESSAGE(std::to_string(waited), waited >= 0.5 && waited < 5);
        CPPUNIT_ASSERT_EQUAL(std::string("hi"), get(s.port(), "/").body);  // others are still served
    }

    void stopIsIdempotentAndSafeBeforeStart() {
        Router router;
        router.add(textRoute("GET", "/", "root", "x"));
        router.freeze();
        TokenAuth auth({});
        Metrics metrics("1");
        CapturedLog log;
        {
            HttpServer never(TestServer::defaultConfig(), router, auth, metrics, log.logger());
            never.stop();
        }
        HttpServer twice(TestServer::defaultConfig(), router, auth, metrics, log.logger());
        twice.start();
        CPPUNIT_ASSERT_EQUAL(std::string("x"), get(twice.port(), "/").body);
        twice.stop();
        twice.stop();
        CPPUNIT_ASSERT_THROW(twice.start(), Error);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(LifecycleTest);

}  // namespace statshost::http
