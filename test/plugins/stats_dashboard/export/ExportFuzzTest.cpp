#include <cppunit/extensions/HelperMacros.h>

#include <cstdint>
#include <cstdlib>
#include <limits>
#include <random>
#include <stdexcept>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Stringifier.h>

#include "ExportTestSupport.h"

using namespace statshost::dashboard;
using namespace statshost::test::exportsupport;
using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

/// Random /api/stats-like answers: mostly the right shape with wrong, odd or hostile parts
/// (invalid UTF-8, control characters, huge numbers, bad dates, missing fields, wrong types).
class AnswerFuzzer {
public:
    explicit AnswerFuzzer(unsigned seed) : _random(seed) {}

    Object::Ptr answer() {
        Object::Ptr results = new Object;
        int queries = pick(3);
        for (int q = 0; q < queries; ++q) {
            if (chance(10)) {
                results->set(text(), value(2));
            } else if (chance(30)) {
                results->set(text(), metricList());
            } else {
                Object::Ptr subcounts = new Object;
                for (int s = pick(4); s > 0; --s) {
                    if (chance(8)) {
                        subcounts->set(text(), value(2));
                        continue;
                    }
                    Object::Ptr metrics = new Object;
                    for (int m = pick(4); m > 0; --m) metrics->set(text(), chance(8) ? value(2) : metricList());
                    subcounts->set(text(), metrics);
                }
                results->set(text(), subcounts);
            }
        }
        return results;
    }

private:
    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(_random); }
    bool chance(int percent) { return pick(100) < percent; }

    std::string text() {
        static const std::vector<std::string> pool{
            "", "global", "records", "dataVolume", "views", "languages", "a/b", "a_b", "..", "../x", "x y",
            "9", "q]]>", "<&>\"'", "fr, \"quoted\"\nline", "\xE6\x97\xA5\xE6\x9C\xAC", "\xC3", "\xFF\xFE", "\x01\x02",
            "\xED\xA0\x80", "'quoted'", "Sheet", "No Data", "History", std::string(40, 'x'), std::string(40, 'X'),
            "en", "de", "=SUM(A1)", "tab\there", "\r\n"};
        if (chance(2)) return std::string(40000, 'L');                    // beyond Excel's cell limit
        if (chance(2)) {
            std::string wide;
            for (int i = 0; i < 33000; ++i) wide += "\xC3\xA9";  // 33000 characters, 66000 bytes
            return wide;
        }
        if (chance(10)) {
            std::string bytes;
            for (int i = pick(12); i > 0; --i) bytes += static_cast<char>(pick(256));
            return bytes;
        }
        return pool[pick(static_cast<int>(pool.size()))];
    }

    Var number() {
        switch (pick(9)) {
            case 0: return Var(std::numeric_limits<std::int64_t>::max());
            case 1: return Var(std::numeric_limits<std::int64_t>::min());
            case 2: return Var(std::numeric_limits<std::uint64_t>::max());
            case 3: return Var(1e300);
            case 4: return Var(-0.0);
            case 5: return Var(1e-300);
            case 6: return Var(std::numeric_limits<double>::infinity());
            case 7: return Var(std::uniform_real_distribution<double>(-1e6, 1e6)(_random));
            default: return Var(static_cast<std::int64_t>(pick(100000)) - 50);
        }
    }

    Var scalar() {
        switch (pick(5)) {
            case 0: return Var();
            case 1: return Var(chance(50));
            case 2: return number();
            default: return Var(text());
        }
    }

    Var value(int depth) {
        if (depth <= 0 || chance(50)) return scalar();
        if (chance(50)) {
            Array::Ptr array = new Array;
            for (int i = pick(4); i > 0; --i) array->add(value(depth - 1));
            return array;
        }
        Object::Ptr object = new Object;
        for (int i = pick(4); i > 0; --i) object->set(text(), value(depth - 1));
        return object;
    }

    Var date() {
        static const std::vector<std::string> dates{"2025-05-30", "05-30", "02-29", "2024-02-29", "2025-02-29",
                                                    "0001-01-01", "9999-12-31", "1899-12-31", "2025-13-01", "25-05-30",
                                                    "2025-05-30T00:00:00", "12-31"};
        if (chance(5)) return scalar();
        return Var(dates[pick(static_cast<int>(dates.size()))]);
    }

    Var point() {
        if (chance(5)) return value(1);
        Array::Ptr pair = new Array;
        pair->add(date());
        pair->add(chance(90) ? number() : scalar());
        if (chance(3)) pair->add(number());
        return pair;
    }

    Var label() {
        if (chance(50)) return Var(text());
        if (chance(10)) return scalar();
        Object::Ptr languages = new Object;
        for (int i = pick(3); i > 0; --i) languages->set(text(), chance(90) ? Var(text()) : scalar());
        return languages;
    }

    Var series() {
        if (chance(4)) return value(1);
        Object::Ptr object = new Object;
        if (chance(95)) object->set("id", chance(95) ? Var(text()) : scalar());
        if (chance(60)) object->set("name", label());
        if (chance(40)) object->set("label", label());
        if (chance(50)) object->set("type", chance(80) ? Var(std::string(chance(50) ? "line" : "bar")) : scalar());
        if (chance(50)) object->set("valueType", chance(80) ? Var(std::string("filesize")) : scalar());
        if (chance(50)) object->set("year", chance(80) ? Var(1900 + pick(200)) : chance(50) ? number() : scalar());
        if (chance(97)) {
            Array::Ptr data = new Array;
            for (int i = pick(6); i > 0; --i) data->add(point());
            object->set("data", chance(97) ? Var(data) : scalar());
        }
        return object;
    }

    Var metricList() {
        Array::Ptr list = new Array;
        for (int i = pick(4); i > 0; --i) list->add(series());
        return list;
    }

    std::mt19937 _random;
};

