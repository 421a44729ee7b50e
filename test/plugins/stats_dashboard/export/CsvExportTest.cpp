#include <cppunit/extensions/HelperMacros.h>

#include "ExportTestSupport.h"

using namespace statshost::dashboard;
using namespace statshost::test;
using namespace statshost::test::exportsupport;

namespace {

using Rows = std::vector<std::vector<std::string>>;

/// The rows python3's csv module reads from `file` (one JSON array per row), as an independent reader.
std::string pythonCsvRows(const std::string& file) {
    CommandResult result = run("/usr/bin/python3 -c 'import csv, json, sys\n"
                               "with open(sys.argv[1], newline=\"\", encoding=\"utf-8\") as f:\n"
                               "    print(json.dumps(list(csv.reader(f)), ensure_ascii=False))' '" + file + "'");
    CPPUNIT_ASSERT_EQUAL_MESSAGE(result.output, 0, result.status);
    return result.output;
}

std::string jsonRows(const Rows& rows) {
    std::string out = "[";
    for (std::size_t r = 0; r < rows.size(); ++r) {
        out += r ? ", [" : "[";
        for (std::size_t c = 0; c < rows[r].size(); ++c) {
            out += c ? ", \"" : "\"";
            for (char ch : rows[r][c]) {
                if (ch == '"' || ch == '\\') out += '\\';
                if (ch == '\n') {
                    out += "\\n";
                    continue;
                }
                out += ch;
            }
            out += "\"";
        }
        out += "]";
    }
    return out + "]\n";
}

const std::vector<std::string> kHeader{"id", "label", "date", "value", "units"};

}  // namespace

class CsvExportTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(CsvExportTest);
    CPPUNIT_TEST(categoryAnswerIsATarOfOneCsvPerNonEmptyMetric);
    CPPUNIT_TEST(quotingRoundTripsThroughTwoReaders);
    CPPUNIT_TEST(singleMetricIsAPlainCsv);
    CPPUNIT_TEST(emptyAnswerIsAHeaderOnlyCsv);
    CPPUNIT_TEST(memberNamesAreSanitisedAndUnique);
    CPPUNIT_TEST(outputIsDeterministic);
    CPPUNIT_TEST_SUITE_END();

