// COMMUNITY_STATS_SUBCOUNTS read from YAML the way stats.yaml is read (config::toParams).
#include <cppunit/extensions/HelperMacros.h>

#include <set>

#include "RecordTestSupport.h"
#include "config/YamlReader.h"

namespace statshost::records {

using namespace statshost::records::test;

namespace {

const std::string kKey = "COMMUNITY_STATS_SUBCOUNTS";

/// The COMMUNITY_STATS_SUBCOUNTS value of a stats.yaml document, as the config loader passes it.
Params subcountParams(const YAML::Node& document) { return config::toParams(document[kKey], "stats.yaml", kKey); }

SubcountConfig parseYaml(const std::string& yaml) { return parseSubcounts(subcountParams(YAML::Load(yaml))); }

/// "delta snapshot type facet+facet" per side, for comparing with the tables of SEMANTICS §5, §6.
std::set<std::string> sideTexts(const std::vector<SubcountSide>& sides) {
    std::set<std::string> out;
    for (const auto& s : sides) {
        std::string facets;
        for (const auto& f : s.facets) facets += (facets.empty() ? "" : "+") + f;
        out.insert(s.deltaKey + " " + s.snapshotKey + " " + (s.snapshotType == SnapshotType::All ? "all" : "top") +
                   " " + facets);
    }
    return out;
}

/// The default text with one more facet (`format`, from metadata.formats) and one more subcount.
YAML::Node defaultsPlusFormats() {
    auto root = YAML::Load(defaultSubcountsYaml());
    root[kKey]["facets"]["format"] = YAML::Load(R"({items: metadata.formats, id: ["."], label: ["."]})");
    root[kKey]["subcounts"]["formats"] = YAML::Load(
        "{records: {delta: by_format, snapshot: top_formats, snapshot_type: top, facets: [format]},"
        " usage: {delta: by_formats, snapshot: top_formats, snapshot_type: top, facets: [format]}}");
    return root;
}

}  // namespace

class SubcountConfigTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SubcountConfigTest);
    CPPUNIT_TEST(emptyMeansDefaults);
    CPPUNIT_TEST(defaultYamlTextParsesToTheDefaults);
    CPPUNIT_TEST(defaultRecordSubcountsMatchSemantics5);
    CPPUNIT_TEST(defaultUsageSubcountsMatchSemantics6);
    CPPUNIT_TEST(customFacetAndSubcountNeedNoCode);
    CPPUNIT_TEST(sectionsReplaceTheirDefaultsWhole);
    CPPUNIT_TEST(errorsNameTheKeyPath);
    CPPUNIT_TEST_SUITE_END();

