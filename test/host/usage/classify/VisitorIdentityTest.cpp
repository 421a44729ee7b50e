#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Parser.h>
#include <cppunit/extensions/HelperMacros.h>

#include "ClassifyTestSupport.h"
#include "statshost/Errors.h"
#include "usage/classify/UtcSlices.h"
#include "usage/classify/VisitorHasher.h"
#include "usage/classify/VisitorIdentity.h"

namespace statshost::usage {

using test::utcMicros;

namespace {

const std::string kUa = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
const std::string kIp = "203.0.113.9";

VisitorFields fields(std::optional<std::string> user, std::optional<std::string> session,
                     std::optional<std::string> ip, std::optional<std::string> ua) {
    return VisitorFields{std::move(user), std::move(session), std::move(ip), std::move(ua)};
}

std::string hex(const std::string& bytes) {
    static const char* d = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out += d[c >> 4];
        out += d[c & 15];
    }
    return out;
}

}  // namespace

class VisitorIdentityTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(VisitorIdentityTest);
    CPPUNIT_TEST(userIdComesFirst);
    CPPUNIT_TEST(sessionIdWithoutUser);
    CPPUNIT_TEST(ipAgentAndHourWithoutUserOrSession);
    CPPUNIT_TEST(missingIpOrAgentIsAnEmptyPart);
    CPPUNIT_TEST(ipAgentIdentityChangesEveryUtcHour);
    CPPUNIT_TEST(allMissingSharesOneIdentityPerDay);
    CPPUNIT_TEST(blankIdsCountAsMissing);
    CPPUNIT_TEST(numericAndStringIdsAreEqual);
    CPPUNIT_TEST(sessionIdentityPrecedence);
    CPPUNIT_TEST(utcSlices);
    CPPUNIT_TEST(hashMatchesHandComputedHmac);
    CPPUNIT_TEST(hashIsStableWithinADayAndRotatesAcrossDays);
    CPPUNIT_TEST(lateEventsHashLikeOnTimeOnes);
    CPPUNIT_TEST(outputHidesRawIpAndAgent);
    CPPUNIT_TEST(differentSecretsDiffer);
    CPPUNIT_TEST(emptySecretIsRejected);
    CPPUNIT_TEST(uniqueSessionIds);
    CPPUNIT_TEST(idsGivesBothIds);
    CPPUNIT_TEST_SUITE_END();

