#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <thread>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include "ExportTestSupport.h"

using namespace statshost::dashboard;
using namespace statshost::test;
using namespace statshost::test::exportsupport;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

/// Reads workbooks with openpyxl (an independent reader) into JSON: per file the sheet order and per
/// sheet its rows (dates as "date:YYYY-MM-DD", numbers as "num:<float>"), A1's bold/size/fill and
/// C2's number format.
const char* const kReader = R"(import datetime, json, sys
import openpyxl
out = {}
for path in sys.argv[1:]:
    wb = openpyxl.load_workbook(path)
    sheets = {}
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows():
            cells = []
            for c in row:
                v = c.value
                if isinstance(v, datetime.datetime):
                    v = "date:" + v.date().isoformat()
                elif isinstance(v, (int, float)) and not isinstance(v, bool):
                    v = "num:" + repr(float(v))
                cells.append(v)
            rows.append(cells)
        a1 = ws["A1"]
        sheets[ws.title] = {"rows": rows, "bold": bool(a1.font.b), "size": float(a1.font.sz or 0),
                            "fill": a1.fill.fgColor.rgb if a1.fill.fill_type else "",
                            "dateFormat": ws["C2"].number_format}
    out[path.split("/unpacked/")[-1]] = {"order": wb.sheetnames, "sheets": sheets}
print(json.dumps(out, sort_keys=True, ensure_ascii=False))
)";

Object::Ptr readWorkbooks(const TempDir& dir, const std::vector<std::string>& files) {
    writeFile(dir.file("read_xlsx.py"), kReader);
    std::string command = "/usr/bin/python3 '" + dir.file("read_xlsx.py") + "'";
    for (const std::string& file : files) command += " '" + file + "'";
    CommandResult result = run(command);
    CPPUNIT_ASSERT_EQUAL_MESSAGE(result.output, 0, result.status);
    return parseObject(result.output);
}

std::vector<std::string> sheetOrder(const Object::Ptr& book) {
    std::vector<std::string> names;
    Array::Ptr order = book->getArray("order");
    for (std::size_t i = 0; i < order->size(); ++i) names.push_back(order->getElement<std::string>(i));
    return names;
}

/// Row `row` of a sheet as text: cells joined with "|" (null -> "").
std::string rowText(const Object::Ptr& sheet, std::size_t row) {
    Array::Ptr cells = sheet->getArray("rows")->getArray(row);
    std::string text;
    for (std::size_t i = 0; i < cells->size(); ++i) {
        if (i) text += "|";
        if (!cells->get(i).isEmpty()) text += cells->get(i).convert<std::string>();
    }
    return text;
}

}  // namespace

class XlsxExportTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(XlsxExportTest);
    CPPUNIT_TEST(categoryAnswerIsATarOfOneWorkbookPerSubcount);
    CPPUNIT_TEST(singleSeriesSetIsAPlainWorkbook);
    CPPUNIT_TEST(sheetNamesFollowExcelRules);
    CPPUNIT_TEST(emptyAnswerIsANoDataWorkbook);
    CPPUNIT_TEST(overlongLabelsAreCutToExcelsCellLimit);
    CPPUNIT_TEST(workbooksDoNotDependOnTheWallClock);
    CPPUNIT_TEST_SUITE_END();

