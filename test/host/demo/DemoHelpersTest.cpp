/// The generator's building blocks: PRNG (pinned outputs, so determinism survives library and
/// platform changes), samplers, calendar arithmetic and the escaping JSON writer.
#include <cppunit/extensions/HelperMacros.h>

#include <map>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "DemoTestSupport.h"
#include "demo/DemoPlan.h"
#include "demo/DemoTime.h"
#include "demo/JsonWriter.h"
#include "demo/Random.h"

using namespace statshost::demo;

class DemoHelpersTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(DemoHelpersTest);
    CPPUNIT_TEST(splitmixMatchesTheReferenceVector);
    CPPUNIT_TEST(xoshiroOutputIsPinned);
    CPPUNIT_TEST(boundedIntegersStayInRange);
    CPPUNIT_TEST(weightedTableFollowsWeights);
    CPPUNIT_TEST(fenwickSkipsZeroWeightsAndTracksUpdates);
    CPPUNIT_TEST(dealDeckGuaranteesEveryCategory);
    CPPUNIT_TEST(calendarArithmetic);
    CPPUNIT_TEST(timestampFormatting);
    CPPUNIT_TEST(jsonWriterEscapesAndRoundTrips);
    CPPUNIT_TEST(jsonWriterPlacesCommas);
    CPPUNIT_TEST(uuidsAreVersion4);
    CPPUNIT_TEST_SUITE_END();