public:
    void userIdComesFirst() {
        const auto id = visitorIdentity(fields("42", "sess-1", kIp, kUa), utcMicros("2024-05-03T08:26:30"));
        CPPUNIT_ASSERT(id.kind == IdentityKind::User);
        CPPUNIT_ASSERT_EQUAL(std::string("42"), id.key);
        CPPUNIT_ASSERT_EQUAL(utcDay(utcMicros("2024-05-03T00:00:00")), id.day);
    }

    void sessionIdWithoutUser() {
        const auto id = visitorIdentity(fields(std::nullopt, "sess-1", kIp, kUa), utcMicros("2024-05-03T08:26:30"));
        CPPUNIT_ASSERT(id.kind == IdentityKind::Session);
        CPPUNIT_ASSERT_EQUAL(std::string("sess-1"), id.key);
    }

    void ipAgentAndHourWithoutUserOrSession() {
        const auto id = visitorIdentity(fields(std::nullopt, std::nullopt, kIp, kUa), utcMicros("2024-05-03T08:26:30"));
        CPPUNIT_ASSERT(id.kind == IdentityKind::IpAgentHour);
        CPPUNIT_ASSERT_EQUAL(kIp + "|" + kUa + "|2024050308", id.key);
    }

    void missingIpOrAgentIsAnEmptyPart() {
        const std::int64_t t = utcMicros("2024-05-03T23:59:59");
        CPPUNIT_ASSERT_EQUAL(std::string("|" + kUa + "|2024050323"),
                             visitorIdentity(fields(std::nullopt, std::nullopt, std::nullopt, kUa), t).key);
        CPPUNIT_ASSERT_EQUAL(kIp + "||2024050323",
                             visitorIdentity(fields(std::nullopt, std::nullopt, kIp, std::nullopt), t).key);
        CPPUNIT_ASSERT_EQUAL(kIp + "||2024050323", visitorIdentity(fields(std::nullopt, std::nullopt, kIp, ""), t).key);
        CPPUNIT_ASSERT(visitorIdentity(fields(std::nullopt, std::nullopt, kIp, std::nullopt), t).kind ==
                       IdentityKind::IpAgentHour);
    }

    void ipAgentIdentityChangesEveryUtcHour() {
        const VisitorFields f = fields(std::nullopt, std::nullopt, kIp, kUa);
        const auto a = visitorIdentity(f, utcMicros("2024-05-03T08:00:00"));
        const auto b = visitorIdentity(f, utcMicros("2024-05-03T08:59:59"));
        const auto c = visitorIdentity(f, utcMicros("2024-05-03T09:00:00"));
        CPPUNIT_ASSERT(a == b);
        CPPUNIT_ASSERT(a != c);
        const VisitorHasher hasher("s3cret");
        CPPUNIT_ASSERT_EQUAL(hasher.hash(a), hasher.hash(b));
        CPPUNIT_ASSERT(hasher.hash(a) != hasher.hash(c));
        // A user keeps one identity all day.
        const VisitorFields u = fields("42", std::nullopt, kIp, kUa);
        CPPUNIT_ASSERT(visitorIdentity(u, utcMicros("2024-05-03T00:00:00")) ==
                       visitorIdentity(u, utcMicros("2024-05-03T23:59:59")));
    }

    void allMissingSharesOneIdentityPerDay() {
        const VisitorFields none = fields(std::nullopt, std::nullopt, std::nullopt, std::nullopt);
        const auto a = visitorIdentity(none, utcMicros("2024-05-03T00:00:00"));
        const auto b = visitorIdentity(none, utcMicros("2024-05-03T23:59:59"));
        const auto c = visitorIdentity(none, utcMicros("2024-05-04T00:00:00"));
        CPPUNIT_ASSERT(a.kind == IdentityKind::SharedDay);
        CPPUNIT_ASSERT_EQUAL(std::string(""), a.key);
        CPPUNIT_ASSERT(a == b);
        CPPUNIT_ASSERT(a != c);
        const VisitorHasher hasher("s3cret");
        CPPUNIT_ASSERT_EQUAL(hasher.hash(a), hasher.hash(b));
        CPPUNIT_ASSERT(hasher.hash(a) != hasher.hash(c));
        // Not shared with an ip-only or agent-only visitor.
        CPPUNIT_ASSERT(hasher.visitorId(fields(std::nullopt, std::nullopt, kIp, std::nullopt),
                                        utcMicros("2024-05-03T10:00:00")) != hasher.hash(a));
    }

    void blankIdsCountAsMissing() {
        const auto id = visitorIdentity(fields("  ", "", " 203.0.113.9 ", kUa), utcMicros("2024-05-03T08:26:30"));
        CPPUNIT_ASSERT(id.kind == IdentityKind::IpAgentHour);
        CPPUNIT_ASSERT_EQUAL(kIp + "|" + kUa + "|2024050308", id.key);
        CPPUNIT_ASSERT_EQUAL(std::string("42"), visitorIdentity(fields(" 42\t", std::nullopt, std::nullopt, std::nullopt), 0).key);
        CPPUNIT_ASSERT(visitorIdentity(fields("", "", "  ", ""), 0).kind == IdentityKind::SharedDay);
    }

    void numericAndStringIdsAreEqual() {
        Poco::JSON::Parser parser;
        auto obj = parser.parse(R"({"a": 7, "b": "7", "c": 7.0, "d": null, "e": " 7 ", "f": true, "g": "", "h": -3,
                                    "i": 12345678901234})")
                       .extract<Poco::JSON::Object::Ptr>();
        CPPUNIT_ASSERT(idFromJson(obj->get("a")) == std::optional<std::string>("7"));
        CPPUNIT_ASSERT(idFromJson(obj->get("b")) == std::optional<std::string>("7"));
        CPPUNIT_ASSERT(idFromJson(obj->get("c")) == std::optional<std::string>("7"));
        CPPUNIT_ASSERT(idFromJson(obj->get("e")) == std::optional<std::string>("7"));
        CPPUNIT_ASSERT(!idFromJson(obj->get("d")));
        CPPUNIT_ASSERT(!idFromJson(obj->get("f")));
        CPPUNIT_ASSERT(!idFromJson(obj->get("g")));
        CPPUNIT_ASSERT(!idFromJson(obj->get("missing")));
        CPPUNIT_ASSERT(idFromJson(obj->get("h")) == std::optional<std::string>("-3"));
        CPPUNIT_ASSERT(idFromJson(obj->get("i")) == std::optional<std::string>("12345678901234"));
        const std::int64_t t = utcMicros("2024-05-03T08:26:30");
        const VisitorHasher hasher("s3cret");
        const std::string fromNumber = hasher.visitorId(fields(idFromJson(obj->get("a")), std::nullopt, kIp, kUa), t);
        const std::string fromString = hasher.visitorId(fields(idFromJson(obj->get("b")), std::nullopt, kIp, kUa), t);
        CPPUNIT_ASSERT_EQUAL(fromNumber, fromString);
    }

    void sessionIdentityPrecedence() {
        const std::int64_t t = utcMicros("2024-05-03T08:26:30");
        auto s = sessionIdentity(fields("42", "sess-1", kIp, kUa), t);
        CPPUNIT_ASSERT(s.kind == IdentityKind::Session);
        CPPUNIT_ASSERT_EQUAL(std::string("sess-1"), s.key);
        s = sessionIdentity(fields("42", std::nullopt, kIp, kUa), t);
        CPPUNIT_ASSERT(s.kind == IdentityKind::User);
        CPPUNIT_ASSERT_EQUAL(std::string("42|2024050308"), s.key);
        s = sessionIdentity(fields(std::nullopt, std::nullopt, kIp, kUa), t);
        CPPUNIT_ASSERT_EQUAL(kIp + "|" + kUa + "|2024050308", s.key);
        s = sessionIdentity(fields(std::nullopt, std::nullopt, std::nullopt, std::nullopt), t);
        CPPUNIT_ASSERT(s.kind == IdentityKind::SharedDay);
    }

    void utcSlices() {
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), utcDay(0));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(-1), utcDay(-1));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(19846), utcDay(utcMicros("2024-05-03T23:59:59")));
        CPPUNIT_ASSERT_EQUAL(std::string("2024-05-03"), formatUtcDay(19846));
        CPPUNIT_ASSERT_EQUAL(std::string("1969-12-31"), formatUtcDay(-1));
        CPPUNIT_ASSERT_EQUAL(std::string("2024050308"), formatUtcHour(utcMicros("2024-05-03T08:59:59")));
        CPPUNIT_ASSERT_EQUAL(std::string("1969123123"), formatUtcHour(-1));
        CPPUNIT_ASSERT_EQUAL(std::string("2024022923"), formatUtcHour(utcMicros("2024-02-29T23:00:00")));
    }

    /// Expected values computed independently (Python hmac/hashlib) for secret "s3cret".
    void hashMatchesHandComputedHmac() {
        const VisitorHasher hasher("s3cret");
        const std::int64_t may3 = utcDay(utcMicros("2024-05-03T12:00:00"));
        CPPUNIT_ASSERT_EQUAL(std::string("76d82cc7b797e3e32451d9c14cbd61afe41ebb64bd2f7b611eb7b7fc63a783a0"),
                             hex(hasher.salt(may3)));
        CPPUNIT_ASSERT_EQUAL(std::string("991d4b177ca1fa5c80cba79d4b14fc7b"), hasher.hash("7", may3));
        CPPUNIT_ASSERT_EQUAL(std::string("720c0219cadf1d78249538a2dda70cf4"), hasher.hash("7", may3 + 1));
        CPPUNIT_ASSERT_EQUAL(std::string("c451815323c714ea0111bc05b995087b"), hasher.hash("", may3));
        CPPUNIT_ASSERT_EQUAL(std::string("000980534513e7327eee280cfdcb52ac"),
                             hasher.visitorId(fields(std::nullopt, std::nullopt, kIp, kUa),
                                              utcMicros("2024-05-03T08:26:30")));
    }

    void hashIsStableWithinADayAndRotatesAcrossDays() {
        const VisitorHasher a("s3cret"), b("s3cret");
        const VisitorFields user = fields("42", std::nullopt, std::nullopt, std::nullopt);
        const std::string morning = a.visitorId(user, utcMicros("2024-05-03T00:00:00"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(32), morning.size());
        CPPUNIT_ASSERT(morning.find_first_not_of("0123456789abcdef") == std::string::npos);
        CPPUNIT_ASSERT_EQUAL(morning, a.visitorId(user, utcMicros("2024-05-03T23:59:59")));
        CPPUNIT_ASSERT_EQUAL(morning, b.visitorId(user, utcMicros("2024-05-03T12:00:00")));  // another instance
        CPPUNIT_ASSERT(morning != a.visitorId(user, utcMicros("2024-05-04T00:00:00")));
        CPPUNIT_ASSERT(morning != a.visitorId(user, utcMicros("2024-05-02T23:59:59")));
        CPPUNIT_ASSERT(a.hash("42", 100) != a.hash("43", 100));
    }

    void lateEventsHashLikeOnTimeOnes() {
        // The salt depends only on the secret and the event's date, never on when it is processed.
        const std::int64_t t = utcMicros("2020-01-15T10:00:00");
        const VisitorFields f = fields(std::nullopt, "sess-9", kIp, kUa);
        const std::string first = VisitorHasher("s3cret").visitorId(f, t);
        const std::string later = VisitorHasher("s3cret").visitorId(f, t);
        CPPUNIT_ASSERT_EQUAL(first, later);
    }

    void outputHidesRawIpAndAgent() {
        const VisitorHasher hasher("s3cret");
        const std::int64_t t = utcMicros("2024-05-03T08:26:30");
        for (const VisitorFields& f : {fields(std::nullopt, std::nullopt, kIp, kUa), fields("42", "sess-1", kIp, kUa),
                                       fields(std::nullopt, std::nullopt, "2001:db8::1", "x")}) {
            for (const std::string& out : {hasher.visitorId(f, t), hasher.uniqueSessionId(f, t)}) {
                CPPUNIT_ASSERT_EQUAL(std::size_t(32), out.size());
                CPPUNIT_ASSERT(out.find(*f.ip) == std::string::npos);
                CPPUNIT_ASSERT(out.find(*f.userAgent) == std::string::npos);
                CPPUNIT_ASSERT(out.find('|') == std::string::npos);
                CPPUNIT_ASSERT(out.find_first_not_of("0123456789abcdef") == std::string::npos);
            }
        }
    }

    void differentSecretsDiffer() {
        CPPUNIT_ASSERT(VisitorHasher("s3cret").hash("42", 1) != VisitorHasher("other").hash("42", 1));
    }

    void emptySecretIsRejected() { CPPUNIT_ASSERT_THROW(VisitorHasher(""), ConfigError); }

    void uniqueSessionIds() {
        const VisitorHasher hasher("s3cret");
        const std::int64_t t = utcMicros("2024-05-03T08:26:30");
        const std::int64_t day = utcDay(t);
        CPPUNIT_ASSERT_EQUAL(hasher.hash("sess-1", day), hasher.uniqueSessionId(fields("42", "sess-1", kIp, kUa), t));
        CPPUNIT_ASSERT_EQUAL(hasher.hash("42|2024050308", day),
                             hasher.uniqueSessionId(fields("42", std::nullopt, kIp, kUa), t));
        // Anonymous without a session: visitor and session ids coincide (hourly), as in invenio-stats.
        const VisitorFields anon = fields(std::nullopt, std::nullopt, kIp, kUa);
        CPPUNIT_ASSERT_EQUAL(hasher.visitorId(anon, t), hasher.uniqueSessionId(anon, t));
        // A logged-in user: one visitor all day, a new session id every hour.
        const VisitorFields user = fields("42", std::nullopt, kIp, kUa);
        const std::int64_t later = utcMicros("2024-05-03T09:26:30");
        CPPUNIT_ASSERT_EQUAL(hasher.visitorId(user, t), hasher.visitorId(user, later));
        CPPUNIT_ASSERT(hasher.uniqueSessionId(user, t) != hasher.uniqueSessionId(user, later));
    }

    /// ids() is visitorId() and uniqueSessionId() together, for every precedence case.
    void idsGivesBothIds() {
        const VisitorHasher hasher("s3cret");
        const std::int64_t t = utcMicros("2024-05-03T08:26:30");
        for (const VisitorFields& f :
             {fields("42", "sess-1", kIp, kUa), fields("42", std::nullopt, kIp, kUa), fields(" 42 ", "  ", kIp, kUa),
              fields(std::nullopt, "sess-1", kIp, kUa), fields("  ", "sess-1", kIp, kUa),
              fields(std::nullopt, std::nullopt, kIp, kUa), fields(std::nullopt, std::nullopt, std::nullopt, std::nullopt)}) {
            const VisitorIds ids = hasher.ids(f, t);
            CPPUNIT_ASSERT_EQUAL(hasher.visitorId(f, t), ids.visitorId);
            CPPUNIT_ASSERT_EQUAL(hasher.uniqueSessionId(f, t), ids.sessionId);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(VisitorIdentityTest);

}  // namespace statshost::usage
