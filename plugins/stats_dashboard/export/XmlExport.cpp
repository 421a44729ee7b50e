#include <set>
#include <string>
#include <utility>
#include <vector>

#include "ExportWriters.h"

namespace statshost::dashboard::detail {

namespace {

const char* const kDublinCore = "http://purl.org/dc/elements/1.1/";
const char* const kSchemaInstance = "http://www.w3.org/2001/XMLSchema-instance";

std::string escaped(const std::string& text, bool attribute) {
    std::string out;
    for (char c : xmlSafeText(text)) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += attribute ? "&quot;" : "\""; break;
            case '\t': out += attribute ? "&#9;" : "\t"; break;
            case '\n': out += attribute ? "&#10;" : "\n"; break;
            case '\r': out += "&#13;"; break;
            default: out += c;
        }
    }
    return out;
}

using Attributes = std::vector<std::pair<std::string, std::string>>;

/// Writes indented elements (two spaces per level) into a string.
class XmlOut {
public:
    void open(const std::string& name, const Attributes& attributes = {}) {
        start(name, attributes);
        _text += ">\n";
        _open.push_back(name);
    }
    void close() {
        std::string name = _open.back();
        _open.pop_back();
        indent();
        _text += "</" + name + ">\n";
    }
    void empty(const std::string& name, const Attributes& attributes) {
        start(name, attributes);
        _text += "/>\n";
    }
    void leaf(const std::string& name, const std::string& content, const Attributes& attributes = {}) {
        start(name, attributes);
        _text += ">" + escaped(content, false) + "</" + name + ">\n";
    }
    std::string take() { return std::move(_text); }

private:
    void indent() { _text.append(2 * _open.size(), ' '); }
    void start(const std::string& name, const Attributes& attributes) {
        indent();
        _text += "<" + name;
        for (const auto& [key, value] : attributes) _text += " " + key + "=\"" + escaped(value, true) + "\"";
    }
    std::string _text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
    std::vector<std::string> _open;
};

/// xs:ID values: each path component keeps ASCII letters, digits, `_`, `-` (others -> `_`, empty ->
/// `unknown`); components are joined with `.`; `id_` goes in front unless the id starts with a
/// letter or `_`; clashes get `--2`, `--3`, ...
class IdMaker {
public:
    std::string make(const std::vector<std::string>& components) {
        std::string id;
        for (const std::string& component : components) {
            if (!id.empty()) id += '.';
            std::string part;
            for (char c : component) {
                bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
                part += keep ? c : '_';
            }
            id += part.empty() ? "unknown" : part;
        }
        if (!((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= 'A' && id[0] <= 'Z') || id[0] == '_')) id = "id_" + id;
        return _used.claim([&](int n) { return n == 1 ? id : id + "--" + std::to_string(n); });
    }
private:
    UniqueNames _used;
};

std::string enumOrOther(const std::string& value, const std::set<std::string>& allowed) {
    return allowed.count(value) ? value : "other";
}

std::string aggregationMethod(const std::string& query) {
    if (query.find("snapshot") != std::string::npos) return "snapshot";
    if (query.find("delta") != std::string::npos) return "delta";
    return "other";
}

void writeMetadata(XmlOut& xml, const ExportModel& model, const ExportContext& context) {
    const ExportInfo& info = context.info;
    const std::string publisher = validUtf8(info.publisher);
    std::string queries;
    for (const ExportQuery& query : model.queries) queries += (queries.empty() ? "" : ", ") + query.name;
    xml.open("metadata");
    xml.leaf("dc:title", publisher + " Data Series Collection");
    xml.leaf("dc:creator", publisher);
    xml.leaf("dc:description", "Statistics data series from " + publisher + (queries.empty() ? "" : ": " + queries));
    if (!context.generatedAt.empty()) xml.leaf("dc:date", context.generatedAt);
    xml.leaf("dc:format", "application/xml");
    xml.leaf("dc:language", validUtf8(info.language));
    xml.leaf("dc:publisher", publisher);
    xml.leaf("dc:source", publisher + " API");
    xml.leaf("dc:subject", "Statistics, Usage Analytics, Time Series Data");
    xml.leaf("dc:type", "Dataset");
    if (!context.generatedAt.empty()) xml.leaf("generatedAt", context.generatedAt);
    xml.leaf("totalCategories", std::to_string(model.queries.size()));
    xml.leaf("totalDataPoints", std::to_string(model.pointCount()));

    // The requested range, else the range the data covers.
    std::string first, last;
    for (const ExportQuery& query : model.queries)
        for (const ExportSubcount& subcount : query.subcounts)
            for (const ExportMetric& metric : subcount.metrics)
                for (const ExportSeries& series : metric.series)
                    for (const ExportPoint& point : series.points) {
                        if (first.empty() || point.date < first) first = point.date;
                        if (last.empty() || point.date > last) last = point.date;
                    }
    if (context.start) first = context.start->text();
    if (context.end) last = context.end->text();
    if (!first.empty() || !last.empty()) {
        xml.open("timeRange");
        if (!first.empty()) xml.leaf("startDate", first);
        if (!last.empty()) xml.leaf("endDate", last);
        xml.close();
    }
    if (!info.communityId.empty() && info.communityId != "global") {
        xml.open("community");
        xml.leaf("dc:identifier", validUtf8(info.communityId));
        if (!info.communityTitle.empty()) xml.leaf("dc:title", validUtf8(info.communityTitle));
        if (!info.communitySlug.empty()) xml.leaf("slug", validUtf8(info.communitySlug));
        xml.close();
    }
    xml.close();
}

