// Percent-decoding, query parsing and path splitting.
#include <cppunit/extensions/HelperMacros.h>

#include "http/UrlCodec.h"

namespace statshost::http {

class UrlCodecTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(UrlCodecTest);
    CPPUNIT_TEST(decodesEscapesAndPlus);
    CPPUNIT_TEST(rejectsMalformedEscapes);
    CPPUNIT_TEST(parsesQueryWithRepeatsAndBareKeys);
    CPPUNIT_TEST(splitsPaths);
    CPPUNIT_TEST_SUITE_END();

public:
    void decodesEscapesAndPlus() {
        std::string out;
        CPPUNIT_ASSERT(percentDecode("a%20b+c%2F%2f", out, false));
        CPPUNIT_ASSERT_EQUAL(std::string("a b+c//"), out);
        CPPUNIT_ASSERT(percentDecode("a+b", out, true));
        CPPUNIT_ASSERT_EQUAL(std::string("a b"), out);
        CPPUNIT_ASSERT(percentDecode("%00", out, false));
        CPPUNIT_ASSERT_EQUAL(std::string(1, '\0'), out);
    }

    void rejectsMalformedEscapes() {
        std::string out;
        CPPUNIT_ASSERT(!percentDecode("%", out, false));
        CPPUNIT_ASSERT(!percentDecode("ab%4", out, false));
        CPPUNIT_ASSERT(!percentDecode("%g0", out, false));
    }

    void parsesQueryWithRepeatsAndBareKeys() {
        std::multimap<std::string, std::string> q;
        CPPUNIT_ASSERT(parseQuery("a=1&a=2&b=x+y%21&flag&&c=", q));
        CPPUNIT_ASSERT_EQUAL(std::size_t(5), q.size());
        auto range = q.equal_range("a");
        std::vector<std::string> as;
        for (auto it = range.first; it != range.second; ++it) as.push_back(it->second);
        CPPUNIT_ASSERT((as == std::vector<std::string>{"1", "2"}));
        CPPUNIT_ASSERT_EQUAL(std::string("x y!"), q.find("b")->second);
        CPPUNIT_ASSERT_EQUAL(std::string(""), q.find("flag")->second);
        CPPUNIT_ASSERT_EQUAL(std::string(""), q.find("c")->second);
        std::multimap<std::string, std::string> bad;
        CPPUNIT_ASSERT(!parseQuery("a=%zz", bad));
    }

    void splitsPaths() {
        CPPUNIT_ASSERT((splitPath("/") == std::vector<std::string_view>{""}));
        CPPUNIT_ASSERT((splitPath("/a/b") == std::vector<std::string_view>{"a", "b"}));
        CPPUNIT_ASSERT((splitPath("/a//b/") == std::vector<std::string_view>{"a", "", "b", ""}));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(UrlCodecTest);

}  // namespace statshost::http
