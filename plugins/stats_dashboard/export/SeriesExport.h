#pragma once
/// Data-series exports of /api/stats answers: CSV, XLSX and XML (with the published schema
/// docs/schemas/data-series.xsd). Independent of HTTP: the caller negotiates the format and sends
/// the returned file. Pure functions of their arguments (the clock comes in through
/// ExportInfo::generatedAt), so equal inputs give byte-identical files. Thread-safe.
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

namespace statshost::dashboard {

struct ExportInfo {
    std::string communityId;      // "global" or the community UUID
    std::string communitySlug;    // may be empty
    std::string communityTitle;   // may be empty
    std::string startDate, endDate;  // ISO dates of the requested range, may be empty
    std::string publisher = "InvenioRDM";  // site name for XML metadata
    std::string language = "en";
    std::string generatedAt;      // UTC ISO timestamp; the caller passes the clock's now (deterministic tests)
    /// Subcount and metric keys under which a series-query answer ({"<query>": [DataSeries...]}) is
    /// exported: the request's `category` and `metric` params (their API defaults here).
    std::string seriesCategory = "global";
    std::string seriesMetric = "views";
    /// The xsi:schemaLocation URL of the XML export: where the server publishes
    /// docs/schemas/data-series.xsd (the namespace is prepended).
    std::string schemaUrl = "data-series.xsd";
};

enum class ExportFormat { Csv, Xlsx, Xml };

struct ExportFile {
    std::string contentType;
    std::string fileName;
    std::string body;
};

/// The XML namespace of the export (kept from invenio-stats-dashboard so existing consumers work).
inline constexpr const char* kDataSeriesNamespace = "https://github.com/MESH-Research/invenio-stats-dashboard";

/// `results` is the /api/stats answer object {"<query>": {"<subcountKey>": {"<metricKey>": [DataSeries...]}}}
/// (category queries) - also accept {"<query>": [DataSeries...]} (series queries). Throws std::invalid_argument
/// naming the path of anything malformed. Dates in DataSeries are "YYYY-MM-DD" (or "MM-DD" with a "year" field:
/// expand to full dates).
///
/// Files (a "non-empty" metric is one with at least one data point):
/// - Csv: at most one non-empty metric -> one `text/csv` file (header only when there is none);
///   else an `application/gzip` .csv.tar.gz of `<query>/<subcountKey>/<metricKey>.csv`.
///   Columns `id,label,date,value,units`, CRLF line ends, RFC 4180 quoting, UTF-8 without BOM.
/// - Xlsx: one workbook per (query, subcountKey), one sheet per non-empty metric, a "No Data" sheet
///   when a subcount has none; a single workbook is returned as the .xlsx itself, several as an
///   `application/gzip` .xlsx.tar.gz of `<query>/<subcountKey>.xlsx`.
/// - Xml: one `application/xml` document valid against docs/schemas/data-series.xsd.
/// Archive member names are sanitised (ASCII letters, digits, `.`, `_`, `-`) and unique ignoring case.
/// Also throws std::invalid_argument for malformed ExportInfo dates, and std::runtime_error when
/// the XLSX/archive libraries fail (I/O).
ExportFile exportSeries(const Poco::JSON::Object& results, ExportFormat format, const ExportInfo& info);

/// File name stem naming community, query(s) and range, e.g. stats_<community>_<query>_<start>_to_<end>.
/// The community is the slug, else the id (else "global"); queries are joined with "_"; the range
/// part is `_<start>_to_<end>`, `_from_<start>` or `_to_<end>` as given. Characters other than ASCII
/// letters, digits, `.`, `_`, `-` become `_`; the stem is at most 180 characters.
std::string exportFileStem(const std::vector<std::string>& queries, const ExportInfo& info);

}  // namespace statshost::dashboard
