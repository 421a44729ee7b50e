#include <cppunit/extensions/HelperMacros.h>

#include <sstream>

#include "DemoTestSupport.h"
#include "demo/DemoGenerator.h"

using namespace statshost::demo;
using statshost::demo::test::generate;

class DemoDeterminismTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(DemoDeterminismTest);
    CPPUNIT_TEST(sameSeedGivesSameBytes);
    CPPUNIT_TEST(sameSeedSameBytesAcrossGeneratorsAndStreams);
    CPPUNIT_TEST(differentSeedGivesDifferentBytes);
    CPPUNIT_TEST(mediumIsDeterministicToo);
    CPPUNIT_TEST(optionsChangeTheOutput);
    CPPUNIT_TEST_SUITE_END();

public:
    void sameSeedGivesSameBytes() {
        DemoOptions o;
        o.seed = 42;
        const auto a = generate(o, false);
        const auto b = generate(o, false);
        CPPUNIT_ASSERT(!a.text.empty());
        CPPUNIT_ASSERT(a.text == b.text);
        CPPUNIT_ASSERT_EQUAL(a.summary.lines, b.summary.lines);
        CPPUNIT_ASSERT_EQUAL(a.summary.lastAt, b.summary.lastAt);
    }

    void sameSeedSameBytesAcrossGeneratorsAndStreams() {
        // One generator object used twice, and a stream that already holds text.
        DemoOptions o;
        o.seed = 7;
        DemoGenerator g;
        std::ostringstream first;
        g.generate(o, first);
        std::ostringstream second;
        second << "prefix\n";
        g.generate(o, second);
        CPPUNIT_ASSERT_EQUAL(std::string("prefix\n") + first.str(), second.str());
    }

    void differentSeedGivesDifferentBytes() {
        DemoOptions a;
        a.seed = 1;
        DemoOptions b = a;
        b.seed = 2;
        const auto x = generate(a, false);
        const auto y = generate(b, false);
        CPPUNIT_ASSERT(x.text != y.text);
        // Different content, not just a shifted timestamp: the first record ids differ.
        const auto firstPublish = [](const std::string& text) {
            const auto pos = text.find("\"op\":\"publish\"");
            return text.substr(text.find("\"id\"", pos), 20);
        };
        CPPUNIT_ASSERT(firstPublish(x.text) != firstPublish(y.text));
    }

    void mediumIsDeterministicToo() {
        DemoOptions o;
        o.seed = 3;
        o.scale = Scale::Medium;
        const auto a = generate(o, false);
        const auto b = generate(o, false);
        CPPUNIT_ASSERT(a.text.size() > 10u * 1000 * 1000);
        CPPUNIT_ASSERT(a.text == b.text);
    }

    void optionsChangeTheOutput() {
        DemoOptions o;
        const auto base = generate(o, false);
        DemoOptions moved = o;
        moved.endDate = "2024-12-31";
        const auto other = generate(moved, false);
        CPPUNIT_ASSERT(base.text != other.text);
        CPPUNIT_ASSERT_EQUAL(std::string("2023-01-01T00:00:00Z"), other.summary.firstAt);
        CPPUNIT_ASSERT(other.summary.lastAt <= std::string("2024-12-31T23:59:59Z"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DemoDeterminismTest);
