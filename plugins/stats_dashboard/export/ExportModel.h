#pragma once
/// The validated, format-neutral form of an /api/stats answer that every export writer reads.
/// Built once by parseExportModel; strings are valid UTF-8, dates full and checked.
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <Poco/JSON/Object.h>

#include "SeriesExport.h"

namespace statshost::dashboard::detail {

struct ExportPoint {
    int year = 0, month = 0, day = 0;
    std::string date;       // YYYY-MM-DD
    double value = 0;
    std::string valueText;  // integers as integers, other numbers in plain decimal notation
};

struct ExportSeries {
    std::string id;
    std::string label;  // the `label` (else `name`, else id); multilingual: `en`, else the first value
    std::vector<std::pair<std::string, std::string>> translations;  // language -> text, when multilingual
    std::string type, valueType;  // may be empty
    std::vector<ExportPoint> points;
};

struct ExportMetric {
    std::string key;
    std::vector<ExportSeries> series;
    std::size_t pointCount() const;
    bool hasData() const { return pointCount() > 0; }
};

struct ExportSubcount {
    std::string key;
    std::vector<ExportMetric> metrics;
    std::size_t metricsWithData() const;
};

struct ExportQuery {
    std::string name;
    std::vector<ExportSubcount> subcounts;
};

struct ExportModel {
    std::vector<ExportQuery> queries;
    std::size_t pointCount() const;
    std::size_t metricsWithData() const;
};

/// Validates `results` (see exportSeries) into the model, keeping the JSON key order. Throws
/// std::invalid_argument naming the path of the first problem, e.g.
/// `results["q"]["languages"]["records"][2].data[5][0]: ...`.
ExportModel parseExportModel(const Poco::JSON::Object& results, const ExportInfo& info);

/// The units text of a metric key (API_UI.md section 2; compared lower-cased), "" when unknown.
std::string metricUnits(const std::string& metricKey);
/// True for the byte-valued metric (`dataVolume`).
bool isByteMetric(const std::string& metricKey);

}  // namespace statshost::dashboard::detail
