// How document bodies are stored (BodyCodec.h): zstd frames for large bodies, text for short ones, bytea hex.
#include <cppunit/extensions/HelperMacros.h>

#include "StorageTestSupport.h"
#include "statshost/Errors.h"
#include "storage/BodyCodec.h"

using namespace statshost::storage;

class BodyCodecTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(BodyCodecTest);
    CPPUNIT_TEST(testLargeBodiesCompressed);
    CPPUNIT_TEST(testShortAndIncompressibleBodiesKeptAsText);
    CPPUNIT_TEST(testDamagedFrameRejected);
    CPPUNIT_TEST(testByteaHex);
    CPPUNIT_TEST_SUITE_END();

public:
    void testLargeBodiesCompressed() {
        std::string json = "{\"items\":[";
        for (int i = 0; i < 300; ++i) json += (i ? "," : "") + std::string("{\"id\":\"x\",\"n\":") + std::to_string(i) + "}";
        json += "]}";
        std::string stored = encodeBody(json);
        CPPUNIT_ASSERT(stored.size() * 5 < json.size());
        CPPUNIT_ASSERT_EQUAL(std::string("\x28\xB5\x2F\xFD"), stored.substr(0, 4));  // a zstd frame
        CPPUNIT_ASSERT_EQUAL(json, decodeBody(stored));
    }

    void testShortAndIncompressibleBodiesKeptAsText() {
        const std::string shortJson = "{\"a\": 1}";
        CPPUNIT_ASSERT_EQUAL(shortJson, encodeBody(shortJson));
        CPPUNIT_ASSERT_EQUAL(shortJson, decodeBody(shortJson));  // schema 2 text reads as is
        std::string noise = "\"";  // a JSON string of pseudo-random letters: a frame would not be smaller
        unsigned state = 7;
        for (int i = 0; i < 200; ++i) {
            state = state * 1103515245u + 12345u;
            noise += static_cast<char>('a' + (state >> 16) % 26);
        }
        noise += "\"";
        CPPUNIT_ASSERT_EQUAL(noise, decodeBody(encodeBody(noise)));
        CPPUNIT_ASSERT_EQUAL(std::string(), decodeBody(""));
    }

    void testDamagedFrameRejected() {
        std::string stored = encodeBody(std::string(1000, ' ') + "{}");
        stored.resize(stored.size() - 3);
        CPPUNIT_ASSERT_THROW(decodeBody(stored), statshost::StorageError);
        CPPUNIT_ASSERT_THROW(decodeBody(std::string("\x28\xB5\x2F\xFD", 4)), statshost::StorageError);
    }

    void testByteaHex() {
        const std::string bytes("\x00\x7f\x80\xff{", 5);
        CPPUNIT_ASSERT_EQUAL(std::string("\\x007f80ff7b"), byteaHex(bytes));
        CPPUNIT_ASSERT_EQUAL(bytes, fromByteaHex("\\x007F80ff7b"));
        CPPUNIT_ASSERT_EQUAL(std::string(), fromByteaHex("\\x"));
        CPPUNIT_ASSERT_THROW(fromByteaHex("{\"a\":1}"), statshost::StorageError);
        CPPUNIT_ASSERT_THROW(fromByteaHex("\\x0g"), statshost::StorageError);
        CPPUNIT_ASSERT_THROW(fromByteaHex("\\x0"), statshost::StorageError);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(BodyCodecTest);