public:
    void emptyMeansDefaults() {
        CPPUNIT_ASSERT(parseSubcounts(Params()) == defaultSubcountConfig());
        CPPUNIT_ASSERT(parseYaml(kKey + ": {}\n") == defaultSubcountConfig());
        CPPUNIT_ASSERT(parseYaml(kKey + ":\n") == defaultSubcountConfig());
        CPPUNIT_ASSERT(parseYaml(kKey + ": {facets: null, subcounts: null}\n") == defaultSubcountConfig());
    }

    void defaultYamlTextParsesToTheDefaults() {
        const auto document = YAML::Load(defaultSubcountsYaml());
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), document.size());
        const auto params = subcountParams(document);
        CPPUNIT_ASSERT(params.has("facets") && params.has("subcounts"));  // nothing comes from the fallback
        const auto parsed = parseSubcounts(params);
        const auto& defaults = defaultSubcountConfig();
        CPPUNIT_ASSERT_EQUAL(defaults.facets.size(), parsed.facets.size());
        for (std::size_t i = 0; i < defaults.facets.size(); ++i)
            CPPUNIT_ASSERT_MESSAGE(defaults.facets[i].name, defaults.facets[i] == parsed.facets[i]);
        CPPUNIT_ASSERT_EQUAL(defaults.subcounts.size(), parsed.subcounts.size());
        for (std::size_t i = 0; i < defaults.subcounts.size(); ++i)
            CPPUNIT_ASSERT_MESSAGE(defaults.subcounts[i].name, defaults.subcounts[i] == parsed.subcounts[i]);
        CPPUNIT_ASSERT(parsed == defaults);
    }

    void defaultRecordSubcountsMatchSemantics5() {
        const std::set<std::string> expected = {
            "by_resource_type all_resource_types all resource_type",
            "by_access_right all_access_rights all access_right",
            "by_language all_languages all language",
            "by_license all_licenses all license",
            "by_affiliation_creator top_affiliations_creator top affiliation_creator",
            "by_affiliation_contributor top_affiliations_contributor top affiliation_contributor",
            "by_funder top_funders top funder",
            "by_subject top_subjects top subject",
            "by_keyword top_keywords top keyword",
            "by_publisher top_publishers top publisher",
            "by_periodical top_periodicals top periodical",
            "by_file_type all_file_types all file_type",
        };
        CPPUNIT_ASSERT(expected == sideTexts(defaultSubcountConfig().recordSides()));
    }

    void defaultUsageSubcountsMatchSemantics6() {
        const std::set<std::string> expected = {
            "by_resource_types all_resource_types all resource_type",
            "by_access_rights all_access_rights all access_right",
            "by_languages all_languages all language",
            "by_licenses all_licenses all license",
            "by_file_types all_file_types all file_type",
            "by_subjects top_subjects top subject",
            "by_publishers top_publishers top publisher",
            "by_countries top_countries top country",
            "by_funders top_funders top funder",
            "by_periodicals top_periodicals top periodical",
            "by_affiliations top_affiliations top affiliation_creator+affiliation_contributor",
            "by_referrers top_referrers top referrer",
        };
        CPPUNIT_ASSERT(expected == sideTexts(defaultSubcountConfig().usageSides()));
        CPPUNIT_ASSERT(defaultSubcountConfig().facet("country")->extractor == FacetExtractor::Event);
        CPPUNIT_ASSERT(defaultSubcountConfig().facet("referrer")->extractor == FacetExtractor::Event);
    }

    void customFacetAndSubcountNeedNoCode() {
        const auto config = parseSubcounts(subcountParams(defaultsPlusFormats()));
        CPPUNIT_ASSERT_EQUAL(defaultSubcountConfig().facets.size() + 1, config.facets.size());
        CPPUNIT_ASSERT(sideTexts(config.recordSides()).count("by_format top_formats top format"));
        CPPUNIT_ASSERT(sideTexts(config.usageSides()).count("by_formats top_formats top format"));

        auto record = minimalRecord();
        put(record, "metadata", R"({"formats": ["application/pdf", " text/csv ", "application/pdf"],
                                    "languages": [{"id": "eng", "title": {"en": "English"}}]})");
        const auto r = parseRecord(record, config);
        CPPUNIT_ASSERT_EQUAL(std::string("application/pdf=application/pdf | text/csv=text/csv"),
                             facetPairs(r, "format"));
        CPPUNIT_ASSERT_EQUAL(std::string("eng=English"), facetPairs(r, "language"));     // defaults still there
        CPPUNIT_ASSERT_EQUAL(std::string(), facetPairs(parseRecord(record), "format"));  // not a default facet
    }

    void sectionsReplaceTheirDefaultsWhole() {
        auto onlyLanguages = parseYaml(kKey + R"(:
  subcounts:
    languages:
      records: {delta: by_language, snapshot: all_languages, snapshot_type: top, facets: [language]}
)");
        CPPUNIT_ASSERT(onlyLanguages.facets == defaultSubcountConfig().facets);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), onlyLanguages.subcounts.size());
        CPPUNIT_ASSERT(!onlyLanguages.subcounts[0].usage);
        CPPUNIT_ASSERT(onlyLanguages.subcounts[0].records->snapshotType == SnapshotType::Top);

        auto none = parseYaml(kKey + ": {subcounts: {}}\n");
        CPPUNIT_ASSERT(none.subcounts.empty());
        CPPUNIT_ASSERT(none.recordSides().empty() && none.usageSides().empty());

        // A facets section alone must still define every facet the default subcounts use.
        auto root = YAML::Load(defaultSubcountsYaml());
        root[kKey].remove("subcounts");
        root[kKey]["facets"]["publisher"] = YAML::Load("{items: metadata.publisher, id: [\".\"]}");
        auto relabelled = parseSubcounts(subcountParams(root));
        CPPUNIT_ASSERT(relabelled.subcounts == defaultSubcountConfig().subcounts);
        CPPUNIT_ASSERT(relabelled.facet("publisher")->labelPaths.empty());
    }

    void errorsNameTheKeyPath() {
        const std::string p = "stats.yaml: COMMUNITY_STATS_SUBCOUNTS";
        const std::string side = "{delta: by_s, snapshot: all_s, snapshot_type: all, facets: [language]}";
        const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
            {"[1]", p, "expected a mapping"},
            {"{colour: red}", p + ".colour", "unknown key"},
            {"{facets: [a]}", p + ".facets", "expected a mapping"},
            {"{facets: {x: [1]}}", p + ".facets.x", "expected a mapping"},
            {"{facets: {x: {items: a, id: [id], colour: red}}}", p + ".facets.x.colour", "unknown key"},
            {"{facets: {x: {extractor: magic}}}", p + ".facets.x.extractor", "expected path, access_status"},
            {"{facets: {x: {id: [id]}}}", p + ".facets.x.items", "missing"},
            {"{facets: {x: {items: a..b, id: [id]}}}", p + ".facets.x.items", "expected a dot path"},
            {"{facets: {x: {items: a}}}", p + ".facets.x.id", "expected at least one id path"},
            {"{facets: {x: {items: a, id: id}}}", p + ".facets.x.id", "expected a list"},
            {"{facets: {x: {items: a, id: [id, b.]}}}", p + ".facets.x.id[1]", "expected a dot path"},
            {"{facets: {x: {items: a, id: [id], label: [1]}}}", p + ".facets.x.label[0]", "expected a string"},
            {"{facets: {x: {items: a, id: [id], filter: some}}}", p + ".facets.x.filter",
             "expected with_id or without_id"},
            {"{facets: {x: {items: a, id: [id], labels: [a]}}}", p + ".facets.x.labels", "expected a mapping"},
            {"{facets: {x: {items: a, id: [id], labels: {a: [b]}}}}", p + ".facets.x.labels.a", "expected a string"},
            {"{facets: {x: {extractor: file_type, items: a}}}", p + ".facets.x.items",
             "only allowed with extractor: path"},
            {"{facets: {x: {extractor: event, labels: {a: b}}}}", p + ".facets.x.labels",
             "not allowed with extractor: event"},
            {"{facets: {language: {items: a, id: [id]}}}", p + ".facets", "unknown facet 'access_right' (needed by"},
            {"{subcounts: [s]}", p + ".subcounts", "expected a mapping"},
            {"{subcounts: {s: {}}}", p + ".subcounts.s", "expected records or usage"},
            {"{subcounts: {s: {records: " + side + ", extra: 1}}}", p + ".subcounts.s.extra", "unknown key"},
            {"{subcounts: {s: {records: [a]}}}", p + ".subcounts.s.records", "expected a mapping"},
            {"{subcounts: {s: {records: {snapshot: all_s, snapshot_type: all, facets: [language]}}}}",
             p + ".subcounts.s.records.delta", "missing"},
            {"{subcounts: {s: {records: {delta: 5, snapshot: all_s, snapshot_type: all, facets: [language]}}}}",
             p + ".subcounts.s.records.delta", "expected a string"},
            {"{subcounts: {s: {records: {delta: '', snapshot: all_s, snapshot_type: all, facets: [language]}}}}",
             p + ".subcounts.s.records.delta", "must not be empty"},
            {"{subcounts: {s: {usage: {delta: by_s, snapshot: all_s, snapshot_type: most, facets: [language]}}}}",
             p + ".subcounts.s.usage.snapshot_type", "expected all or top"},
            {"{subcounts: {s: {records: {delta: by_s, snapshot: all_s, snapshot_type: all, facets: [nope]}}}}",
             p + ".subcounts.s.records.facets[0]", "unknown facet 'nope'"},
            {"{subcounts: {s: {records: {delta: by_s, snapshot: all_s, snapshot_type: all, facets: [country]}}}}",
             p + ".subcounts.s.records.facets[0]", "facet 'country' comes from usage events"},
            {"{subcounts: {s: {usage: {delta: by_s, snapshot: all_s, snapshot_type: all, facets: [language, "
             "language]}}}}",
             p + ".subcounts.s.usage.facets[1]", "facet 'language' is listed twice"},
            {"{subcounts: {s: {usage: {delta: by_s, snapshot: all_s, snapshot_type: all, facets: []}}}}",
             p + ".subcounts.s.usage.facets", "expected at least one facet"},
            {"{subcounts: {s: {records: " + side +
                 "}, t: {records: {delta: by_s, snapshot: all_t, snapshot_type: all, "
                 "facets: [license]}}}}",
             p + ".subcounts.t.records.delta", "'by_s' is already used by " + p + ".subcounts.s.records.delta"},
            {"{subcounts: {s: {records: " + side +
                 "}, t: {records: {delta: by_t, snapshot: by_s, snapshot_type: all, "
                 "facets: [license]}}}}",
             p + ".subcounts.t.records.snapshot", "'by_s' is already used by"},
        };
        for (const auto& [yaml, keyPath, problem] : cases) {
            try {
                parseYaml(kKey + ": " + yaml + "\n");
                CPPUNIT_FAIL("no ConfigError for " + yaml);
            } catch (const ConfigError& e) {
                CPPUNIT_ASSERT_EQUAL_MESSAGE(yaml, keyPath, e.keyPath());
                CPPUNIT_ASSERT_MESSAGE(yaml + " → " + e.problem(), e.problem().find(problem) == 0);
            }
        }
        // Records and usage sides are separate namespaces: the same keys on both sides are fine.
        CPPUNIT_ASSERT_NO_THROW(parseYaml(kKey + ": {subcounts: {s: {records: " + side + ", usage: " + side + "}}}\n"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SubcountConfigTest);

}  // namespace statshost::records