void writeSeries(XmlOut& xml, const ExportSeries& series, const std::string& id) {
    static const std::set<std::string> types{"line", "bar", "area", "scatter", "pie", "other"};
    static const std::set<std::string> valueTypes{"number", "integer", "decimal", "percentage", "filesize",
                                                  "duration", "currency", "boolean", "string", "other"};
    Attributes attributes{{"id", id}, {"name", series.id}, {"label", series.label}};
    if (!series.type.empty()) attributes.emplace_back("type", enumOrOther(series.type, types));
    if (!series.valueType.empty()) attributes.emplace_back("valueType", enumOrOther(series.valueType, valueTypes));
    attributes.emplace_back("description", "Statistics for " + series.id);
    xml.open("series", attributes);
    for (const auto& [language, text] : series.translations) xml.leaf("label", text, {{"lang", language}});
    xml.open("dataPoints", {{"count", std::to_string(series.points.size())}});
    for (const ExportPoint& point : series.points) xml.empty("point", {{"date", point.date}, {"value", point.valueText}});
    xml.close();
    xml.close();
}

}  // namespace

ExportFile writeXmlExport(const ExportModel& model, const ExportContext& context) {
    XmlOut xml;
    IdMaker ids;
    xml.open("dataSeriesCollection", {{"xmlns", kDataSeriesNamespace},
                                      {"xmlns:dc", kDublinCore},
                                      {"xmlns:xsi", kSchemaInstance},
                                      {"xsi:schemaLocation", std::string(kDataSeriesNamespace) + " " +
                                                                 validUtf8(context.info.schemaUrl)},
                                      {"version", "1.0"}});
    writeMetadata(xml, model, context);
    for (const ExportQuery& query : model.queries) {
        std::size_t queryMetrics = 0;
        for (const ExportSubcount& subcount : query.subcounts) queryMetrics += subcount.metricsWithData();
        xml.open("category", {{"name", query.name}, {"id", ids.make({query.name})},
                              {"metricsCount", std::to_string(queryMetrics)}});
        for (const ExportSubcount& subcount : query.subcounts) {
            xml.open("seriesSet", {{"name", subcount.key}, {"id", ids.make({query.name, subcount.key})},
                                   {"metricsCount", std::to_string(subcount.metricsWithData())}});
            for (const ExportMetric& metric : subcount.metrics) {
                bool bytes = isByteMetric(metric.key);
                std::string units = metricUnits(metric.key);
                xml.open("metric", {{"name", metric.key},
                                    {"id", ids.make({query.name, subcount.key, metric.key})},
                                    {"dataPointsCount", std::to_string(metric.pointCount())},
                                    {"unit", bytes ? "bytes" : "count"},
                                    {"measurementType", bytes ? "volume" : "count"},
                                    {"aggregationMethod", aggregationMethod(query.name)},
                                    {"description", metric.key + " of " + subcount.key + " in " + query.name +
                                                        (units.empty() ? "" : " (" + units + ")")}});
                for (const ExportSeries& series : metric.series) {
                    writeSeries(xml, series, ids.make({query.name, subcount.key, metric.key, series.id}));
                }
                xml.close();
            }
            xml.close();
        }
        xml.close();
    }
    xml.close();
    return {"application/xml; charset=utf-8", context.fileStem + ".xml", xml.take()};
}

}  // namespace statshost::dashboard::detail
