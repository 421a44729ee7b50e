#include <cppunit/extensions/HelperMacros.h>

#include <set>

#include <Poco/AutoPtr.h>
#include <Poco/DOM/DOMParser.h>
#include <Poco/DOM/Document.h>
#include <Poco/DOM/Element.h>
#include <Poco/DOM/NodeList.h>

#include "ExportTestSupport.h"

using namespace statshost::dashboard;
using namespace statshost::test::exportsupport;
using Poco::AutoPtr;
using Poco::XML::Document;
using Poco::XML::Element;

namespace {

const std::string kNs = kDataSeriesNamespace;
const std::string kDc = "http://purl.org/dc/elements/1.1/";

/// Exports `json` as XML, asserts it validates against docs/schemas/data-series.xsd, parses it.
AutoPtr<Document> validExport(const std::string& json, const ExportInfo& info, std::string* text = nullptr) {
    ExportFile file = exportSeries(*parseObject(json), ExportFormat::Xml, info);
    CPPUNIT_ASSERT_EQUAL(std::string("application/xml; charset=utf-8"), file.contentType);
    std::string errors = schemaErrors(file.body);
    CPPUNIT_ASSERT_MESSAGE(errors + "\n" + file.body, errors.empty());
    if (text) *text = file.body;
    Poco::XML::DOMParser parser;
    return parser.parseString(file.body);
}

std::vector<Element*> elements(Document* doc, const std::string& ns, const std::string& name) {
    AutoPtr<Poco::XML::NodeList> list = doc->getElementsByTagNameNS(ns, name);
    std::vector<Element*> found;
    for (unsigned long i = 0; i < list->length(); ++i) found.push_back(static_cast<Element*>(list->item(i)));
    return found;
}

std::string text(Document* doc, const std::string& ns, const std::string& name) {
    std::vector<Element*> found = elements(doc, ns, name);
    CPPUNIT_ASSERT_MESSAGE("no element " + name, !found.empty());
    return found.front()->innerText();
}

/// Every `id` attribute in the document, asserting they are unique.
std::vector<std::string> allIds(Document* doc) {
    std::vector<std::string> ids;
    std::set<std::string> seen;
    for (const char* name : {"category", "seriesSet", "metric", "series"}) {
        for (Element* element : elements(doc, kNs, name)) {
            std::string id = element->getAttribute("id");
            CPPUNIT_ASSERT_MESSAGE("duplicate id " + id, seen.insert(id).second);
            ids.push_back(id);
        }
    }
    return ids;
}

}  // namespace

class XmlExportTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(XmlExportTest);
    CPPUNIT_TEST(categoryAnswerValidatesWithFullDatesAndMetadata);
    CPPUNIT_TEST(emptyAnswersValidate);
    CPPUNIT_TEST(specialIdsBecomeUniquePathQualifiedIds);
    CPPUNIT_TEST(awkwardTextAndNumbersValidate);
    CPPUNIT_TEST(schemaRejectsWhatTheOriginalGotWrong);
    CPPUNIT_TEST(documentedExampleIsTheRealOutput);
    CPPUNIT_TEST_SUITE_END();

