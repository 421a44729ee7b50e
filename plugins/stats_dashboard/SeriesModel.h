#pragma once
/// The DataSeries and category shapes of /api/stats (API_UI.md §1.5/§1.6, with full ISO dates)
/// and their JSON text. Output is deterministic: keys and series in construction order.
///
///   DataSeries  {"id", "name", "type": "bar"|"line", "valueType": "number"|"filesize", "data": [["YYYY-MM-DD", v], ...]}
///   Category    {"<subcountKey>": {"<metricKey>": [DataSeries, ...]}, ...}
#include <string>
#include <utility>
#include <vector>

namespace statshost::dashboard {

struct Point {
    std::string date;  ///< YYYY-MM-DD
    double value = 0;
};

struct DataSeries {
    std::string id;
    std::string nameJson;   ///< the name as JSON text: a quoted string or a {lang: text} object
    std::string type;       ///< "bar" (global) | "line" (subcount items, file presence)
    std::string valueType;  ///< "filesize" (data volume) | "number"
    std::vector<Point> data;
};

using MetricSeries = std::vector<DataSeries>;

struct SubcountSeries {
    std::string key;  ///< camelCase subcount key, e.g. "global", "resourceTypes", "filePresence"
    std::vector<std::pair<std::string, MetricSeries>> metrics;  ///< camelCase metric key → series

    /// The series of `metric`, or null.
    const MetricSeries* metric(const std::string& metricKey) const;
};

struct Category {
    std::vector<SubcountSeries> subcounts;

    const SubcountSeries* subcount(const std::string& key) const;
};

/// `text` as a JSON string literal (quotes, escapes for ", \ and control characters; UTF-8 kept).
std::string jsonQuote(const std::string& text);
/// A number as JSON: integral values without a fraction ("3072"), others with up to 17 digits.
std::string jsonNumber(double value);

std::string toJson(const DataSeries& series);
std::string toJson(const MetricSeries& series);
std::string toJson(const Category& category);

/// snake_case → camelCase ("access_rights" → "accessRights"; camelCase input is returned as is).
std::string camelCase(const std::string& snake);

}  // namespace statshost::dashboard
