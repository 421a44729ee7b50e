#include "SeriesExport.h"

#include <regex>
#include <stdexcept>

#include <Poco/DateTimeParser.h>
#include <Poco/DateTimeFormatter.h>

#include "ExportModel.h"
#include "ExportText.h"
#include "ExportWriters.h"

namespace statshost::dashboard {

namespace {

constexpr std::size_t kFileStemMax = 180;

std::optional<detail::CalendarDate> rangeDate(const std::string& text, const char* field) {
    if (text.empty()) return std::nullopt;
    std::optional<detail::CalendarDate> date = detail::parseIsoDate(text.substr(0, 10));
    if (!date || (text.size() > 10 && text[10] != 'T')) {
        throw std::invalid_argument(std::string("export info: ") + field + " \"" + detail::validUtf8(text) +
                                    "\" is not an ISO date (YYYY-MM-DD)");
    }
    return date;
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)` with a real date and time (Poco's parser alone
/// accepts almost anything).
bool isIsoTimestamp(const std::string& text) {
    static const std::regex pattern(R"(\d{4}-\d\d-\d\dT([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d))");
    return std::regex_match(text, pattern) && detail::parseIsoDate(text.substr(0, 10)).has_value();
}

detail::ExportContext makeContext(const detail::ExportModel& model, const ExportInfo& info) {
    detail::ExportContext context{info, "", rangeDate(info.startDate, "startDate"), rangeDate(info.endDate, "endDate"), 0, ""};
    if (context.start && context.end && context.end->text() < context.start->text()) {
        throw std::invalid_argument("export info: endDate " + context.end->text() + " is before startDate " +
                                    context.start->text());
    }
    if (!info.generatedAt.empty()) {
        Poco::DateTime time;
        int zone = 0;
        if (!isIsoTimestamp(info.generatedAt) ||
            !Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, info.generatedAt, time, zone)) {
            throw std::invalid_argument("export info: generatedAt \"" + detail::validUtf8(info.generatedAt) +
                                        "\" is not an ISO 8601 timestamp");
        }
        time.makeUTC(zone);
        context.generatedEpoch = time.timestamp().epochTime();
        context.generatedAt = Poco::DateTimeFormatter::format(time, "%Y-%m-%dT%H:%M:%S+00:00");
    }
    std::vector<std::string> queries;
    for (const detail::ExportQuery& query : model.queries) queries.push_back(query.name);
    context.fileStem = exportFileStem(queries, info);
    return context;
}

}  // namespace

using detail::ExportModel;

ExportFile exportSeries(const Poco::JSON::Object& results, ExportFormat format, const ExportInfo& info) {
    ExportModel model = detail::parseExportModel(results, info);
    detail::ExportContext context = makeContext(model, info);
    switch (format) {
        case ExportFormat::Csv: return detail::writeCsvExport(model, context);
        case ExportFormat::Xlsx: return detail::writeXlsxExport(model, context);
        case ExportFormat::Xml: return detail::writeXmlExport(model, context);
    }
    throw std::invalid_argument("unknown export format");
}

std::string exportFileStem(const std::vector<std::string>& queries, const ExportInfo& info) {
    std::string community = !info.communitySlug.empty() ? info.communitySlug
                            : !info.communityId.empty() ? info.communityId
                                                        : "global";
    std::string stem = "stats_" + detail::safeNamePart(community);
    for (const std::string& query : queries) stem += "_" + detail::safeNamePart(query);
    std::string start = info.startDate.substr(0, 10), end = info.endDate.substr(0, 10);
    if (!start.empty() && !end.empty()) {
        stem += "_" + detail::safeNamePart(start) + "_to_" + detail::safeNamePart(end);
    } else if (!start.empty()) {
        stem += "_from_" + detail::safeNamePart(start);
    } else if (!end.empty()) {
        stem += "_to_" + detail::safeNamePart(end);
    }
    return stem.substr(0, kFileStemMax);
}

}  // namespace statshost::dashboard