public:
    void categoryAnswerValidatesWithFullDatesAndMetadata() {
        std::string body;
        AutoPtr<Document> doc = validExport(categoryAnswerJson(), sampleInfo(), &body);
        CPPUNIT_ASSERT_EQUAL(std::string("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<dataSeriesCollection xmlns="),
                             body.substr(0, 67));
        Element* root = doc->documentElement();
        CPPUNIT_ASSERT_EQUAL(std::string("1.0"), root->getAttribute("version"));
        CPPUNIT_ASSERT_EQUAL(std::string("InvenioRDM Data Series Collection"), text(doc, kDc, "title"));
        CPPUNIT_ASSERT_EQUAL(std::string("2026-01-02T03:04:05+00:00"), text(doc, kNs, "generatedAt"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), text(doc, kNs, "totalCategories"));
        CPPUNIT_ASSERT_EQUAL(std::string("6"), text(doc, kNs, "totalDataPoints"));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-01"), text(doc, kNs, "startDate"));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-12-31"), text(doc, kNs, "endDate"));
        CPPUNIT_ASSERT_EQUAL(std::string("my-community"), text(doc, kNs, "slug"));
        CPPUNIT_ASSERT_EQUAL(std::string("3f1c2b9e-0000-4000-8000-000000000001"), text(doc, kDc, "identifier"));
        CPPUNIT_ASSERT_EQUAL(std::string("My <Community> & Friends"), elements(doc, kDc, "title")[1]->innerText());

        std::vector<Element*> categories = elements(doc, kNs, "category");
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), categories.size());
        CPPUNIT_ASSERT_EQUAL(std::string("3"), categories[0]->getAttribute("metricsCount"));
        std::vector<Element*> sets = elements(doc, kNs, "seriesSet");
        CPPUNIT_ASSERT_EQUAL(std::string("record-delta-category.global"), sets[1]->getAttribute("id"));
        CPPUNIT_ASSERT_EQUAL(std::string("2"), sets[1]->getAttribute("metricsCount"));  // uploaders is empty
        CPPUNIT_ASSERT_EQUAL(std::string("0"), sets[0]->getAttribute("metricsCount"));  // filePresence

        std::vector<Element*> metrics = elements(doc, kNs, "metric");
        Element* volume = metrics[1];  // filePresence/records, global/dataVolume, ...
        CPPUNIT_ASSERT_EQUAL(std::string("dataVolume"), volume->getAttribute("name"));
        CPPUNIT_ASSERT_EQUAL(std::string("bytes"), volume->getAttribute("unit"));
        CPPUNIT_ASSERT_EQUAL(std::string("volume"), volume->getAttribute("measurementType"));
        CPPUNIT_ASSERT_EQUAL(std::string("delta"), volume->getAttribute("aggregationMethod"));

        std::vector<Element*> points = elements(doc, kNs, "point");
        CPPUNIT_ASSERT_EQUAL(std::size_t(6), points.size());
        CPPUNIT_ASSERT_EQUAL(std::string("2025-05-30"), points[0]->getAttribute("date"));  // "05-30" + year
        CPPUNIT_ASSERT_EQUAL(std::string("3072"), points[0]->getAttribute("value"));
        CPPUNIT_ASSERT_EQUAL(std::string("-1"), points[2]->getAttribute("value"));

        std::vector<Element*> series = elements(doc, kNs, "series");
        Element* english = series[4];
        CPPUNIT_ASSERT_EQUAL(std::string("record-delta-category.languages.records.eng"), english->getAttribute("id"));
        CPPUNIT_ASSERT_EQUAL(std::string("English"), english->getAttribute("label"));
        std::vector<Element*> labels = elements(doc, kNs, "label");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), labels.size());
        CPPUNIT_ASSERT_EQUAL(std::string("de"), labels[0]->getAttribute("lang"));
        CPPUNIT_ASSERT_EQUAL(std::string("Englisch"), labels[0]->innerText());
        Element* french = series[5];
        CPPUNIT_ASSERT_EQUAL(std::string("fr, \"x\""), french->getAttribute("name"));
        CPPUNIT_ASSERT_EQUAL(std::string("Fran\xC3\xA7" "ais, \"le\"\nnouveau"), french->getAttribute("label"));
        CPPUNIT_ASSERT_EQUAL(std::string("record-delta-category.languages.records.fr___x_"), french->getAttribute("id"));
        allIds(doc);
    }

    void emptyAnswersValidate() {
        AutoPtr<Document> doc = validExport("{}", ExportInfo());
        CPPUNIT_ASSERT_EQUAL(std::string("0"), text(doc, kNs, "totalDataPoints"));
        CPPUNIT_ASSERT(elements(doc, kNs, "timeRange").empty());   // no range asked, no data
        CPPUNIT_ASSERT(elements(doc, kNs, "community").empty());   // global
        CPPUNIT_ASSERT(elements(doc, kNs, "generatedAt").empty()); // no clock given

        doc = validExport(R"({"usage-snapshot-category": {"global": {"views": []}, "subjects": {},
                              "filePresence": {"views": [{"id": "with_files", "data": []}]}}})",
                          sampleInfo());
        CPPUNIT_ASSERT_EQUAL(std::string("2025-01-01"), text(doc, kNs, "startDate"));
        CPPUNIT_ASSERT_EQUAL(std::string("snapshot"), elements(doc, kNs, "metric")[0]->getAttribute("aggregationMethod"));
        CPPUNIT_ASSERT_EQUAL(std::string("0"), elements(doc, kNs, "dataPoints")[0]->getAttribute("count"));

        // no requested range: the range of the data
        doc = validExport(R"({"q": [{"id": "a", "data": [["2025-03-04", 1], ["2024-01-02", 2]]}]})", ExportInfo());
        CPPUNIT_ASSERT_EQUAL(std::string("2024-01-02"), text(doc, kNs, "startDate"));
        CPPUNIT_ASSERT_EQUAL(std::string("2025-03-04"), text(doc, kNs, "endDate"));
    }

    void specialIdsBecomeUniquePathQualifiedIds() {
        AutoPtr<Document> doc = validExport(R"({"9 lives": {"sub set": {"m/x": [
            {"id": "a/b", "data": []}, {"id": "a_b", "data": []}, {"id": "a b", "data": []},
            {"id": "", "data": []}, {"id": "\u65e5\u672c", "data": []}, {"id": "x.y", "data": []},
            {"id": "<&>\"'", "data": []}]}}})",
                                            ExportInfo());
        std::vector<std::string> ids = allIds(doc);
        std::vector<std::string> expected{"id_9_lives", "id_9_lives.sub_set", "id_9_lives.sub_set.m_x",
                                          "id_9_lives.sub_set.m_x.a_b", "id_9_lives.sub_set.m_x.a_b--2",
                                          "id_9_lives.sub_set.m_x.a_b--3", "id_9_lives.sub_set.m_x.unknown",
                                          "id_9_lives.sub_set.m_x.______", "id_9_lives.sub_set.m_x.x_y",
                                          "id_9_lives.sub_set.m_x._____"};
        CPPUNIT_ASSERT(expected == ids);
        std::vector<Element*> series = elements(doc, kNs, "series");
        CPPUNIT_ASSERT_EQUAL(std::string("<&>\"'"), series[6]->getAttribute("name"));
        CPPUNIT_ASSERT_EQUAL(std::string("\xE6\x97\xA5\xE6\x9C\xAC"), series[4]->getAttribute("name"));
    }

    void awkwardTextAndNumbersValidate() {
        std::string body;
        AutoPtr<Document> doc = validExport(R"({"q]]>": [
            {"id": "c", "label": {"": "no language", "x y": "odd key", "en": "ctl\u0001\u0007\ttab"},
             "type": "weird", "valueType": "filesize",
             "data": [["2025-01-01", 1e300], ["2025-01-02", -0.5], ["2025-01-03", 1.5e-7], ["2025-01-04", 9223372036854775807]]}]})",
                                            ExportInfo(), &body);
        std::vector<Element*> series = elements(doc, kNs, "series");
        CPPUNIT_ASSERT_EQUAL(std::string("other"), series[0]->getAttribute("type"));
        CPPUNIT_ASSERT_EQUAL(std::string("filesize"), series[0]->getAttribute("valueType"));
        CPPUNIT_ASSERT_EQUAL(std::string("ctl\xEF\xBF\xBD\xEF\xBF\xBD\ttab"), series[0]->getAttribute("label"));
        std::vector<Element*> points = elements(doc, kNs, "point");
        std::string huge = points[0]->getAttribute("value");  // the exact integer value of the double 1e300
        CPPUNIT_ASSERT_EQUAL(std::size_t(301), huge.size());
        CPPUNIT_ASSERT_EQUAL(std::string::npos, huge.find_first_not_of("0123456789"));
        CPPUNIT_ASSERT_EQUAL(1e300, std::stod(huge));
        CPPUNIT_ASSERT_EQUAL(std::string("-0.5"), points[1]->getAttribute("value"));
        CPPUNIT_ASSERT_EQUAL(std::string("0.00000015"), points[2]->getAttribute("value"));
        CPPUNIT_ASSERT_EQUAL(std::string("9223372036854775807"), points[3]->getAttribute("value"));
        CPPUNIT_ASSERT_EQUAL(std::string("q]]>"), elements(doc, kNs, "category")[0]->getAttribute("name"));
    }

    /// The schema is not a rubber stamp: the original's defects fail validation.
    void schemaRejectsWhatTheOriginalGotWrong() {
        std::string valid = exportSeries(*parseObject(categoryAnswerJson()), ExportFormat::Xml, sampleInfo()).body;
        CPPUNIT_ASSERT(schemaErrors(valid).empty());
        auto replaced = [&](const std::string& from, const std::string& to) {
            std::string text = valid;
            std::size_t at = text.find(from);
            CPPUNIT_ASSERT_MESSAGE(from, at != std::string::npos);
            return text.replace(at, from.size(), to);
        };
        CPPUNIT_ASSERT(!schemaErrors(replaced("date=\"2025-05-30\"", "date=\"05-30\"")).empty());  // MM-DD date
        CPPUNIT_ASSERT(!schemaErrors(replaced("id=\"record-delta-category.global\"",
                                              "id=\"record-delta-category\"")).empty());  // repeated xs:ID
        CPPUNIT_ASSERT(!schemaErrors(replaced("value=\"3072\"", "value=\"3 kB\"")).empty());
        CPPUNIT_ASSERT(!schemaErrors(replaced("<totalDataPoints>6", "<totalDataPoints>six")).empty());
        CPPUNIT_ASSERT(!schemaErrors(replaced("<dc:type>Dataset</dc:type>\n", "")).empty());
    }

    /// docs/api.md's XML example ("## Exports") is exactly what the export writes for its input.
    void documentedExampleIsTheRealOutput() {
        std::string api = readFile(std::string(STATSHOST_SOURCE_DIR) + "/docs/api.md");
        std::size_t section = api.find("\n## Exports");
        CPPUNIT_ASSERT(section != std::string::npos);
        std::size_t start = api.find("```xml\n", section);
        std::size_t end = api.find("```", start + 7);
        CPPUNIT_ASSERT(start != std::string::npos && end != std::string::npos);
        std::string documented = api.substr(start + 7, end - start - 7);

        ExportInfo info = sampleInfo();
        info.communityTitle = "My Community";
        std::string written = exportSeries(*parseObject(R"({"record-delta-category": {"languages": {"records": [
            {"id": "eng", "name": {"de": "Englisch", "en": "English"}, "type": "line", "valueType": "number",
             "data": [["2024-12-31", 1], ["2025-01-02", 5]]}]}}})"),
                                           ExportFormat::Xml, info).body;
        CPPUNIT_ASSERT_EQUAL(documented, written);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(XmlExportTest);
