#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <Poco/TemporaryFile.h>
#include <xlsxwriter.h>

#include "ExportWriters.h"
#include "TarGzWriter.h"

namespace statshost::dashboard::detail {

namespace {

constexpr std::size_t kSheetNameMax = LXW_SHEETNAME_MAX;
constexpr std::size_t kCellTextMax = 32767;  // Excel's limit on one cell

/// Excel's sheet-name rules: no `\ / ? * [ ] :`, no leading or trailing apostrophe, at most 31
/// characters, not empty, not the reserved "History"; unique ignoring case (`name~2`, `name~3`, ...
/// on clashes).
std::string sheetName(const std::string& metricKey, UniqueNames& used) {
    std::string base;
    for (char c : metricKey) base += std::string("\\/?*[]:").find(c) == std::string::npos ? c : '_';
    if (!base.empty() && base.front() == '\'') base.front() = '_';
    if (!base.empty() && base.back() == '\'') base.back() = '_';
    if (base.empty()) base = "Sheet";
    if (Poco::icompare(base, "History") == 0) base += "_";
    return used.claim([&](int n) {
        std::string suffix = n == 1 ? "" : "~" + std::to_string(n);
        std::string name = truncateCodePoints(base, kSheetNameMax - suffix.size());
        if (name.size() > 0 && name.back() == '\'') name.back() = '_';
        return name + suffix;
    });
}

/// One workbook on a temporary file (libxlsxwriter writes files only), read back by finish().
class Workbook {
public:
    Workbook(const ExportContext& context, const std::string& title) {
        lxw_workbook_options options{};
        options.constant_memory = LXW_TRUE;  // rows go straight to disk: we write them in order
        _workbook = workbook_new_opt(_path.c_str(), &options);
        if (_workbook == nullptr) throw std::runtime_error("xlsx export: cannot create a workbook at " + _path);
        lxw_doc_properties properties{};
        std::string author = xmlSafeText(validUtf8(context.info.publisher));
        properties.title = const_cast<char*>(title.c_str());
        properties.author = const_cast<char*>(author.c_str());
        properties.created = context.generatedEpoch > 0 ? context.generatedEpoch : 1;  // 0 would mean "now"
        workbook_set_properties(_workbook, &properties);

        _header = workbook_add_format(_workbook);
        format_set_bold(_header);
        format_set_bg_color(_header, 0xCCCCCC);
        format_set_pattern(_header, LXW_PATTERN_SOLID);
        _date = workbook_add_format(_workbook);
        format_set_num_format(_date, "yyyy-mm-dd");
        _title = workbook_add_format(_workbook);
        format_set_bold(_title);
        format_set_font_size(_title, 14);
    }
    ~Workbook() {
        if (_workbook != nullptr) lxw_workbook_free(_workbook);  // abandoned: nothing written
    }
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;

    void addMetricSheet(const ExportMetric& metric, const std::string& path) {
        if (metric.pointCount() + 1 > LXW_ROW_MAX) {
            throw std::invalid_argument(path + ": " + std::to_string(metric.pointCount()) +
                                        " data points do not fit one worksheet (Excel's row limit)");
        }
        lxw_worksheet* sheet = addSheet(sheetName(metric.key, _sheetNames));
        const char* columns[] = {"id", "label", "date", "value", "units"};
        for (lxw_col_t column = 0; column < 5; ++column) check(worksheet_write_string(sheet, 0, column, columns[column], _header));
        worksheet_set_column(sheet, 0, 0, 24, nullptr);
        worksheet_set_column(sheet, 1, 1, 40, nullptr);
        worksheet_set_column(sheet, 2, 2, 12, _date);
        worksheet_set_column(sheet, 3, 3, 14, nullptr);
        worksheet_set_column(sheet, 4, 4, 24, nullptr);
        worksheet_freeze_panes(sheet, 1, 0);
        const std::string units = metricUnits(metric.key);
        lxw_row_t row = 1;
        for (const ExportSeries& series : metric.series) {
            for (const ExportPoint& point : series.points) {
                writeText(sheet, row, 0, series.id);
                writeText(sheet, row, 1, series.label);
                if (point.year >= 1900) {
                    lxw_datetime date{point.year, point.month, point.day, 0, 0, 0};
                    check(worksheet_write_datetime(sheet, row, 2, &date, _date));
                } else {
                    writeText(sheet, row, 2, point.date);  // before Excel's first date
                }
                check(worksheet_write_number(sheet, row, 3, point.value, nullptr));
                writeText(sheet, row, 4, units);
                ++row;
            }
        }
    }

