// Facet extraction with the default rules (SEMANTICS §5, §9.12, §10.10) and with custom rules.
#include <cppunit/extensions/HelperMacros.h>

#include "RecordTestSupport.h"

namespace statshost::records {

using namespace statshost::records::test;

namespace {

RecordData withMetadata(const std::string& metadata) {
    auto record = minimalRecord();
    put(record, "metadata", metadata);
    return parseRecord(record);
}

const SubcountSide& usageSide(const std::string& subcount) {
    for (const auto& s : defaultSubcountConfig().subcounts)
        if (s.name == subcount && s.usage) return *s.usage;
    throw std::runtime_error("no usage side " + subcount);
}

std::string valuesText(const std::vector<SubcountValue>& values) {
    std::vector<std::string> out;
    for (const auto& v : values) out.push_back(v.id + "=" + v.label);
    return joined(out);
}

}  // namespace

class FacetsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(FacetsTest);
    CPPUNIT_TEST(subjectsWithIdKeywordsWithout);
    CPPUNIT_TEST(affiliationIdElseName);
    CPPUNIT_TEST(fundersIdElseName);
    CPPUNIT_TEST(vocabularyLabelsAreEnglishTitles);
    CPPUNIT_TEST(whitespaceOnlyIdsAreMissing);
    CPPUNIT_TEST(duplicatesCountOnceKeepingARealLabel);
    CPPUNIT_TEST(idsKeepTheirCase);
    CPPUNIT_TEST(publisherAndPeriodical);
    CPPUNIT_TEST(accessRightLabels);
    CPPUNIT_TEST(customRules);
    CPPUNIT_TEST(usageAffiliationsMergeCreatorsAndContributors);
    CPPUNIT_TEST_SUITE_END();

public:
    void subjectsWithIdKeywordsWithout() {
        auto r = withMetadata(R"({"subjects": [
            {"id": "euroscivoc:123", "subject": "Sociology", "scheme": "EuroSciVoc"},
            {"subject": "panel data"}, {"id": "  ", "subject": " survey "}, {"id": "fos:1"},
            {"subject": "panel data"}, {"subject": ""}]})");
        CPPUNIT_ASSERT_EQUAL(std::string("euroscivoc:123=Sociology | fos:1="), facetPairs(r, "subject"));
        CPPUNIT_ASSERT_EQUAL(std::string("panel data=panel data | survey=survey"), facetPairs(r, "keyword"));
        // Usage by_subjects holds subjects with an id only (§9.12).
        CPPUNIT_ASSERT_EQUAL(std::string("euroscivoc:123=Sociology | fos:1="),
                             valuesText(subcountValues(usageSide("subjects"), r.facets)));
    }

    void affiliationIdElseName() {
        auto r = withMetadata(R"({
            "creators": [{"affiliations": [{"id": "01ggx4157", "name": "CERN"}, {"name": "Example Institute"}]},
                         {"person_or_org": {"name": "Doe, Jane"}},
                         {"affiliations": [{"id": "01ggx4157"}, {"name": "  "}]}],
            "contributors": [{"affiliations": [{"name": "Example Institute"}, {"id": "05a28rw58", "name": "ETH"}]}]})");
        CPPUNIT_ASSERT_EQUAL(std::string("01ggx4157=CERN | Example Institute=Example Institute"),
                             facetPairs(r, "affiliation_creator"));
        CPPUNIT_ASSERT_EQUAL(std::string("Example Institute=Example Institute | 05a28rw58=ETH"),
                             facetPairs(r, "affiliation_contributor"));
    }

    void fundersIdElseName() {
        auto r = withMetadata(R"({"funding": [
            {"funder": {"id": "00k4n6c32", "name": "European Commission"},
             "award": {"id": "00k4n6c32::101017536", "number": "101017536", "title": {"en": "Example"}}},
            {"funder": {"name": "Local Fund"}}, {"award": {"id": "x::1"}}, {"funder": {"id": "00k4n6c32"}},
            {"funder": {"id": 42}}]})");
        CPPUNIT_ASSERT_EQUAL(std::string("00k4n6c32=European Commission | Local Fund=Local Fund | 42="),
                             facetPairs(r, "funder"));
    }

    void vocabularyLabelsAreEnglishTitles() {
        auto r = withMetadata(R"({"resource_type": {"id": "dataset", "title": {"en": "Dataset", "de": "Datensatz"}},
            "languages": [{"id": "deu", "title": {"de": "Deutsch"}}, {"id": "eng", "title": {"en": "English"}}],
            "rights": [{"id": "cc-by-4.0", "title": {"en": "Creative Commons Attribution 4.0 International"}},
                       {"title": {"en": "Custom licence"}, "link": "https://example.org/l"}, {"id": "arr"}]})");
        CPPUNIT_ASSERT_EQUAL(std::string("dataset=Dataset"), facetPairs(r, "resource_type"));
        CPPUNIT_ASSERT_EQUAL(std::string("deu= | eng=English"), facetPairs(r, "language"));
        // Rights without an id are skipped; an id without a title has no real label.
        CPPUNIT_ASSERT_EQUAL(std::string("cc-by-4.0=Creative Commons Attribution 4.0 International | arr="),
                             facetPairs(r, "license"));
    }

    void whitespaceOnlyIdsAreMissing() {
        auto r = withMetadata(
            R"({"resource_type": {"id": " \t "}, "languages": [{"id": " eng ", "title": {"en": " English "}}],
                                  "publisher": "   ", "funding": [{"funder": {"id": " ", "name": " Fund "}}]})");
        CPPUNIT_ASSERT_EQUAL(std::string(), facetPairs(r, "resource_type"));
        CPPUNIT_ASSERT_EQUAL(std::string("eng=English"), facetPairs(r, "language"));
        CPPUNIT_ASSERT_EQUAL(std::string(), facetPairs(r, "publisher"));
        CPPUNIT_ASSERT_EQUAL(std::string("Fund=Fund"), facetPairs(r, "funder"));
    }

    void duplicatesCountOnceKeepingARealLabel() {
        auto r = withMetadata(R"({"languages": [{"id": "eng"}, {"id": "eng", "title": {"en": "English"}},
                                                {"id": "eng", "title": {"en": "Englisch"}}],
                                  "subjects": [{"id": "s1", "subject": "One"}, {"id": "s1", "subject": "Uno"}]})");
        CPPUNIT_ASSERT_EQUAL(std::string("eng=English"), facetPairs(r, "language"));
        CPPUNIT_ASSERT_EQUAL(std::string("s1=One"), facetPairs(r, "subject"));
    }

    void idsKeepTheirCase() {
        auto r = withMetadata(R"({"languages": [{"id": "eng"}, {"id": "ENG"}], "publisher": "Brill"})");
        CPPUNIT_ASSERT_EQUAL(std::string("eng= | ENG="), facetPairs(r, "language"));
    }

    void publisherAndPeriodical() {
        auto record = minimalRecord();
        put(record, "metadata", R"({"publisher": " Example Press "})");
        put(record, "custom_fields", R"({"journal:journal": {"title": " Journal of Examples ", "issn": "2077-9550"},
                                         "imprint:imprint": {"title": "Not a periodical"}})");
        auto r = parseRecord(record);
        CPPUNIT_ASSERT_EQUAL(std::string("Example Press=Example Press"), facetPairs(r, "publisher"));
        CPPUNIT_ASSERT_EQUAL(std::string("Journal of Examples=Journal of Examples"), facetPairs(r, "periodical"));
        put(record, "custom_fields", R"({"journal:journal": {"pages": "473-492"}})");
        CPPUNIT_ASSERT_EQUAL(std::string(), facetPairs(parseRecord(record), "periodical"));
    }

    void accessRightLabels() {
        const std::pair<const char*, const char*> cases[] = {
            {R"({"status": "open"})", "open=Open Access"},
            {R"({"status": "restricted"})", "restricted=Restricted"},
            {R"({"record": "public", "embargo": {"active": true}})", "embargoed=Embargoed"},
            {R"({"record": "public"})", "metadata-only=Metadata-only"},
            {R"({"status": "custom-status"})", "custom-status="},
        };
        for (const auto& [access, expected] : cases) {
            auto record = minimalRecord();
            put(record, "access", access);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(access, std::string(expected),
                                         facetPairs(parseRecord(record), "access_right"));
        }
    }

    void customRules() {
        FacetRule formats;
        formats.name = "format";
        formats.items = "metadata.formats";
        formats.idPaths = {"."};
        formats.labels = {{"application/pdf", "PDF document"}};
        FacetRule types;
        types.name = "type";
        types.extractor = FacetExtractor::FileType;
        types.labels = {{"csv", "Comma-separated values"}};
        FacetRule country;
        country.name = "country";
        country.extractor = FacetExtractor::Event;
        FacetRule version;
        version.name = "version";
        version.items = "metadata";
        version.idPaths = {"version", "missing"};
        version.labelPaths = {"missing", "title"};

        auto record = parseJson(R"({"metadata": {"formats": ["application/pdf", "text/csv", 3, {"x": 1}, "text/csv"],
                                                 "version": "v2", "title": "Title"},
                                    "country": "US"})");
        std::vector<RecordFile> files = {{"a.csv", "csv", 1, "f1"}, {"b.txt", "txt", 1, "f2"}};
        const std::string status = "open";
        const auto values = extractFacets({version, formats, types, country}, record, FacetInputs{files, status});
        std::vector<std::string> text;
        for (const auto& v : values) text.push_back(v.facet + ":" + v.id + "=" + v.label);
        CPPUNIT_ASSERT_EQUAL(std::string("version:v2=Title | format:application/pdf=PDF document | format:text/csv="
                                         " | format:3= | type:csv=Comma-separated values | type:txt=TXT"),
                             joined(text));
    }

    void usageAffiliationsMergeCreatorsAndContributors() {
        auto r = withMetadata(R"({
            "creators": [{"affiliations": [{"id": "01ggx4157"}, {"name": "Example Institute"}]}],
            "contributors": [{"affiliations": [{"id": "01ggx4157", "name": "CERN"}, {"name": "Other"}]}]})");
        CPPUNIT_ASSERT_EQUAL(std::string("01ggx4157= | Example Institute=Example Institute"),
                             facetPairs(r, "affiliation_creator"));
        CPPUNIT_ASSERT_EQUAL(std::string("01ggx4157=CERN | Example Institute=Example Institute | Other=Other"),
                             valuesText(subcountValues(usageSide("affiliations"), r.facets)));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(FacetsTest);

}  // namespace statshost::records
