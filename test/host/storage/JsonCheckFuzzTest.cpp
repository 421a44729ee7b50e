// TextChecks jsonProblem against a reference parser (Poco::JSON) on randomly mutated documents: the
// table-driven checker must accept exactly what the reference accepts, apart from what it refuses on
// purpose (\u escapes that jsonb cannot hold, invalid UTF-8), which the mutations below leave out of the
// comparison and the hand-written cases of NamesAndTextTest cover.
#include <cppunit/extensions/HelperMacros.h>

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include <random>
#include <string>
#include <vector>

#include "storage/TextChecks.h"

using namespace statshost::storage;

namespace {

bool referenceAccepts(const std::string& text) {
    try {
        Poco::JSON::Parser parser;
        parser.parse(text);
        return true;
    } catch (const Poco::Exception&) {
        return false;
    } catch (const std::exception&) {
        return false;
    }
}

/// Documents shaped like the stored ones (nested objects, lists, numbers of every form, escapes, UTF-8).
const std::vector<std::string>& seeds() {
    static const std::vector<std::string> documents = {
        R"({"community_id":"global","period_start":"2025-09-26T00:00:00","subcounts":{"by_access_rights":[{"id":"open","label":"Open Access","view":{"total_events":83,"unique_visitors":81},"download":{"total_volume":1724632916.0}}]},"totals":[]})",
        R"([1, -2.5e+3, 0, 0.0, 1E-7, true, false, null, "x", {}, [], {"a": [{"b": null}]}])",
        R"({"esc": "quote \" backslash \\ slash \/ controls \b\f\n\r\t", "u": "\u00e9\ud83d\ude00", "utf8": "é€😀"})",
        R"(  {"deep": [[[[{"x": [0.5, -0, 123456789]}]]]], "empty": "", "k": {"": 1}}  )",
    };
    return documents;
}

/// Bytes the mutations insert: JSON punctuation, digits, literal letters, space and a whole UTF-8 letter.
const std::vector<std::string>& pieces() {
    static const std::vector<std::string> list = {"{", "}", "[", "]", ":", ",", "\"", "0", "1", "9", "-", "+", ".",
                                                  "e", "E", "t", "r", "u", "e", "f", "a", "l", "s", "n", " ", "\n",
                                                  "\t", "x", "é", "true", "null", "false", "\"k\":", "[1,", "{}"};
    return list;
}

/// One to three random edits: insert a piece, delete a byte range or swap two bytes (never inside a
/// multi-byte character, so the text stays UTF-8).
std::string mutate(std::string text, std::mt19937& random) {
    auto boundary = [&](std::size_t at) {
        while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
        return at;
    };
    int edits = 1 + static_cast<int>(random() % 3);
    for (int i = 0; i < edits; ++i) {
        std::size_t at = boundary(random() % (text.size() + 1));
        switch (random() % 3) {
        case 0: text.insert(at, pieces()[random() % pieces().size()]); break;
        case 1: {
            std::size_t end = boundary(std::min(text.size(), at + 1 + random() % 4));
            if (end > at) text.erase(at, end - at);
            break;
        }
        default: {
            std::size_t other = boundary(random() % (text.size() + 1));
            if (at < text.size() && other < text.size() && static_cast<unsigned char>(text[at]) < 0x80 &&
                static_cast<unsigned char>(text[other]) < 0x80)
                std::swap(text[at], text[other]);
        }
        }
    }
    return text;
}

/// Inputs whose verdict may differ from Poco's: \u escapes (we refuse \u0000 and unpaired surrogates,
/// which jsonb cannot hold; Poco decodes them) and exponents of three digits or more (Poco refuses
/// numbers beyond a double; JSON does not). The mutations keep UTF-8 whole; NamesAndTextTest covers the rest.
bool comparable(const std::string& text) {
    if (text.find("\\u") != std::string::npos) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != 'e' && text[i] != 'E') continue;
        std::size_t digits = i + 1;
        if (digits < text.size() && (text[digits] == '+' || text[digits] == '-')) ++digits;
        std::size_t run = 0;
        while (digits + run < text.size() && text[digits + run] >= '0' && text[digits + run] <= '9') ++run;
        if (run >= 3) return false;
    }
    return true;
}

}  // namespace

class JsonCheckFuzzTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(JsonCheckFuzzTest);
    CPPUNIT_TEST(testSeedsAreValid);
    CPPUNIT_TEST(testMutationsAgreeWithReference);
    CPPUNIT_TEST(testEveryPrefixOfAValidDocumentIsRejected);
    CPPUNIT_TEST_SUITE_END();

public:
    void testSeedsAreValid() {
        for (const std::string& seed : seeds()) {
            CPPUNIT_ASSERT_MESSAGE(seed, !jsonProblem(seed));
            CPPUNIT_ASSERT_MESSAGE(seed, referenceAccepts(seed));
        }
        // Top-level scalars are JSON (RFC 8259) though Poco's parser wants an object or array.
        for (const char* scalar : {"\"plain string\"", "-12.75e-2", " true ", "null"})
            CPPUNIT_ASSERT_MESSAGE(scalar, !jsonProblem(scalar));
    }

    void testMutationsAgreeWithReference() {
        std::mt19937 random(20261129);
        int compared = 0, accepted = 0;
        for (int round = 0; round < 20000; ++round) {
            std::string text = mutate(seeds()[round % seeds().size()], random);
            if (!comparable(text)) continue;
            bool ours = !jsonProblem(text);
            bool reference = referenceAccepts(text);
            CPPUNIT_ASSERT_EQUAL_MESSAGE("input: " + text, reference, ours);
            ++compared;
            accepted += ours;
        }
        // The comparison must have seen both verdicts in numbers, or it proves little.
        CPPUNIT_ASSERT(compared > 10000);
        CPPUNIT_ASSERT(accepted > 500);
        CPPUNIT_ASSERT(compared - accepted > 500);
    }

    void testEveryPrefixOfAValidDocumentIsRejected() {
        for (const std::string& seed : seeds()) {
            std::size_t end = seed.find_last_not_of(' ') + 1;
            for (std::size_t length = 0; length < end; ++length) {
                std::string prefix = seed.substr(0, length);
                CPPUNIT_ASSERT_MESSAGE(prefix, jsonProblem(prefix).has_value());
            }
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(JsonCheckFuzzTest);
