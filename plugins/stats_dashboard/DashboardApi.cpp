#include "DashboardApi.h"

#include <ctime>

#include <Poco/JSON/Parser.h>

#include "Negotiation.h"
#include "statshost/Errors.h"
#ifdef STATSHOST_HAVE_SERIES_EXPORT
#include "export/SeriesExport.h"
#endif

namespace statshost::dashboard {

namespace {

const char* kShape = "expected a JSON object {\"<query name>\": {\"params\": {...}}, ...}";

Params parseBody(const std::string& text) {
    if (text.empty()) throw HttpError(400, "No JSON data provided");
    Poco::Dynamic::Var parsed;
    try {
        Poco::JSON::Parser parser;
        parsed = parser.parse(text);
    } catch (const Poco::Exception& e) {
        throw HttpError(400, "request body is not valid JSON: " + e.displayText());
    }
    Params body = Params::fromJson(parsed, "");
    if (!body.isMap() || body.keys().empty()) throw HttpError(400, kShape);
    return body;
}

struct PreparedCall {
    std::string query;
    QueryService::Prepared call;
};

std::vector<PreparedCall> prepareAll(QueryService& service, const Params& body, const Caller& caller) {
    std::vector<PreparedCall> out;
    for (const auto& query : body.keys()) {
        if (!findQuery(query)) throw HttpError(400, "Unknown query: " + query);
        const Params entry = body.child(query);
        if (!entry.isEmpty() && !entry.isMap()) throw HttpError(400, query + ": " + kShape);
        try {
            entry.requireOnlyKeys({"stat", "params"});
            out.push_back({query, service.prepare(query, entry.child("params"), caller)});
        } catch (const ConfigError& e) {
            throw HttpError(400, queryParamMessage(query, e));
        } catch (const HttpError& e) {
            throw HttpError(e.status(), query + ": " + e.what());
        }
    }
    return out;
}

std::string jsonAnswer(QueryService& service, const std::vector<PreparedCall>& calls) {
    std::string out = "{";
    for (const auto& c : calls) {
        try {
            out += (out.size() > 1 ? "," : "") + jsonQuote(c.query) + ":" + *service.answer(c.call);
        } catch (const HttpError& e) {
            throw HttpError(e.status(), c.query + ": " + e.what());
        }
    }
    return out + "}";
}

bool restricted(const std::vector<PreparedCall>& calls) {
    for (const auto& c : calls)
        if (c.call.access.community && c.call.access.community->visibility != "public") return true;
    return false;
}

#ifdef STATSHOST_HAVE_SERIES_EXPORT
std::string isoNow(const Clock& clock) {
    const std::time_t seconds = static_cast<std::time_t>(clock.nowMicros() / 1000000);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
    return buf;
}

ExportInfo exportInfo(const std::vector<PreparedCall>& calls, const ApiSettings& settings, const Clock& clock) {
    const auto& first = calls.front().call;
    ExportInfo info;
    info.communityId = first.access.communityId;
    if (first.access.community) {
        info.communitySlug = first.access.community->slug;
        info.communityTitle = first.access.community->title;
    }
    info.startDate = first.params.startDate;
    info.endDate = first.params.endDate;
    info.publisher = settings.publisher;
    info.generatedAt = isoNow(clock);
    for (const auto& c : calls) {
        if (c.call.spec->kind != QueryKind::Series) continue;
        const Family family = c.call.spec->families.front();
        if (!c.call.params.category.empty()) info.seriesCategory = camelCase(c.call.params.category);
        info.seriesMetric = !c.call.params.metric.empty() ? camelCase(c.call.params.metric)
                            : isRecordFamily(family)      ? "records"
                                                          : "views";
    }
    return info;
}

ExportFormat exportFormat(AnswerFormat f) {
    switch (f) {
        case AnswerFormat::Csv: return ExportFormat::Csv;
        case AnswerFormat::Xlsx: return ExportFormat::Xlsx;
        default: return ExportFormat::Xml;
    }
}
#endif

Response exportAnswer(QueryService& service, const ApiSettings& settings, const Clock& clock,
                      const std::vector<PreparedCall>& calls, AnswerFormat format) {
#ifdef STATSHOST_HAVE_SERIES_EXPORT
    for (const auto& c : calls)
        if (c.call.spec->kind != QueryKind::Series && c.call.spec->kind != QueryKind::Category)
            throw HttpError(400, std::string("format ") + formatName(format) + " exports series and category queries only; " +
                                     c.query + " is not one");
    const std::string json = jsonAnswer(service, calls);
    Poco::JSON::Parser parser;
    auto results = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
    const ExportInfo info = exportInfo(calls, settings, clock);
    ExportFile file;
    try {
        file = exportSeries(*results, exportFormat(format), info);
    } catch (const std::invalid_argument& e) {
        throw HttpError(400, std::string("cannot export: ") + e.what());
    }
    Response res;
    res.contentType = file.contentType;
    res.body = std::move(file.body);
    res.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file.fileName + "\"");
    return res;
#else
    (void)service, (void)settings, (void)clock, (void)calls;
    throw HttpError(406, std::string("format ") + formatName(format) + " is not available in this build");
#endif
}

/// The file name stem of a JSON download: the export library's rule when it is built in.
std::string stemFor(const std::vector<PreparedCall>& calls, const ApiSettings& settings, const Clock& clock) {
    std::vector<std::string> queries;
    for (const auto& c : calls) queries.push_back(c.query);
#ifdef STATSHOST_HAVE_SERIES_EXPORT
    return exportFileStem(queries, exportInfo(calls, settings, clock));
#else
    (void)settings, (void)clock;
    std::string stem = "stats_" + calls.front().call.access.communityId;
    for (const auto& q : queries) stem += "_" + q;
    return stem;
#endif
}

}  // namespace

Response answerDashboardRequest(QueryService& service, const ApiSettings& settings, const Clock& clock,
                                const Request& request) {
    auto format = negotiateFormat(request.queryValue("format"), request.header("accept"));
    if (!format) throw HttpError(406, "no acceptable format: application/json, text/csv, application/xml or the XLSX type");
    const Params body = parseBody(request.method == "GET" ? request.queryValue("q") : request.body);
    const auto calls = prepareAll(service, body, callerOf(request));
    Response res;
    if (*format == AnswerFormat::Json) {
        res.body = jsonAnswer(service, calls);
        if (!request.queryValue("format").empty())
            res.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + stemFor(calls, settings, clock) + ".json\"");
    } else {
        res = exportAnswer(service, settings, clock, calls, *format);
    }
    res.headers.emplace_back("Cache-Control", restricted(calls) ? "private, no-cache" : settings.cacheControl);
    return res;
}

std::vector<Route> dashboardApiRoutes(QueryService& service, const ApiSettings& settings, const Clock& clock) {
    Handler handler = [&service, settings, &clock](const Request& request) {
        return answerDashboardRequest(service, settings, clock, request);
    };
    return {Route{"POST", settings.route, Permission::Public, handler, "stats_dashboard.api", true},
            Route{"GET", settings.route, Permission::Public, handler, "stats_dashboard.api", true}};
}

}  // namespace statshost::dashboard
