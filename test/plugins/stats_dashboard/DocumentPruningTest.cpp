// The pruned parse of series queries (DocumentPruning.h): what is kept and skipped, the cases it
// refuses, and a randomized cross-check that every series built from pruned documents equals the
// one built from the full documents.
#include <cppunit/extensions/HelperMacros.h>

#include <random>

#include "DashboardFixtures.h"
#include "DocumentPruning.h"
#include "DocumentSource.h"
#include "SeriesTransform.h"
#include "statshost/Errors.h"

using namespace statshost::dashboard;
using namespace statshost::test;
using StoredDocumentError = ::statshost::Error;

namespace {

/// Random aggregation-like documents: every block any family's metrics read, subcount lists under
/// the fixture settings' keys plus unrelated ones, strings with escapes and brackets, numbers of
/// every JSON form, now and then a wrong type or a missing member, random whitespace.
class DocumentGenerator {
public:
    explicit DocumentGenerator(unsigned seed) : _rng(seed) {}

    std::string document(const std::vector<std::string>& listKeys, const std::string& day) {
        std::vector<std::pair<std::string, std::string>> members = {
            {"period_start", quote(day + "T00:00:00")},
            {"snapshot_date", quote(day)},
            {"totals", usage()},
            {"records", addedRemoved(classes())},
            {"parents", addedRemoved(classes())},
            {"files", addedRemoved(files())},
            {"uploaders", number()},
            {"total_records", classes()},
            {"total_parents", classes()},
            {"total_files", files()},
            {"total_uploaders", number()},
            {"subcounts", subcounts(listKeys)},
        };
        std::shuffle(members.begin(), members.end() - 1, _rng);
        return object(members);
    }

private:
    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(_rng); }

    std::string space() {
        static const char* spaces[] = {"", "", "", " ", "\n  ", "\t"};
        return spaces[pick(6)];
    }

    std::string object(const std::vector<std::pair<std::string, std::string>>& members) {
        std::string out = space() + "{";
        bool first = true;
        for (const auto& [key, value] : members) {
            if (pick(12) == 0) continue;  // missing member
            out += (first ? "" : ",") + space() + quote(key) + space() + ":" + space() + value + space();
            first = false;
        }
        return out + "}" + space();
    }

    std::string quote(const std::string& s) { return "\"" + s + "\""; }

    std::string number() {
        switch (pick(7)) {
            case 0: return std::to_string(pick(100000));
            case 1: return "-" + std::to_string(pick(50));
            case 2: return std::to_string(pick(1000)) + "." + std::to_string(pick(1000));
            case 3: return std::to_string(pick(9)) + ".5e" + std::to_string(pick(5));
            case 4: return pick(2) ? "null" : "\"7\"";  // wrong type: counts as 0
            case 5: return "0";
            default: return std::to_string(pick(20));
        }
    }

    std::string text() {
        static const char* parts[] = {"a", "B c", "\\\"", "]", "}", "{[", "\\\\", "\\u00e9", ",", ":", "x\\n"};
        std::string out;
        for (int i = pick(5); i >= 0; --i) out += parts[pick(11)];
        return quote(out);
    }

    std::string classes() { return object({{"metadata_only", number()}, {"with_files", number()}}); }
    std::string files() { return object({{"file_count", number()}, {"data_volume", number()}}); }
    std::string addedRemoved(const std::string& inner) { return object({{"added", inner}, {"removed", classes()}}); }
    std::string side() {
        return object({{"total_events", number()}, {"unique_visitors", number()}, {"total_volume", number()},
                       {"unique_files", number()}, {"unique_parents", number()}, {"unique_records", number()}});
    }
    std::string usage() { return object({{"view", side()}, {"download", side()}}); }

    std::string item() {
        static const char* ids[] = {"US", "DE", "open", "dataset", "x\\\"y", "]}"};
        std::string label = pick(3) == 0 ? "null" : pick(2) ? text() : "{\"en\":" + text() + "}";
        return object({{"id", pick(8) ? quote(ids[pick(6)]) : std::to_string(pick(5))},
                       {"label", label},
                       {"view", side()},
                       {"download", side()},
                       {"records", addedRemoved(classes())},
                       {"parents", addedRemoved(classes())},
                       {"files", addedRemoved(files())}});
    }

    std::string list() {
        std::string out = "[";
        for (int i = pick(6); i > 0; --i) out += (out.size() > 1 ? "," : "") + space() + item();
        return out + "]";
    }

    std::string subcounts(const std::vector<std::string>& listKeys) {
        std::vector<std::pair<std::string, std::string>> members;
        for (const auto& key : listKeys)
            members.emplace_back(key, pick(3) == 0 ? object({{"by_view", list()}, {"by_download", list()}}) : list());
        members.emplace_back("unrelated", "[" + text() + ",{\"deep\":[[[" + text() + "]]]}]");
        std::shuffle(members.begin(), members.end(), _rng);
        return object(members);
    }

    std::mt19937 _rng;
};