public:
    void categoryAnswerIsATarOfOneCsvPerNonEmptyMetric() {
        ExportFile file = exportSeries(*parseObject(categoryAnswerJson()), ExportFormat::Csv, sampleInfo());
        CPPUNIT_ASSERT_EQUAL(std::string("application/gzip"), file.contentType);
        CPPUNIT_ASSERT_EQUAL(std::string("stats_my-community_record-delta-category_2025-01-01_to_2025-12-31.csv.tar.gz"),
                             file.fileName);
        TempDir dir;
        std::vector<std::string> members = untar(file.body, dir);
        std::vector<std::string> expected{"record-delta-category/global/dataVolume.csv",
                                          "record-delta-category/global/records.csv",
                                          "record-delta-category/languages/records.csv"};
        CPPUNIT_ASSERT(expected == members);

        Rows volume = parseCsv(readFile(dir.file("unpacked/" + members[0])));
        CPPUNIT_ASSERT(Rows({kHeader, {"global", "Global", "2025-05-30", "3072", "bytes"}}) == volume);
        Rows records = parseCsv(readFile(dir.file("unpacked/" + members[1])));
        CPPUNIT_ASSERT(Rows({kHeader,
                             {"global", "Global", "2025-05-30", "2", "records"},
                             {"global", "Global", "2025-05-31", "-1", "records"}}) == records);
    }

    void quotingRoundTripsThroughTwoReaders() {
        ExportFile file = exportSeries(*parseObject(categoryAnswerJson()), ExportFormat::Csv, sampleInfo());
        TempDir dir;
        untar(file.body, dir);
        std::string path = dir.file("unpacked/record-delta-category/languages/records.csv");
        std::string text = readFile(path);
        CPPUNIT_ASSERT(text.find("\"fr, \"\"x\"\"\",\"Fran\xC3\xA7" "ais, \"\"le\"\"\nnouveau\",2025-03-01,7.5,records\r\n") !=
                       std::string::npos);
        CPPUNIT_ASSERT_EQUAL(std::string("id,label,date,value,units\r\n"), text.substr(0, 27));
        Rows rows = parseCsv(text);
        Rows expected{kHeader,
                      {"eng", "English", "2024-12-31", "1", "records"},
                      {"eng", "English", "2025-01-02", "5", "records"},
                      {"fr, \"x\"", "Fran\xC3\xA7" "ais, \"le\"\nnouveau", "2025-03-01", "7.5", "records"}};
        CPPUNIT_ASSERT(expected == rows);
        CPPUNIT_ASSERT_EQUAL(jsonRows(expected), pythonCsvRows(path));
    }

    void singleMetricIsAPlainCsv() {
        ExportInfo info = sampleInfo();
        info.seriesMetric = "viewUniqueRecords";
        ExportFile file = exportSeries(*parseObject(R"({"usage-delta-series": [
            {"id": "global", "name": "Global", "year": 2024, "data": [["02-29", 10], ["03-01", 0]]},
            {"id": "=cmd", "label": {"ja": "\u65e5\u672c\u8a9e", "en": " spaced "}, "data": []}]})"),
                                       ExportFormat::Csv, info);
        CPPUNIT_ASSERT_EQUAL(std::string("text/csv; charset=utf-8"), file.contentType);
        CPPUNIT_ASSERT_EQUAL(std::string("stats_my-community_usage-delta-series_2025-01-01_to_2025-12-31.csv"),
                             file.fileName);
        CPPUNIT_ASSERT(Rows({kHeader,
                             {"global", "Global", "2024-02-29", "10", "unique records viewed"},
                             {"global", "Global", "2024-03-01", "0", "unique records viewed"}}) == parseCsv(file.body));
        // a unicode label, leading/trailing spaces kept verbatim
        file = exportSeries(*parseObject(R"({"q": [{"id": "j", "label": {"ja": "\u65e5\u672c\u8a9e"},
                                               "data": [["2025-01-01", 1]]}]})"),
                            ExportFormat::Csv, ExportInfo());
        CPPUNIT_ASSERT_EQUAL(std::string("id,label,date,value,units\r\nj,\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E,2025-01-01,1,unique views\r\n"),
                             file.body);
    }

    void emptyAnswerIsAHeaderOnlyCsv() {
        ExportFile file = exportSeries(*parseObject(R"({"record-snapshot-category": {"global": {"records": []},
                                                      "filePresence": {"records": [{"id": "with_files", "data": []}]}}})"),
                                       ExportFormat::Csv, ExportInfo());
        CPPUNIT_ASSERT_EQUAL(std::string("text/csv; charset=utf-8"), file.contentType);
        CPPUNIT_ASSERT_EQUAL(std::string("id,label,date,value,units\r\n"), file.body);
        CPPUNIT_ASSERT_EQUAL(std::string("stats_global_record-snapshot-category.csv"), file.fileName);
    }

    void memberNamesAreSanitisedAndUnique() {
        ExportFile file = exportSeries(*parseObject(R"({"../evil": {"a b": {
            "x y": [{"id": "1", "data": [["2025-01-01", 1]]}],
            "x_y": [{"id": "2", "data": [["2025-01-01", 2]]}],
            "..": [{"id": "3", "data": [["2025-01-01", 3]]}],
            "Views": [{"id": "4", "data": [["2025-01-01", 4]]}],
            "views": [{"id": "5", "data": [["2025-01-01", 5]]}]}}})"),
                                       ExportFormat::Csv, ExportInfo());
        TempDir dir;
        std::vector<std::string> members = untar(file.body, dir);
        std::vector<std::string> expected{"_evil/a_b/Views.csv", "_evil/a_b/_.csv", "_evil/a_b/views~2.csv",
                                          "_evil/a_b/x_y.csv", "_evil/a_b/x_y~2.csv"};  // unique ignoring case
        CPPUNIT_ASSERT(expected == members);
        CPPUNIT_ASSERT_EQUAL(std::string("2"), parseCsv(readFile(dir.file("unpacked/_evil/a_b/x_y~2.csv")))[1][0]);
    }

    void outputIsDeterministic() {
        auto results = parseObject(categoryAnswerJson());
        for (ExportFormat format : {ExportFormat::Csv, ExportFormat::Xml, ExportFormat::Xlsx}) {
            ExportFile first = exportSeries(*results, format, sampleInfo());
            ExportFile second = exportSeries(*results, format, sampleInfo());
            CPPUNIT_ASSERT(first.body == second.body);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CsvExportTest);