public:
    void splitmixMatchesTheReferenceVector() {
        std::uint64_t s = 1234567;
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(6457827717110365317ULL), splitmix64(s));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(3203168211198807973ULL), splitmix64(s));
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(9817491932198370423ULL), splitmix64(s));
    }

    void xoshiroOutputIsPinned() {
        // Values from an independent reference implementation (xoshiro256**, splitmix64-seeded).
        Rng r(1);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(12966619160104079557ULL), r.next());
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(9600361134598540522ULL), r.next());
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(10590380919521690900ULL), r.next());
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(7218738570589545383ULL), r.next());
        CPPUNIT_ASSERT(hashOf(1, 2) != hashOf(2, 1));
        CPPUNIT_ASSERT_EQUAL(hashOf(5, 6, 7), hashOf(hashOf(5, 6), 7));
    }

    void boundedIntegersStayInRange() {
        Rng r(9);
        std::map<std::int64_t, int> seen;
        for (int i = 0; i < 20000; ++i) {
            const std::int64_t v = r.between(-3, 3);
            CPPUNIT_ASSERT(v >= -3 && v <= 3);
            ++seen[v];
            CPPUNIT_ASSERT(r.below(7) < 7);
            const double u = r.unit();
            CPPUNIT_ASSERT(u >= 0.0 && u < 1.0);
            CPPUNIT_ASSERT(r.pareto(1.2) >= 1.0);
        }
        CPPUNIT_ASSERT_EQUAL(std::size_t(7), seen.size());
        for (const auto& s : seen) CPPUNIT_ASSERT(s.second > 2500 && s.second < 3200);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), r.below(1));
    }

    void weightedTableFollowsWeights() {
        Rng r(3);
        const WeightedTable t({1.0, 0.0, 3.0});
        int counts[3] = {0, 0, 0};
        for (int i = 0; i < 40000; ++i) ++counts[t.sample(r)];
        CPPUNIT_ASSERT_EQUAL(0, counts[1]);
        CPPUNIT_ASSERT(counts[2] > 2.7 * counts[0] && counts[2] < 3.3 * counts[0]);
        const auto z = zipfWeights(4, 1.0);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(0.25, z[3], 1e-12);
    }

    void fenwickSkipsZeroWeightsAndTracksUpdates() {
        Rng r(4);
        FenwickSampler f(10);
        f.set(2, 10);
        f.set(7, 30);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(40), f.total());
        int counts[10] = {};
        for (int i = 0; i < 20000; ++i) ++counts[f.sample(r)];
        for (int i = 0; i < 10; ++i)
            if (i != 2 && i != 7) CPPUNIT_ASSERT_EQUAL(0, counts[i]);
        CPPUNIT_ASSERT(counts[7] > 2.6 * counts[2] && counts[7] < 3.4 * counts[2]);
        f.set(7, 0);
        f.set(9, 5);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(15), f.total());
        for (int i = 0; i < 1000; ++i) {
            const std::size_t k = f.sample(r);
            CPPUNIT_ASSERT(k == 2 || k == 9);
        }
    }

    void dealDeckGuaranteesEveryCategory() {
        Rng r(5);
        const auto deck = dealDeck(r, 50, {60, 13, 3, 8, 7, 4, 4, 0.1}, 1);
        CPPUNIT_ASSERT_EQUAL(std::size_t(50), deck.size());
        int counts[8] = {};
        for (auto c : deck) ++counts[c];
        for (int c : counts) CPPUNIT_ASSERT(c >= 1);
        CPPUNIT_ASSERT(counts[0] >= 25 && counts[0] <= 33);
        const auto big = dealDeck(r, 10000, {3, 1}, 1);
        CPPUNIT_ASSERT_EQUAL(std::ptrdiff_t(7500), std::count(big.begin(), big.end(), 0));
        CPPUNIT_ASSERT(dealDeck(r, 0, {1, 1}, 1).empty());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), dealDeck(r, 1, {1, 1, 1}, 1).size());
    }

    void calendarArithmetic() {
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), daysFromCivil(1970, 1, 1));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(11017), daysFromCivil(2000, 3, 1));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(-25567), daysFromCivil(1900, 1, 1));
        for (std::int64_t d = -60000; d < 60000; d += 37) {
            const CivilDate c = civilFromDays(d);
            CPPUNIT_ASSERT_EQUAL(d, daysFromCivil(c.year, c.month, c.day));
        }
        CPPUNIT_ASSERT_EQUAL(0u, weekdayOf(daysFromCivil(2024, 1, 1)));  // a Monday
        CPPUNIT_ASSERT_EQUAL(6u, weekdayOf(daysFromCivil(2025, 12, 28)));  // a Sunday
        std::int64_t d = 0;
        CPPUNIT_ASSERT(parseIsoDate("2024-02-29", d));
        CPPUNIT_ASSERT_EQUAL(daysFromCivil(2024, 2, 29), d);
        CPPUNIT_ASSERT(!parseIsoDate("2023-02-29", d));
        CPPUNIT_ASSERT(!parseIsoDate("2023-13-01", d));
        CPPUNIT_ASSERT(!parseIsoDate("2023-1-01", d));
        CPPUNIT_ASSERT(!parseIsoDate("2023-01-01T00", d));
        CPPUNIT_ASSERT_EQUAL(29u, daysInMonth(2000, 2));
        CPPUNIT_ASSERT_EQUAL(28u, daysInMonth(1900, 2));
    }

    void timestampFormatting() {
        CPPUNIT_ASSERT_EQUAL(std::string("1970-01-01T00:00:00Z"), formatTimestamp(0));
        CPPUNIT_ASSERT_EQUAL(std::string("2023-11-14T22:13:20Z"), formatTimestamp(1700000000));
        CPPUNIT_ASSERT_EQUAL(std::string("1969-12-31T23:59:59Z"), formatTimestamp(-1));
        CPPUNIT_ASSERT_EQUAL(std::string("1899-07-04"), formatDate(daysFromCivil(1899, 7, 4)));
        TimestampFormatter f;
        std::string out;
        f.append(out, 86399);
        f.append(out, 86400);
        f.append(out, 86401);
        CPPUNIT_ASSERT_EQUAL(std::string("1970-01-01T23:59:59Z1970-01-02T00:00:00Z1970-01-02T00:00:01Z"), out);
    }

    void jsonWriterEscapesAndRoundTrips() {
        const std::string nasty = std::string("quote \" backslash \\ newline \n tab \t nul ") + '\0' +
                                  " bell \x07 unicode Müller 気候 \xe2\x80\xa8 end";
        std::string out;
        JsonWriter w(out);
        w.beginObject().field("s", nasty).fieldNum("n", -9223372036854775807LL - 1).key("u").unum(18446744073709551615ULL);
        w.fieldBool("b", false).key("z").null().endObject();
        CPPUNIT_ASSERT(w.complete());
        CPPUNIT_ASSERT(out.find('\n') == std::string::npos);
        Poco::JSON::Parser p;
        const auto o = p.parse(out).extract<Poco::JSON::Object::Ptr>();
        CPPUNIT_ASSERT_EQUAL(nasty, o->getValue<std::string>("s"));
        CPPUNIT_ASSERT_EQUAL(std::string("-9223372036854775808"), o->get("n").toString());
        CPPUNIT_ASSERT_EQUAL(std::string("18446744073709551615"), o->get("u").toString());
        CPPUNIT_ASSERT(o->isNull("z"));
        CPPUNIT_ASSERT_EQUAL(std::string("\"a\\u0001\\u001f\""), [] {
            std::string s;
            appendJsonString(s, std::string("a\x01\x1f"));
            return s;
        }());
    }

    void jsonWriterPlacesCommas() {
        std::string out;
        JsonWriter w(out);
        w.beginObject();
        w.key("a").beginArray().num(1).beginObject().endObject().beginArray().endArray().str("x").endArray();
        w.key("b").beginObject().field("c", "d").key("e").beginArray().endArray().endObject();
        w.endObject();
        CPPUNIT_ASSERT_EQUAL(std::string("{\"a\":[1,{},[],\"x\"],\"b\":{\"c\":\"d\",\"e\":[]}}"), out);
    }

    void uuidsAreVersion4() {
        const std::string u = detail::uuidFrom(0, 0);
        CPPUNIT_ASSERT_EQUAL(std::string("00000000-0000-4000-8000-000000000000"), u);
        const std::string v = detail::uuidFrom(~0ULL, ~0ULL);
        CPPUNIT_ASSERT_EQUAL(std::string("ffffffff-ffff-4fff-bfff-ffffffffffff"), v);
        CPPUNIT_ASSERT(statshost::demo::test::isUuid(detail::uuidFrom(0x0123456789abcdefULL, 0xfedcba9876543210ULL)));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DemoHelpersTest);
