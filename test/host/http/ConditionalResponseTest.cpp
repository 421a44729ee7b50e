// Conditional routes: ETag and If-None-Match → 304, Accept-Encoding negotiation (br, gzip) with
// Vary, compression only for text bodies; through the real server and on the helpers directly.
#include <sstream>

#include <Poco/InflatingStream.h>
#include <brotli/decode.h>
#include <cppunit/extensions/HelperMacros.h>

#include "HttpTestSupport.h"
#include "http/ConditionalResponse.h"
#include "http/ContentCoding.h"

using namespace statshost;
using namespace statshost::http;
using namespace statshost::http::test;

namespace {

std::string bigJson() {
    std::string body = "{\"data\":[";
    for (int i = 0; i < 400; ++i) body += (i ? "," : "") + std::string("[\"2025-01-01\",") + std::to_string(i) + "]";
    return body + "]}";
}

std::string gunzip(const std::string& data) {
    std::istringstream in(data);
    Poco::InflatingInputStream inflate(in, Poco::InflatingStreamBuf::STREAM_GZIP);
    std::ostringstream out;
    out << inflate.rdbuf();
    return out.str();
}

std::string unbrotli(const std::string& data) {
    std::string out(1 << 20, '\0');
    std::size_t size = out.size();
    if (BrotliDecoderDecompress(data.size(), reinterpret_cast<const uint8_t*>(data.data()), &size,
                                reinterpret_cast<uint8_t*>(out.data())) != BROTLI_DECODER_RESULT_SUCCESS)
        return "<not brotli>";
    out.resize(size);
    return out;
}

Route conditionalRoute(const std::string& pattern, const std::string& contentType, const std::string& body) {
    Route r;
    r.method = "GET";
    r.pattern = pattern;
    r.name = pattern;
    r.conditional = true;
    r.handler = [contentType, body](const Request&) {
        Response res;
        res.contentType = contentType;
        res.body = body;
        res.headers.emplace_back("Cache-Control", "no-cache");
        return res;
    };
    return r;
}

}  // namespace

class ConditionalResponseTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ConditionalResponseTest);
    CPPUNIT_TEST(codingChoice);
    CPPUNIT_TEST(etagMatching);
    CPPUNIT_TEST(etagAnd304OverHttp);
    CPPUNIT_TEST(brotliAndGzipOverHttp);
    CPPUNIT_TEST(binaryAndSmallBodiesStayPlain);
    CPPUNIT_TEST(encodedBodiesAreReused);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override {
        server = std::make_unique<TestServer>([](Router& r) {
            r.add(conditionalRoute("/json", "application/json", bigJson()));
            r.add(conditionalRoute("/zip", "application/gzip", std::string(2000, 'z')));
            r.add(conditionalRoute("/small", "application/json", "{}"));
            Route plain = conditionalRoute("/plain", "application/json", bigJson());
            plain.conditional = false;
            r.add(plain);
        });
    }
    void tearDown() override { server.reset(); }

    void codingChoice() {
        CPPUNIT_ASSERT(chooseCoding("") == Coding::Identity);
        CPPUNIT_ASSERT(chooseCoding("gzip, deflate, br") == Coding::Brotli);
        CPPUNIT_ASSERT(chooseCoding("gzip") == Coding::Gzip);
        CPPUNIT_ASSERT(chooseCoding("br;q=0, gzip") == Coding::Gzip);
        CPPUNIT_ASSERT(chooseCoding("br;q=0.2, gzip;q=0.8") == Coding::Gzip);
        CPPUNIT_ASSERT(chooseCoding("*") == Coding::Brotli);
        CPPUNIT_ASSERT(chooseCoding("identity, deflate") == Coding::Identity);
        CPPUNIT_ASSERT(chooseCoding("GZIP") == Coding::Gzip);
    }

    void etagMatching() {
        const std::string tag = bodyTag("hello");
        CPPUNIT_ASSERT_EQUAL(tag, bodyTag("hello"));
        CPPUNIT_ASSERT(tag != bodyTag("hellp"));
        CPPUNIT_ASSERT(etagMatches(tag, tag));
        CPPUNIT_ASSERT(etagMatches("\"x\", " + tag, tag));
        CPPUNIT_ASSERT(etagMatches("W/" + tag, tag));
        CPPUNIT_ASSERT(etagMatches("*", tag));
        CPPUNIT_ASSERT(!etagMatches("\"x\"", tag));
    }

    void etagAnd304OverHttp() {
        HttpResult first = get(server->port(), "/json");
        CPPUNIT_ASSERT_EQUAL(200, first.status);
        const std::string etag = first.header("etag");
        CPPUNIT_ASSERT_EQUAL(bodyTag(bigJson()), etag);
        CPPUNIT_ASSERT_EQUAL(std::string("no-cache"), first.header("cache-control"));
        CPPUNIT_ASSERT_EQUAL(std::string("Accept-Encoding"), first.header("vary"));
        HttpResult again = get(server->port(), "/json", {{"If-None-Match", etag}});
        CPPUNIT_ASSERT_EQUAL(304, again.status);
        CPPUNIT_ASSERT_EQUAL(std::string(), again.body);
        CPPUNIT_ASSERT_EQUAL(etag, again.header("etag"));
        CPPUNIT_ASSERT_EQUAL(200, get(server->port(), "/json", {{"If-None-Match", "\"other\""}}).status);
        CPPUNIT_ASSERT_EQUAL(std::string(), get(server->port(), "/plain").header("etag"));  // not a conditional route
    }

    void brotliAndGzipOverHttp() {
        HttpResult br = get(server->port(), "/json", {{"Accept-Encoding", "gzip, br"}});
        CPPUNIT_ASSERT_EQUAL(std::string("br"), br.header("content-encoding"));
        CPPUNIT_ASSERT(br.body.size() < bigJson().size());
        CPPUNIT_ASSERT_EQUAL(bigJson(), unbrotli(br.body));
        HttpResult gz = get(server->port(), "/json", {{"Accept-Encoding", "gzip"}});
        CPPUNIT_ASSERT_EQUAL(std::string("gzip"), gz.header("content-encoding"));
        CPPUNIT_ASSERT_EQUAL(std::string("\x1f\x8b"), gz.body.substr(0, 2));
        CPPUNIT_ASSERT_EQUAL(bigJson(), gunzip(gz.body));
        CPPUNIT_ASSERT_EQUAL(br.header("etag"), gz.header("etag"));  // one representation, one tag
        CPPUNIT_ASSERT_EQUAL(std::string(), get(server->port(), "/json").header("content-encoding"));
    }

    void binaryAndSmallBodiesStayPlain() {
        HttpResult zip = get(server->port(), "/zip", {{"Accept-Encoding", "br, gzip"}});
        CPPUNIT_ASSERT_EQUAL(std::string(), zip.header("content-encoding"));
        CPPUNIT_ASSERT_EQUAL(std::string(), zip.header("vary"));
        CPPUNIT_ASSERT_EQUAL(std::string(2000, 'z'), zip.body);
        HttpResult small = get(server->port(), "/small", {{"Accept-Encoding", "br"}});
        CPPUNIT_ASSERT_EQUAL(std::string("{}"), small.body);
    }

    void encodedBodiesAreReused() {
        EncodedBodyCache cache(1 << 20);
        const std::string body = bigJson();
        const std::string a = cache.get(bodyTag(body), body, Coding::Gzip);
        const std::string b = cache.get(bodyTag(body), body, Coding::Gzip);
        CPPUNIT_ASSERT_EQUAL(a, b);
        CPPUNIT_ASSERT_EQUAL(body, gunzip(a));
        EncodedBodyCache tiny(10);  // too small to keep anything: still answers correctly
        CPPUNIT_ASSERT_EQUAL(body, unbrotli(tiny.get(bodyTag(body), body, Coding::Brotli)));
    }

private:
    std::unique_ptr<TestServer> server;
};

CPPUNIT_TEST_SUITE_REGISTRATION(ConditionalResponseTest);
