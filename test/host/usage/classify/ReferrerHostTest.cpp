#include <cppunit/extensions/HelperMacros.h>

#include "usage/classify/ReferrerHost.h"

namespace statshost::usage {

class ReferrerHostTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ReferrerHostTest);
    CPPUNIT_TEST(plainUrls);
    CPPUNIT_TEST(lowerCasesAndKeepsWww);
    CPPUNIT_TEST(dropsPortUserInfoAndTrailingDot);
    CPPUNIT_TEST(ipLiterals);
    CPPUNIT_TEST(missingSchemeOrAuthorityIsNoReferrer);
    CPPUNIT_TEST(emptyAndGarbageAreNoReferrer);
    CPPUNIT_TEST(neverThrowsOnArbitraryBytes);
    CPPUNIT_TEST_SUITE_END();

public:
    void plainUrls() {
        CPPUNIT_ASSERT_EQUAL(std::string("repo.example.org"), referrerHost("https://repo.example.org/search?q=x"));
        CPPUNIT_ASSERT_EQUAL(std::string("example.org"), referrerHost("http://example.org"));
        CPPUNIT_ASSERT_EQUAL(std::string("example.org"), referrerHost("http://example.org?x=1"));
        CPPUNIT_ASSERT_EQUAL(std::string("example.org"), referrerHost("http://example.org#top"));
        CPPUNIT_ASSERT_EQUAL(std::string("scholar.google.com"),
                             referrerHost("  https://scholar.google.com/scholar?q=a@b  "));
        CPPUNIT_ASSERT_EQUAL(std::string("com.google.android.gm"), referrerHost("android-app://com.google.android.gm/"));
    }

    void lowerCasesAndKeepsWww() {
        CPPUNIT_ASSERT_EQUAL(std::string("www.example.org"), referrerHost("HTTPS://WWW.Example.ORG/Path/Keeps/Case"));
        CPPUNIT_ASSERT_EQUAL(std::string("www.zenodo.org"), referrerHost("https://www.zenodo.org/"));
        CPPUNIT_ASSERT_EQUAL(std::string("b\xC3\xBC" "cher.example"), referrerHost("https://B\xC3\xBC" "cher.Example/"));
    }

    void dropsPortUserInfoAndTrailingDot() {
        CPPUNIT_ASSERT_EQUAL(std::string("example.org"), referrerHost("https://example.org:8443/x"));
        CPPUNIT_ASSERT_EQUAL(std::string("example.org"), referrerHost("https://example.org:/x"));
        CPPUNIT_ASSERT_EQUAL(std::string("example.org"), referrerHost("https://user:pw@example.org/x"));
        CPPUNIT_ASSERT_EQUAL(std::string("example.org"), referrerHost("https://a@b:c@example.org:1/"));
        CPPUNIT_ASSERT_EQUAL(std::string("www.example.org"), referrerHost("https://User:pw@WWW.Example.ORG.:8443/a?b"));
        CPPUNIT_ASSERT_EQUAL(std::string("example.org"), referrerHost("http://example.org./"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("http://example.org:80a/"));  // bad port
    }

    void ipLiterals() {
        CPPUNIT_ASSERT_EQUAL(std::string("192.0.2.1"), referrerHost("http://192.0.2.1:8080/a"));
        CPPUNIT_ASSERT_EQUAL(std::string("2001:db8::1"), referrerHost("http://[2001:DB8::1]:80/"));
        CPPUNIT_ASSERT_EQUAL(std::string("::1"), referrerHost("http://[::1]/"));
        CPPUNIT_ASSERT_EQUAL(std::string("::ffff:192.0.2.1"), referrerHost("http://u@[::ffff:192.0.2.1]"));
        CPPUNIT_ASSERT_EQUAL(std::string("fe80::1"), referrerHost("http://[fe80::1%25eth0]/"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("http://[2001:db8::1/"));       // unclosed
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("http://[2001:db8::1]x/"));     // junk after ]
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("http://[2001:db8::1]:8o/"));   // bad port
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("http://[not-an-ip]/"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("http://[]/"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("http://[:::]/"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("http://[1:2]/"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("http://[2001:db8::1::2]/"));
    }

    void missingSchemeOrAuthorityIsNoReferrer() {
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("example.org/path"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("www.example.org"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("//example.org/path"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("example.org:8080/x"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("mailto:someone@example.org"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("javascript:alert(1)"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("file:///etc/passwd"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("http:/example.org"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("1http://example.org"));
    }

    void emptyAndGarbageAreNoReferrer() {
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost(""));
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("   "));
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("http://"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("http:///path"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("http://user@/path"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("http://.../"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("http://exa mple.org/"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("http://exa%41mple.org/"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("http://<script>/"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("not a url at all"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost(":"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), referrerHost("http://" + std::string(254, 'a') + "/"));
        CPPUNIT_ASSERT_EQUAL(std::string(253, 'a'), referrerHost("http://" + std::string(253, 'a') + "/"));
        CPPUNIT_ASSERT_EQUAL(std::string("example.org"), referrerHost("http://example.org\\evil.com/"));
    }

    void neverThrowsOnArbitraryBytes() {
        std::uint32_t state = 12345;
        static const char kAlphabet[] = "htps:/[]@%.:?#\\ aZ09\0\xFF\xC3\xA9";
        const std::string alphabet(kAlphabet, sizeof kAlphabet - 1);  // keeps the NUL byte
        std::size_t nonEmpty = 0;
        for (int i = 0; i < 20000; ++i) {
            std::string url = (i % 2) ? "http://" : "";
            const std::size_t len = (state >> 8) % 40;
            for (std::size_t k = 0; k < len; ++k) {
                state = state * 1664525u + 1013904223u;
                url += alphabet[(state >> 16) % alphabet.size()];
            }
            std::string host;
            CPPUNIT_ASSERT_NO_THROW(host = referrerHost(url));
            for (char c : host) CPPUNIT_ASSERT(!(c >= 'A' && c <= 'Z'));
            CPPUNIT_ASSERT(host.empty() || host.back() != '.');
            nonEmpty += !host.empty();
        }
        CPPUNIT_ASSERT(nonEmpty > 0);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ReferrerHostTest);

}  // namespace statshost::usage