long environmentNumber(const char* name, long fallback) {
    const char* value = std::getenv(name);
    return value && *value ? std::stol(value) : fallback;
}

std::string describe(const Object::Ptr& answer) {
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(answer, out);
    return out.str().substr(0, 2000);
}

}  // namespace

class ExportFuzzTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ExportFuzzTest);
    CPPUNIT_TEST(randomAnswersEitherExportOrAreRejectedCleanly);
    CPPUNIT_TEST(mutatedSampleTextNeverCrashes);
    CPPUNIT_TEST_SUITE_END();

public:
    /// Every format either produces a file or throws std::invalid_argument; accepted XML validates.
    /// STATSHOST_EXPORT_FUZZ_SEED / _ROUNDS (default 20261129 / 300) allow longer local runs.
    void randomAnswersEitherExportOrAreRejectedCleanly() {
        AnswerFuzzer fuzzer(static_cast<unsigned>(environmentNumber("STATSHOST_EXPORT_FUZZ_SEED", 20261129)));
        const long rounds = environmentNumber("STATSHOST_EXPORT_FUZZ_ROUNDS", 300);
        int exported = 0, rejected = 0, validated = 0;
        for (long round = 0; round < rounds; ++round) {
            Object::Ptr answer = fuzzer.answer();
            for (ExportFormat format : {ExportFormat::Csv, ExportFormat::Xlsx, ExportFormat::Xml}) {
                try {
                    ExportFile file = exportSeries(*answer, format, sampleInfo());
                    CPPUNIT_ASSERT(!file.body.empty() && !file.fileName.empty() && !file.contentType.empty());
                    ++exported;
                    if (format == ExportFormat::Xml && validated < 60) {
                        ++validated;
                        std::string errors = schemaErrors(file.body);
                        CPPUNIT_ASSERT_MESSAGE(errors + "\ninput: " + describe(answer), errors.empty());
                    }
                } catch (const std::invalid_argument& e) {
                    CPPUNIT_ASSERT(std::string(e.what()).rfind("results", 0) == 0);  // names the path
                    ++rejected;
                } catch (const CppUnit::Exception&) {
                    throw;
                } catch (const std::exception& e) {
                    CPPUNIT_FAIL(std::string("unexpected exception: ") + e.what() + "\ninput: " + describe(answer));
                }
            }
        }
        // the generator must exercise both outcomes, or it tests nothing
        CPPUNIT_ASSERT(exported > rounds / 3);
        CPPUNIT_ASSERT(rejected > rounds / 3);
        CPPUNIT_ASSERT(validated > 0);
    }

    /// Byte-level mutations of a valid answer's JSON text: whatever still parses exports or is rejected.
    void mutatedSampleTextNeverCrashes() {
        std::mt19937 random(7);
        const std::string sample = categoryAnswerJson();
        int parsed = 0;
        for (int round = 0; round < 400; ++round) {
            std::string text = sample;
            for (int edits = 1 + static_cast<int>(random() % 2); edits > 0; --edits) {
                std::size_t at = random() % text.size();
                switch (random() % 3) {
                    case 0: text[at] = "[]{}\",:0-9.eEtn\x01\xC3"[random() % 19]; break;
                    case 1: text.erase(at, 1 + random() % 8); break;
                    default: text.insert(at, text.substr(random() % text.size(), 1 + random() % 12));
                }
                if (text.empty()) text = "{}";
            }
            Object::Ptr answer;
            try {
                answer = parseObject(text);
            } catch (const std::exception&) {
                continue;  // not JSON (or not an object) any more
            }
            ++parsed;
            for (ExportFormat format : {ExportFormat::Csv, ExportFormat::Xlsx, ExportFormat::Xml}) {
                try {
                    exportSeries(*answer, format, sampleInfo());
                } catch (const std::invalid_argument&) {
                }
            }
        }
        CPPUNIT_ASSERT(parsed > 50);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ExportFuzzTest);
