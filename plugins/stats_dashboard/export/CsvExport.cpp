#include <string>
#include <utility>
#include <vector>

#include "ExportWriters.h"
#include "TarGzWriter.h"

namespace statshost::dashboard::detail {

namespace {

/// One RFC 4180 field: quoted when it holds a comma, quote, CR or LF (quotes doubled).
void appendField(std::string& out, const std::string& field) {
    if (field.find_first_of(",\"\r\n") == std::string::npos) {
        out += field;
        return;
    }
    out += '"';
    for (char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

void appendRow(std::string& out, std::initializer_list<const std::string*> fields) {
    bool first = true;
    for (const std::string* field : fields) {
        if (!first) out += ',';
        appendField(out, *field);
        first = false;
    }
    out += "\r\n";
}

std::string csvHeader() { return "id,label,date,value,units\r\n"; }

std::string metricCsv(const ExportMetric& metric) {
    std::string out = csvHeader();
    const std::string units = metricUnits(metric.key);
    for (const ExportSeries& series : metric.series) {
        for (const ExportPoint& point : series.points) {
            appendRow(out, {&series.id, &series.label, &point.date, &point.valueText, &units});
        }
    }
    return out;
}

}  // namespace

ExportFile writeCsvExport(const ExportModel& model, const ExportContext& context) {
    std::vector<std::pair<std::string, const ExportMetric*>> files;  // member path, metric
    UniqueNames paths(true);  // unique ignoring case: archives get unpacked on macOS and Windows too
    for (const ExportQuery& query : model.queries) {
        for (const ExportSubcount& subcount : query.subcounts) {
            for (const ExportMetric& metric : subcount.metrics) {
                if (!metric.hasData()) continue;
                std::string stem = safeNamePart(query.name) + "/" + safeNamePart(subcount.key) + "/" +
                                   safeNamePart(metric.key);
                files.emplace_back(paths.claim([&](int n) { return numberedName(stem, ".csv", n); }), &metric);
            }
        }
    }
    if (files.size() <= 1) {
        std::string body = files.empty() ? csvHeader() : metricCsv(*files.front().second);
        return {"text/csv; charset=utf-8", context.fileStem + ".csv", std::move(body)};
    }
    TarGzWriter archive(context.generatedEpoch);
    for (const auto& [path, metric] : files) archive.add(path, metricCsv(*metric));
    return {"application/gzip", context.fileStem + ".csv.tar.gz", archive.finish()};
}

}  // namespace statshost::dashboard::detail
