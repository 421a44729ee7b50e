#pragma once
/// The `params` of a dashboard query, validated (API_UI.md §1.3 with the fixes): unknown keys,
/// wrong types, bad dates, an unknown date basis or granularity throw ConfigError naming the key
/// (→ 400 `<request key>.params.<key>: ...`); start after end throws HttpError 400.
#include <string>
#include <vector>

#include "DayMath.h"
#include "statshost/Params.h"

namespace statshost::dashboard {

/// Which params a query takes.
enum class QueryKind {
    Documents,  ///< community_id, start_date, end_date, date_basis
    Composite,  ///< the same
    Series,     ///< + granularity, metric, category
    Category,   ///< + granularity, optimize (accepted, ignored: the full set is always sent)
};

struct QueryParams {
    std::string communityId = "global";  ///< as given: "global", a UUID or a slug
    std::string startDate;               ///< YYYY-MM-DD; empty = unbounded
    std::string endDate;                 ///< YYYY-MM-DD; empty = unbounded
    std::string dateBasis = "added";     ///< added | created | published
    Granularity granularity = Granularity::Day;
    std::string granularityText = "day";
    std::string metric;                  ///< as given (snake or camel case); empty = the query's default
    std::string category;                ///< as given; empty = "global"
};

/// The text of `key` when it is one of `choices`, `dflt` when absent; else ConfigError naming the key and
/// listing the choices.
std::string readChoice(const Params& params, const std::string& key, const std::string& dflt,
                       const std::vector<std::string>& choices);

/// The param names `kind` accepts.
const std::vector<std::string>& allowedParams(QueryKind kind);

/// Validates and reads `params` (empty or a mapping). Dates may be `YYYY-MM-DD` or an ISO date-time
/// whose first ten characters are the day (floored to the day).
QueryParams parseQueryParams(const Params& params, QueryKind kind);

}  // namespace statshost::dashboard