public:
    void categoryAnswerIsATarOfOneWorkbookPerSubcount() {
        ExportFile file = exportSeries(*parseObject(categoryAnswerJson()), ExportFormat::Xlsx, sampleInfo());
        CPPUNIT_ASSERT_EQUAL(std::string("application/gzip"), file.contentType);
        CPPUNIT_ASSERT_EQUAL(std::string("stats_my-community_record-delta-category_2025-01-01_to_2025-12-31.xlsx.tar.gz"),
                             file.fileName);
        TempDir dir;
        std::vector<std::string> members = untar(file.body, dir);
        std::vector<std::string> expected{"record-delta-category/filePresence.xlsx", "record-delta-category/global.xlsx",
                                          "record-delta-category/languages.xlsx"};
        CPPUNIT_ASSERT(expected == members);
        std::vector<std::string> paths;
        for (const std::string& member : members) paths.push_back(dir.file("unpacked/" + member));
        Object::Ptr books = readWorkbooks(dir, paths);

        Object::Ptr global = books->getObject(members[1]);
        CPPUNIT_ASSERT(std::vector<std::string>({"dataVolume", "records"}) == sheetOrder(global));  // uploaders: empty
        Object::Ptr records = global->getObject("sheets")->getObject("records");
        CPPUNIT_ASSERT_EQUAL(std::string("id|label|date|value|units"), rowText(records, 0));
        CPPUNIT_ASSERT_EQUAL(std::string("global|Global|date:2025-05-30|num:2.0|records"), rowText(records, 1));
        CPPUNIT_ASSERT_EQUAL(std::string("global|Global|date:2025-05-31|num:-1.0|records"), rowText(records, 2));
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), records->getArray("rows")->size());
        CPPUNIT_ASSERT(records->getValue<bool>("bold"));
        CPPUNIT_ASSERT_EQUAL(std::string("FFCCCCCC"), records->getValue<std::string>("fill"));
        CPPUNIT_ASSERT_EQUAL(std::string("yyyy-mm-dd"), records->getValue<std::string>("dateFormat"));
        Object::Ptr volume = global->getObject("sheets")->getObject("dataVolume");
        CPPUNIT_ASSERT_EQUAL(std::string("global|Global|date:2025-05-30|num:3072.0|bytes"), rowText(volume, 1));

        Object::Ptr languages = books->getObject(members[2])->getObject("sheets")->getObject("records");
        CPPUNIT_ASSERT_EQUAL(std::string("eng|English|date:2024-12-31|num:1.0|records"), rowText(languages, 1));
        CPPUNIT_ASSERT_EQUAL(std::string("fr, \"x\"|Fran\xC3\xA7" "ais, \"le\"\nnouveau|date:2025-03-01|num:7.5|records"),
                             rowText(languages, 3));

        Object::Ptr presence = books->getObject(members[0]);
        CPPUNIT_ASSERT(std::vector<std::string>({"No Data"}) == sheetOrder(presence));
        Object::Ptr noData = presence->getObject("sheets")->getObject("No Data");
        CPPUNIT_ASSERT_EQUAL(std::string("No Data Available"), rowText(noData, 0));
        CPPUNIT_ASSERT(noData->getValue<bool>("bold"));
        CPPUNIT_ASSERT_DOUBLES_EQUAL(14.0, noData->getValue<double>("size"), 0);
        CPPUNIT_ASSERT_EQUAL(std::string("No data available for series set: record-delta-category/filePresence"),
                             rowText(noData, 1));
        CPPUNIT_ASSERT_EQUAL(std::string("This may indicate no activity during the requested period."), rowText(noData, 2));
    }

    void singleSeriesSetIsAPlainWorkbook() {
        ExportInfo info = sampleInfo();
        info.seriesCategory = "countries";
        info.seriesMetric = "views";
        ExportFile file = exportSeries(*parseObject(R"({"usage-delta-series": [
            {"id": "DE", "label": {"de": "Deutschland", "en": "Germany"}, "data": [["2025-02-01", 4], ["2025-02-02", 0.25]]},
            {"id": "old", "label": "Before Excel", "data": [["1899-12-31", 1]]}]})"),
                                       ExportFormat::Xlsx, info);
        CPPUNIT_ASSERT_EQUAL(std::string("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                             file.contentType);
        CPPUNIT_ASSERT_EQUAL(std::string("stats_my-community_usage-delta-series_2025-01-01_to_2025-12-31.xlsx"),
                             file.fileName);
        CPPUNIT_ASSERT_EQUAL(std::string("PK"), file.body.substr(0, 2));
        TempDir dir;
        writeFile(dir.file("one.xlsx"), file.body);
        Object::Ptr book = readWorkbooks(dir, {dir.file("one.xlsx")})->getObject(dir.file("one.xlsx"));
        CPPUNIT_ASSERT(std::vector<std::string>({"views"}) == sheetOrder(book));
        Object::Ptr views = book->getObject("sheets")->getObject("views");
        CPPUNIT_ASSERT_EQUAL(std::string("DE|Germany|date:2025-02-01|num:4.0|unique views"), rowText(views, 1));
        CPPUNIT_ASSERT_EQUAL(std::string("DE|Germany|date:2025-02-02|num:0.25|unique views"), rowText(views, 2));
        // before 1900-01-01 Excel has no dates: the ISO text instead
        CPPUNIT_ASSERT_EQUAL(std::string("old|Before Excel|1899-12-31|num:1.0|unique views"), rowText(views, 3));
    }

    void sheetNamesFollowExcelRules() {
        std::string answer = R"({"q": {"s": {
            "a/b?c*d[e]f:g\\h": [{"id": "1", "data": [["2025-01-01", 1]]}],
            ")" + std::string(40, 'x') + R"(": [{"id": "2", "data": [["2025-01-01", 2]]}],
            ")" + std::string(40, 'X') + R"(": [{"id": "3", "data": [["2025-01-01", 3]]}],
            "'quoted'": [{"id": "4", "data": [["2025-01-01", 4]]}],
            "": [{"id": "5", "data": [["2025-01-01", 5]]}],
            "\u00fc": [{"id": "6", "data": [["2025-01-01", 6]]}],
            "history": [{"id": "7", "data": [["2025-01-01", 7]]}]}}})";
        ExportFile file = exportSeries(*parseObject(answer), ExportFormat::Xlsx, ExportInfo());
        TempDir dir;
        writeFile(dir.file("names.xlsx"), file.body);
        Object::Ptr book = readWorkbooks(dir, {dir.file("names.xlsx")})->getObject(dir.file("names.xlsx"));
        // key order (Poco sorts keys): "", "'quoted'", "XXX…", "a/b…", "history", "xxx…", "ü"
        std::vector<std::string> expected{"Sheet", "_quoted_", std::string(31, 'X'), "a_b_c_d_e_f_g_h", "history_",
                                          std::string(29, 'x') + "~2", "\xC3\xBC"};
        CPPUNIT_ASSERT(expected == sheetOrder(book));
    }

    void emptyAnswerIsANoDataWorkbook() {
        ExportFile file = exportSeries(*parseObject("{}"), ExportFormat::Xlsx, ExportInfo());
        CPPUNIT_ASSERT_EQUAL(std::string("stats_global.xlsx"), file.fileName);
        TempDir dir;
        writeFile(dir.file("empty.xlsx"), file.body);
        Object::Ptr book = readWorkbooks(dir, {dir.file("empty.xlsx")})->getObject(dir.file("empty.xlsx"));
        CPPUNIT_ASSERT(std::vector<std::string>({"No Data"}) == sheetOrder(book));
        CPPUNIT_ASSERT_EQUAL(std::string("No data available for series set: stats_global"),
                             rowText(book->getObject("sheets")->getObject("No Data"), 1));
    }

    void overlongLabelsAreCutToExcelsCellLimit() {
        std::string wide;
        for (int i = 0; i < 33000; ++i) wide += "\xC3\xA9";
        std::string answer = R"({"q": [{"id": "long", "label": ")" + std::string(40000, 'L') +
                             R"(", "data": [["2025-01-01", 1]]}, {"id": "wide", "label": ")" + wide +
                             R"(", "data": [["2025-01-01", 2]]}]})";
        ExportFile file = exportSeries(*parseObject(answer), ExportFormat::Xlsx, ExportInfo());
        TempDir dir;
        writeFile(dir.file("long.xlsx"), file.body);
        Object::Ptr views = readWorkbooks(dir, {dir.file("long.xlsx")})
                                ->getObject(dir.file("long.xlsx"))->getObject("sheets")->getObject("views");
        CPPUNIT_ASSERT_EQUAL(std::string(32767, 'L'), views->getArray("rows")->getArray(1)->getElement<std::string>(1));
        std::string cut = views->getArray("rows")->getArray(2)->getElement<std::string>(1);
        CPPUNIT_ASSERT_EQUAL(wide.substr(0, 2 * 32767), cut);
    }

    void workbooksDoNotDependOnTheWallClock() {
        auto results = parseObject(categoryAnswerJson());
        ExportFile first = exportSeries(*results, ExportFormat::Xlsx, sampleInfo());
        std::this_thread::sleep_for(std::chrono::milliseconds(2100));  // zip entries store 2-second times
        ExportFile second = exportSeries(*results, ExportFormat::Xlsx, sampleInfo());
        CPPUNIT_ASSERT(first.body == second.body);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(XlsxExportTest);
