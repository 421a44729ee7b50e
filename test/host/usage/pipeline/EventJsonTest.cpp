// The streaming event reader (EventJson): strict JSON, clear errors, body splitting, and the same hits as
// the Poco-DOM path; a fuzz test of mutated event lines (never crashes, errors name the problem and byte).
#include <cppunit/extensions/HelperMacros.h>

#include <random>

#include <Poco/JSON/Parser.h>

#include "services/ServiceError.h"
#include "usage/pipeline/EventJson.h"
#include "usage/pipeline/Hits.h"
#include "usage/pipeline/TargetCache.h"

using namespace statshost;
using namespace statshost::usage;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

/// The syntax error message of `text`, or "" when it parses.
std::string syntaxError(const std::string& text) {
    try {
        parseEventObject(text);
        return "";
    } catch (const JsonSyntaxError& e) {
        return e.what();
    } catch (const JsonNotObject& e) {
        return e.what();
    }
}

/// A RawHit (or the parse error) as one comparable string.
template <class Hit>
std::string describe(const Hit& h) {
    std::string s = std::to_string(static_cast<int>(h.type)) + "|" + std::to_string(h.timestampMicros) + "|" + h.recid;
    auto opt = [&](const std::optional<std::string>& v) { s += "|" + (v ? "=" + *v : std::string("-")); };
    opt(h.userId);
    opt(h.sessionId);
    opt(h.ip);
    opt(h.userAgent);
    opt(h.referrer);
    opt(h.country);
    s += "|" + std::to_string(h.viaApi) + "|" + h.fileKey + "|" + h.fileId + "|" + h.bucketId + "|" +
         (h.size ? std::to_string(*h.size) : "-");
    return s;
}

std::string describe(const ProcessedDoc& d) {
    return std::to_string(static_cast<int>(d.type)) + "|" + std::to_string(d.timestampMicros) + "|" + d.recid + "|" +
           d.parentRecid + "|" + d.visitorId + "|" + d.uniqueSessionId + "|" + d.uniqueId + "|" + d.country + "|" +
           d.referrer + "|" + std::to_string(d.viaApi) + std::to_string(d.isRobot) + std::to_string(d.isMachine) + "|" +
           d.fileId + "|" + d.fileKey + "|" + d.bucketId + "|" + (d.size ? std::to_string(*d.size) : "-");
}

/// Both readers on one text: the hit (or field error) each produces; nullopt when the streaming reader
/// rejects the JSON itself.
template <class Parse>
std::optional<std::pair<std::string, std::string>> bothWays(const std::string& text, Parse parse) {
    std::string flat;
    try {
        EventObject obj = parseEventObject(text);
        try {
            flat = parse(obj);
        } catch (const services::ServiceError& e) {
            flat = std::string("error: ") + e.what();
        }
    } catch (const JsonSyntaxError&) {
        return std::nullopt;
    } catch (const JsonNotObject&) {
        return std::nullopt;
    }
    std::string dom;
    try {
        auto obj = Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
        try {
            dom = parse(obj);
        } catch (const services::ServiceError& e) {
            dom = std::string("error: ") + e.what();
        }
    } catch (const std::exception& e) {
        dom = std::string("Poco rejected: ") + e.what();
    }
    return std::make_pair(flat, dom);
}

const std::vector<std::string> kSamples = {
    R"({"timestamp":"2024-01-02T10:00:00Z","recid":"r1","ip":"192.0.2.1","user_agent":"Mozilla/5.0 X11"})",
    R"({"timestamp":"2024-01-02T10:00:00.25+02:00","recid":7,"user_id":-0,"session_id":"s","via_api":true,"country":null})",
    R"( { "recid" : "r\u00e9\ud83d\ude00", "timestamp" : "2024-01-02", "referrer":"https:\/\/x.org\/a\"b", "ip_address":"::1" } )",
    R"({"timestamp":"2024-01-02T10:00:00Z","recid":"r1","file_key":"a.pdf","size":"+12","bucket_id":"b","extra":{"a":[1,{"b":null}]}})",
    R"({"timestamp":"2024-01-02T10:00:00Z","recid":"r1","file_id":"f","size":18446744073709551615})",
    R"({"timestamp":"2024-01-02T10:00:00Z","recid":"r1","file_key":"k","size":-1})",
    R"({"timestamp":"2024-01-02T10:00:00Z","recid":"r1","file_key":"k","size":1.5})",
    R"({"timestamp":"2024-01-02T10:00:00Z","recid":12345678901234567890,"via_api":"yes"})",
    R"({"timestamp":"2024-01-02T10:00:00Z","recid":1e3})",
    R"({"timestamp":"bad","recid":"r1"})",
    R"({"timestamp":"2024-01-02T10:00:00Z","recid":"","user_agent":""})",
    R"({"timestamp":"2024-01-02T10:00:00Z","recid":"r1","recid":"r2","visitor_id":"v","is_robot":false,"is_machine":true})",
    R"({"timestamp":"2024-01-02T10:00:00Z","recid":"r1","visitor_id":"v","parent_recid":"p","unique_id":"u","unique_session_id":"s"})",
    R"({})",
};

}  // namespace

class EventJsonTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(EventJsonTest);
    CPPUNIT_TEST(readsFlatObjects);
    CPPUNIT_TEST(escapesEncodeEveryUtf8Length);
    CPPUNIT_TEST(bodyItemsOwnTheirUnescapedText);
    CPPUNIT_TEST(rejectsMalformedJsonNamingTheByte);
    CPPUNIT_TEST(splitsBodies);
    CPPUNIT_TEST(hitsEqualThePocoPath);
    CPPUNIT_TEST(fuzzedLinesNeverCrash);
    CPPUNIT_TEST(targetCacheRemembersOnlyWhatItIsGiven);
    CPPUNIT_TEST_SUITE_END();

public:
    void readsFlatObjects() {
        const std::string text = R"({"a":"x\ny\u0041","b":-12,"c":1.5e3,"d":true,"e":false,"f":null,"g":{"h":[1,2]},"a":"last"})";
        EventObject o = parseEventObject(text);
        CPPUNIT_ASSERT_EQUAL(std::size_t(8), o.fields().size());
        CPPUNIT_ASSERT_EQUAL(std::string("x\nyA"), std::string(o.fields()[0].text));
        CPPUNIT_ASSERT_EQUAL(std::string("last"), std::string(o.find("a")->text));  // a repeated key: the last wins
        CPPUNIT_ASSERT(o.find("b")->kind == JsonKind::Integer);
        CPPUNIT_ASSERT_EQUAL(std::string("-12"), std::string(o.find("b")->text));
        CPPUNIT_ASSERT(o.find("c")->kind == JsonKind::Number);
        CPPUNIT_ASSERT(o.find("d")->kind == JsonKind::True);
        CPPUNIT_ASSERT(o.find("e")->kind == JsonKind::False);
        CPPUNIT_ASSERT(o.find("f")->kind == JsonKind::Null);
        CPPUNIT_ASSERT(o.find("g")->kind == JsonKind::Object);
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"h":[1,2]})"), std::string(o.find("g")->text));
        CPPUNIT_ASSERT(o.find("zz") == nullptr);
        EventObject inner = parseEventObject(o.find("g")->text);
        CPPUNIT_ASSERT(inner.find("h")->kind == JsonKind::Array);
        // A surrogate pair is one code point (4 UTF-8 bytes); raw UTF-8 passes through.
        EventObject u = parseEventObject("{\"k\":\"\\ud83d\\ude00 \xc3\xa9\"}");
        CPPUNIT_ASSERT_EQUAL(std::string("\xf0\x9f\x98\x80 \xc3\xa9"), std::string(u.find("k")->text));
    }

    /// \u escapes at the edges of each UTF-8 length (1 to 4 bytes), written out by hand.
    void escapesEncodeEveryUtf8Length() {
        const std::vector<std::pair<std::string, std::string>> cases = {
            {R"(\u0000)", std::string("\0", 1)}, {R"(\u007f)", "\x7f"},
            {R"(\u0080)", "\xc2\x80"},          {R"(\u07ff)", "\xdf\xbf"},
            {R"(\u0800)", "\xe0\xa0\x80"},      {R"(\uffff)", "\xef\xbf\xbf"},
            {R"(\ud7ff)", "\xed\x9f\xbf"},      {R"(\ue000)", "\xee\x80\x80"},
            {R"(\ud800\udc00)", "\xf0\x90\x80\x80"}, {R"(\udbff\udfff)", "\xf4\x8f\xbf\xbf"},
        };
        for (const auto& [escape, utf8] : cases) {
            const std::string text = "{\"k\":\"a" + escape + "b\"}";  // outlives the object's views
            const EventObject o = parseEventObject(text);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(escape, "a" + utf8 + "b", std::string(o.find("k")->text));
        }
    }

    /// Unescaped strings live in their object: they survive moves of the object and of the body's vector.
    void bodyItemsOwnTheirUnescapedText() {
        std::string body;
        for (int i = 0; i < 50; ++i) body += "{\"k\":\"line\\u0020" + std::to_string(i) + "\"}\n";
        std::vector<BodyItem> items = parseEventBody(body);
        CPPUNIT_ASSERT_EQUAL(std::size_t(50), items.size());
        std::vector<BodyItem> moved;
        for (auto& item : items) moved.push_back(std::move(item));  // grows by moving
        for (int i = 0; i < 50; ++i)
            CPPUNIT_ASSERT_EQUAL("line " + std::to_string(i), std::string(moved[i].object.find("k")->text));
    }

    void rejectsMalformedJsonNamingTheByte() {
        CPPUNIT_ASSERT_EQUAL(std::string("expected a JSON object"), syntaxError("[1,2]"));
        CPPUNIT_ASSERT_EQUAL(std::string("expected a JSON object"), syntaxError(" \"text\" "));
        CPPUNIT_ASSERT_EQUAL(std::string("unexpected end of input at byte 6"), syntaxError(R"({"a":1)"));
        CPPUNIT_ASSERT_EQUAL(std::string("unexpected text after the JSON value at byte 8"), syntaxError(R"({"a":1} x)"));
        CPPUNIT_ASSERT_EQUAL(std::string("expected a string key at byte 1"), syntaxError("{a:1}"));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid number at byte 5"), syntaxError(R"({"a":-})"));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid number at byte 5"), syntaxError(R"({"a":1.})"));
        CPPUNIT_ASSERT(contains(syntaxError(R"({"a":01})"), "expected ',' or '}'"));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid literal (expected true) at byte 5"), syntaxError(R"({"a":tru})"));
        CPPUNIT_ASSERT_EQUAL(std::string("unterminated string at byte 5"), syntaxError(R"({"a":"abc)"));
        CPPUNIT_ASSERT_EQUAL(std::string("control character in a string at byte 7"), syntaxError("{\"a\":\"b\tc\"}"));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid escape '\\x' at byte 7"), syntaxError(R"({"a":"b\xc"})"));
        CPPUNIT_ASSERT(contains(syntaxError(R"({"a":"\ud83d"})"), "unpaired surrogate"));
        CPPUNIT_ASSERT(contains(syntaxError(R"({"a":"\ude00"})"), "unpaired surrogate"));
        CPPUNIT_ASSERT(contains(syntaxError(R"({"a":"\u12G4"})"), "invalid \\u escape"));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid UTF-8 at byte 6"), syntaxError("{\"a\":\"\xff\"}"));
        CPPUNIT_ASSERT_EQUAL(std::string("invalid UTF-8 at byte 6"), syntaxError("{\"a\":\"\xc0\xaf\"}"));        // overlong
        CPPUNIT_ASSERT_EQUAL(std::string("invalid UTF-8 at byte 6"), syntaxError("{\"a\":\"\xed\xa0\x80\"}"));    // surrogate
        CPPUNIT_ASSERT_EQUAL(std::string("invalid UTF-8 at byte 6"), syntaxError("{\"a\":\"\xc3\"}"));            // truncated
        CPPUNIT_ASSERT_EQUAL(std::string("nested too deeply at byte 70"),
                             syntaxError("{\"a\":" + std::string(100, '[') + std::string(100, ']') + "}"));
        CPPUNIT_ASSERT_EQUAL(std::string("unexpected end of input at byte 0"), syntaxError(""));
    }

    void splitsBodies() {
        auto one = parseEventBody("{\n  \"recid\": \"r1\"\n}\n");  // one object over several lines
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), one.size());
        CPPUNIT_ASSERT(one[0].error.empty());
        auto array = parseEventBody(R"([{"recid":"a"}, 3, {"recid":"b"}])");
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), array.size());
        CPPUNIT_ASSERT_EQUAL(std::string("a"), std::string(array[0].object.find("recid")->text));
        CPPUNIT_ASSERT_EQUAL(std::string("expected a JSON object"), array[1].error);
        CPPUNIT_ASSERT_EQUAL(std::string("b"), std::string(array[2].object.find("recid")->text));
        CPPUNIT_ASSERT(parseEventBody("[]").empty());
        auto lines = parseEventBody("{\"recid\":\"a\"}\r\n\n   \n{\"recid\":\n[1]\n{\"recid\":\"c\"}");
        CPPUNIT_ASSERT_EQUAL(std::size_t(4), lines.size());
        CPPUNIT_ASSERT(lines[0].error.empty());
        CPPUNIT_ASSERT_EQUAL(std::string("malformed JSON: unexpected end of input at byte 9"), lines[1].error);
        CPPUNIT_ASSERT_EQUAL(std::string("expected a JSON object"), lines[2].error);
        CPPUNIT_ASSERT_EQUAL(std::string("c"), std::string(lines[3].object.find("recid")->text));
        auto broken = parseEventBody("[{\"recid\":\"a\"},\n{\"recid\":]");  // not one array: read as lines
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), broken.size());
        CPPUNIT_ASSERT(contains(broken[0].error, "malformed JSON"));
        CPPUNIT_ASSERT(parseEventBody(" \n\t\n").empty());
    }

    void hitsEqualThePocoPath() {
        for (const std::string& text : kSamples) {
            for (EventType type : {EventType::View, EventType::Download}) {
                auto raw = bothWays(text, [&](const auto& obj) { return describe(parseRawHit(type, obj, std::nullopt)); });
                CPPUNIT_ASSERT_MESSAGE(text, raw.has_value());
                CPPUNIT_ASSERT_EQUAL_MESSAGE(text, raw->second, raw->first);
                auto doc = bothWays(text, [&](const auto& obj) { return describe(parseProcessedDoc(type, obj)); });
                CPPUNIT_ASSERT_EQUAL_MESSAGE(text, doc->second, doc->first);
            }
        }
    }

    void fuzzedLinesNeverCrash() {
        std::mt19937 random(20240229);
        const std::string alphabet = "{}[]:,\"\\/ abtrufnel0123456789-+.eEu\x01\x7f\xc3\xa9\xed\xff\n";
        std::size_t accepted = 0, rejected = 0, compared = 0;
        for (int round = 0; round < 20000; ++round) {
            std::string text = kSamples[random() % kSamples.size()];
            const int edits = 1 + static_cast<int>(random() % 4);
            for (int k = 0; k < edits && !text.empty(); ++k) {
                const std::size_t at = random() % (text.size() + 1);
                switch (random() % 4) {
                    case 0: text.insert(at, 1, alphabet[random() % alphabet.size()]); break;
                    case 1: if (at < text.size()) text.erase(at, 1); break;
                    case 2: if (at < text.size()) text[at] = alphabet[random() % alphabet.size()]; break;
                    default: text.resize(at); break;  // truncation
                }
            }
            try {
                EventObject obj = parseEventObject(text);
                ++accepted;
                // Both readers give the same hit or error. (Poco also rejects some valid JSON, e.g. integers beyond
                // 64 bits; the streaming reader accepts those and the field rules decide.)
                auto raw = bothWays(text, [](const auto& o) { return describe(parseRawHit(EventType::Download, o, std::nullopt)); });
                if (raw->second.rfind("Poco rejected", 0) != 0) {
                    ++compared;
                    CPPUNIT_ASSERT_EQUAL_MESSAGE(text, raw->second, raw->first);
                }
            } catch (const JsonSyntaxError& e) {
                ++rejected;
                CPPUNIT_ASSERT_MESSAGE(e.what(), contains(e.what(), " at byte "));
                const std::size_t at = std::stoul(std::string(e.what()).substr(std::string(e.what()).rfind(' ') + 1));
                CPPUNIT_ASSERT_MESSAGE(e.what(), at <= text.size());
            } catch (const JsonNotObject&) {
                ++rejected;
            }
            // A body of such lines: one item per non-blank line, never an exception.
            const auto items = parseEventBody(text + "\n" + text);
            for (const auto& item : items)
                CPPUNIT_ASSERT(item.error.empty() || contains(item.error, "malformed JSON: ") ||
                               item.error == "expected a JSON object");
        }
        CPPUNIT_ASSERT(accepted > 100);  // the mutations exercise both outcomes
        CPPUNIT_ASSERT(compared * 10 > accepted * 9);
        CPPUNIT_ASSERT(rejected > 100);
    }

    void targetCacheRemembersOnlyWhatItIsGiven() {
        TargetCache cache(3);
        std::unordered_map<std::string, repository::UsageTarget> found;
        auto missing = cache.take({"a", "b", "a"}, found);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), missing.size());  // each unknown id once
        CPPUNIT_ASSERT(found.empty());
        cache.remember({{"a", repository::UsageTarget{"a", "pa", {}}}});
        missing = cache.take({"a", "b"}, found);
        CPPUNIT_ASSERT(missing == std::vector<std::string>{"b"});
        CPPUNIT_ASSERT_EQUAL(std::string("pa"), found.at("a").parentId);
        cache.remember({{"b", {"b", "pb", {}}}, {"c", {"c", "pc", {}}}, {"d", {"d", "pd", {}}}});  // over capacity: starts over
        CPPUNIT_ASSERT(cache.size() <= 3);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(EventJsonTest);