    void addNoDataSheet(const std::string& seriesSetName) {
        lxw_worksheet* sheet = addSheet("No Data");
        check(worksheet_write_string(sheet, 0, 0, "No Data Available", _title));
        writeText(sheet, 1, 0, "No data available for series set: " + seriesSetName);
        writeText(sheet, 2, 0, "This may indicate no activity during the requested period.");
        worksheet_set_column(sheet, 0, 0, 60, nullptr);
    }

    std::string finish() {
        lxw_error error = workbook_close(_workbook);
        _workbook = nullptr;
        if (error != LXW_NO_ERROR) throw std::runtime_error(std::string("xlsx export: ") + lxw_strerror(error));
        std::ifstream in(_path, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        if (!in) throw std::runtime_error("xlsx export: cannot read back " + _path);
        return bytes.str();
    }

private:
    static void check(lxw_error error) {
        if (error != LXW_NO_ERROR) throw std::runtime_error(std::string("xlsx export: ") + lxw_strerror(error));
    }
    lxw_worksheet* addSheet(const std::string& name) {
        lxw_worksheet* sheet = workbook_add_worksheet(_workbook, name.c_str());
        if (sheet == nullptr) throw std::runtime_error("xlsx export: cannot add the worksheet \"" + name + "\"");
        return sheet;
    }
    /// Cells hold at most 32767 characters; longer texts are cut.
    void writeText(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t column, const std::string& text) {
        if (text.empty()) return;
        check(worksheet_write_string(sheet, row, column, truncateCodePoints(text, kCellTextMax).c_str(), nullptr));
    }

    Poco::TemporaryFile _temporary;  // removes the file on destruction
    std::string _path = _temporary.path();
    lxw_workbook* _workbook = nullptr;
    lxw_format* _header = nullptr;
    lxw_format* _date = nullptr;
    lxw_format* _title = nullptr;
    UniqueNames _sheetNames{true};
};

std::string workbookBytes(const ExportQuery* query, const ExportSubcount* subcount, const ExportContext& context) {
    std::string setName = query ? query->name + "/" + subcount->key : context.fileStem;
    Workbook workbook(context, xmlSafeText(validUtf8(context.info.publisher) + " statistics: " + setName));
    if (subcount == nullptr || subcount->metricsWithData() == 0) {
        workbook.addNoDataSheet(setName);
    } else {
        std::string path = "results[\"" + query->name + "\"][\"" + subcount->key + "\"]";
        for (const ExportMetric& metric : subcount->metrics) {
            if (metric.hasData()) workbook.addMetricSheet(metric, path + "[\"" + metric.key + "\"]");
        }
    }
    return workbook.finish();
}

}  // namespace

ExportFile writeXlsxExport(const ExportModel& model, const ExportContext& context) {
    std::vector<std::pair<const ExportQuery*, const ExportSubcount*>> sets;
    for (const ExportQuery& query : model.queries) {
        for (const ExportSubcount& subcount : query.subcounts) sets.emplace_back(&query, &subcount);
    }
    const char* xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    if (sets.empty()) return {xlsxType, context.fileStem + ".xlsx", workbookBytes(nullptr, nullptr, context)};
    if (sets.size() == 1) {
        return {xlsxType, context.fileStem + ".xlsx", workbookBytes(sets.front().first, sets.front().second, context)};
    }
    TarGzWriter archive(context.generatedEpoch);
    UniqueNames paths(true);  // unique ignoring case: archives get unpacked on macOS and Windows too
    for (const auto& [query, subcount] : sets) {
        std::string stem = safeNamePart(query->name) + "/" + safeNamePart(subcount->key);
        archive.add(paths.claim([&](int n) { return numberedName(stem, ".xlsx", n); }),
                    workbookBytes(query, subcount, context));
    }
    return {"application/gzip", context.fileStem + ".xlsx.tar.gz", archive.finish()};
}

}  // namespace statshost::dashboard::detail
