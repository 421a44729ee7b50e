#include "app/StatsEndpointFormats.h"

#include <cctype>
#include <ctime>
#include <stdexcept>

#include <Poco/JSON/Parser.h>

#include "Negotiation.h"
#include "SeriesExport.h"
#include "statshost/Errors.h"

namespace statshost::app {

namespace {

using dashboard::AnswerFormat;
using dashboard::ExportFormat;
using dashboard::ExportInfo;

/// snake_case → camelCase, as the answers name subcounts and metrics.
std::string camel(const std::string& name) {
    std::string out;
    bool upper = false;
    for (char c : name) {
        if (c == '_') {
            upper = true;
            continue;
        }
        out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        upper = false;
    }
    return out;
}

std::string isoNow() {
    const std::time_t seconds = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
    return buf;
}

std::string paramText(const Params& params, const std::string& key) {
    try {
        return params.getString(key, "");
    } catch (const ConfigError&) {
        return "";  // the query has validated its params; anything else is not a name for the file
    }
}

/// What the file says about the request: community, range (the first entry's) and the series
/// selection (the last series entry's category and metric, their defaults otherwise).
ExportInfo exportInfo(const std::vector<StatsEntry>& entries) {
    ExportInfo info;
    const Params& first = entries.front().params;
    info.communityId = paramText(first, "community_id").empty() ? "global" : paramText(first, "community_id");
    info.startDate = paramText(first, "start_date").substr(0, 10);
    info.endDate = paramText(first, "end_date").substr(0, 10);
    info.generatedAt = isoNow();
    for (const auto& e : entries) {
        if (e.stat.size() < 7 || e.stat.compare(e.stat.size() - 7, 7, "-series") != 0) continue;
        const std::string category = paramText(e.params, "category");
        const std::string metric = paramText(e.params, "metric");
        info.seriesCategory = category.empty() ? "global" : camel(category);
        info.seriesMetric = !metric.empty() ? camel(metric) : e.stat.rfind("record-", 0) == 0 ? "records" : "views";
    }
    return info;
}

std::vector<std::string> statNames(const std::vector<StatsEntry>& entries) {
    std::vector<std::string> names;
    for (const auto& e : entries) names.push_back(e.stat);
    return names;
}

/// The answer keyed by query name (what the export names files and archive members by) when every
/// entry asks a different query, else by request key as it is.
Poco::JSON::Object::Ptr byQueryName(const Poco::JSON::Object& answer, const std::vector<StatsEntry>& entries) {
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    for (const auto& e : entries) {
        if (out->has(e.stat)) return new Poco::JSON::Object(answer);
        out->set(e.stat, answer.get(e.key));
    }
    return out;
}

std::string attachment(const std::string& fileName) { return "attachment; filename=\"" + fileName + "\""; }

}  // namespace

std::string negotiatedFormat(const Request& request) {
    const auto format = dashboard::negotiateFormat(request.queryValue("format"), request.header("accept"));
    if (!format)
        throw HttpError(406, "no acceptable format: application/json, text/csv, application/xml or the XLSX type");
    return dashboard::formatName(*format);
}

Response formatAnswer(std::string jsonAnswer, const std::vector<StatsEntry>& entries, const std::string& format,
                      bool explicitFormat) {
    Response res;
    if (format == "json") {
        if (explicitFormat)
            res.headers.emplace_back("Content-Disposition",
                                     attachment(dashboard::exportFileStem(statNames(entries), exportInfo(entries)) + ".json"));
        res.body = std::move(jsonAnswer);
        return res;
    }
    const ExportFormat exportFormat = format == "csv" ? ExportFormat::Csv : format == "xlsx" ? ExportFormat::Xlsx : ExportFormat::Xml;
    Poco::JSON::Parser parser;
    const auto answer = parser.parse(jsonAnswer).extract<Poco::JSON::Object::Ptr>();
    dashboard::ExportFile file;
    try {
        file = dashboard::exportSeries(*byQueryName(*answer, entries), exportFormat, exportInfo(entries));
    } catch (const std::invalid_argument& e) {
        throw HttpError(400, "format " + format + " exports series and category queries only: " + e.what());
    }
    res.contentType = file.contentType;
    res.body = std::move(file.body);
    res.headers.emplace_back("Content-Disposition", attachment(file.fileName));
    return res;
}

}  // namespace statshost::app