std::vector<std::string> keepFor(const std::vector<SubcountSource>& layout, const std::string& category) {
    std::vector<std::string> keep;
    for (const auto& s : layout)
        if (s.key == category) keep.push_back(s.docKey);
    return keep;
}

}  // namespace

class DocumentPruningTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(DocumentPruningTest);
    CPPUNIT_TEST(keepsOneListAndEverythingElse);
    CPPUNIT_TEST(skipsTrickyStrings);
    CPPUNIT_TEST(refusesWhatItCannotFollow);
    CPPUNIT_TEST(malformedTextFailsLikeTheFullParse);
    CPPUNIT_TEST(randomDocumentsGiveTheSameSeries);
    CPPUNIT_TEST_SUITE_END();

public:
    void keepsOneListAndEverythingElse() {
        const std::string doc =
            R"({"period_start":"2025-01-06T00:00:00", "totals" : {"view":{"total_events":3}},)"
            R"("subcounts":{"by_countries":[{"id":"US"}], "by_access_rights" : [{"id":"open"}],"x":1}})";
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"period_start":"2025-01-06T00:00:00","totals":{"view":{"total_events":3}},)"
                                         R"("subcounts":{"by_access_rights":[{"id":"open"}]}})"),
                             *pruneDocument(doc, {"by_access_rights"}));
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"period_start":"2025-01-06T00:00:00","totals":{"view":{"total_events":3}},)"
                                         R"("subcounts":{}})"),
                             *pruneDocument(doc, {}));
        CPPUNIT_ASSERT_EQUAL(std::string("{}"), *pruneDocument(" {  } ", {}));
        // A `subcounts` that is not an object is copied as it is.
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"subcounts":[1,{"a":2}]})"), *pruneDocument(R"({"subcounts":[1,{"a":2}]})", {}));
    }

    void skipsTrickyStrings() {
        const std::string doc = R"({"subcounts":{"a":[{"id":"]}\"{[","label":"\\"}],"b":[{"id":"\u00e9\\\""}]},"z":true})";
        CPPUNIT_ASSERT_EQUAL(std::string(R"({"subcounts":{"b":[{"id":"\u00e9\\\""}]},"z":true})"), *pruneDocument(doc, {"b"}));
    }

    void refusesWhatItCannotFollow() {
        for (const char* bad : {"", "[]", "{", R"({"a":1)", R"({"a" 1})", R"({"a":1,})", R"({"a":[1})", R"({"a":"x})",
                                R"({"a":1} x)", R"({"sub\u0063ounts":{}})", R"({"subcounts":{"\"":[]}})", R"({"a":})"})
            CPPUNIT_ASSERT_MESSAGE(bad, !pruneDocument(bad, {}));
    }

    void malformedTextFailsLikeTheFullParse() {
        CPPUNIT_ASSERT_THROW(parsePruned({R"({"a":1)"}, {}), StoredDocumentError);
        CPPUNIT_ASSERT_THROW(parsePruned({"[1]"}, {}), StoredDocumentError);
        // Text the scanner follows but the DOM parse rejects (bad number inside a kept member).
        CPPUNIT_ASSERT_THROW(parsePruned({R"({"a":1x2})"}, {}), StoredDocumentError);
    }

    void randomDocumentsGiveTheSameSeries() {
        const ::statshost::AggregationSettings settings = fixtureSettings();
        std::vector<std::string> listKeys;
        for (Family f : {Family::RecordDelta, Family::RecordSnapshot, Family::UsageDelta, Family::UsageSnapshot})
            for (const auto& s : subcountLayout(f, settings)) listKeys.push_back(s.docKey);
        DocumentGenerator generator(20251129);
        int compared = 0;
        for (int round = 0; round < 40; ++round) {
            std::vector<std::string> bodies;
            for (int day = 1; day <= 5; ++day)
                bodies.push_back(generator.document(listKeys, "2025-01-0" + std::to_string(day)));
            const auto full = parseDocuments(bodies);
            for (Family f : {Family::RecordDelta, Family::RecordSnapshot, Family::UsageDelta, Family::UsageSnapshot}) {
                const auto layout = subcountLayout(f, settings);
                std::vector<std::string> categories{"global"};
                for (const auto& s : layout) categories.push_back(s.key);
                if (isRecordFamily(f)) categories.push_back("filePresence");
                for (const auto& category : categories) {
                    const auto pruned = parsePruned(bodies, keepFor(layout, category));
                    for (const auto& metric : metricKeys(f, category == "global")) {
                        const SeriesFilter filter{category, metric};
                        CPPUNIT_ASSERT_EQUAL_MESSAGE(category + "." + metric + " in round " + std::to_string(round),
                                                     toJson(buildCategory(f, full, layout, filter)),
                                                     toJson(buildCategory(f, pruned, layout, filter)));
                        ++compared;
                    }
                }
            }
        }
        CPPUNIT_ASSERT(compared > 1000);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DocumentPruningTest);
