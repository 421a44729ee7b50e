#include "QueryParams.h"

#include "statshost/Errors.h"

namespace statshost::dashboard {

namespace {

std::string readDate(const Params& params, const std::string& key) {
    const Params value = params.child(key);
    if (value.isEmpty()) return "";
    std::string text = value.asString();
    if (text.empty()) return "";
    const bool dateTime = text.size() > 10 && (text[10] == 'T' || text[10] == ' ');
    const std::string day = dateTime ? text.substr(0, 10) : text;
    if (!parseDay(day)) throw ConfigError(value.path(), "expected a date YYYY-MM-DD, got '" + text + "'");
    return day;
}

}  // namespace

std::string readChoice(const Params& params, const std::string& key, const std::string& dflt,
                       const std::vector<std::string>& choices) {
    const Params value = params.child(key);
    if (value.isEmpty()) return dflt;
    const std::string text = value.asString();
    std::string list;
    for (const auto& c : choices) {
        if (c == text) return text;
        list += (list.empty() ? "" : ", ") + c;
    }
    throw ConfigError(value.path(), "expected one of " + list + ", got '" + text + "'");
}

const std::vector<std::string>& allowedParams(QueryKind kind) {
    static const std::vector<std::string> documents = {"community_id", "start_date", "end_date", "date_basis"};
    static const std::vector<std::string> series = {"community_id", "start_date", "end_date", "date_basis",
                                                    "granularity", "metric", "category"};
    static const std::vector<std::string> category = {"community_id", "start_date", "end_date", "date_basis",
                                                      "granularity", "optimize"};
    switch (kind) {
        case QueryKind::Series: return series;
        case QueryKind::Category: return category;
        default: return documents;
    }
}

QueryParams parseQueryParams(const Params& params, QueryKind kind) {
    if (!params.isEmpty() && !params.isMap()) throw ConfigError(params.path(), "expected an object");
    params.requireOnlyKeys(allowedParams(kind));
    QueryParams out;
    out.communityId = params.getString("community_id", "global");
    if (out.communityId.empty()) throw ConfigError(params.child("community_id").path(), "expected \"global\", a community id or a slug");
    out.startDate = readDate(params, "start_date");
    out.endDate = readDate(params, "end_date");
    if (!out.startDate.empty() && !out.endDate.empty() && out.startDate > out.endDate)
        throw HttpError(400, "start_date " + out.startDate + " is after end_date " + out.endDate);
    out.dateBasis = readChoice(params, "date_basis", "added", {"added", "created", "published"});
    out.granularityText = readChoice(params, "granularity", "day", {"day", "week", "month", "quarter", "year"});
    out.granularity = *parseGranularity(out.granularityText);
    out.metric = params.getString("metric", "");
    out.category = params.getString("category", "");
    if (params.has("optimize")) params.child("optimize").asBool();  // type-checked, then ignored
    return out;
}

}  // namespace statshost::dashboard
