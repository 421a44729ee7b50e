#pragma once
/// Helpers the aggregation commands share (aggregate, read, clear-bookmarks, status): option values
/// checked as days, communities given by id or slug, aggregation names checked against the
/// configuration. Every problem is a UsageError naming the value (exit 2).
#include <string>
#include <vector>

#include "app/AppSession.h"
#include "app/Args.h"

namespace statshost::app {

/// The value of option `name` when it is a YYYY-MM-DD day, "" when the option is absent.
std::string dayOption(const ParsedArgs& args, const std::string& name);

/// The community id of `idOrSlug`: "global" as is, else a community id, else a community slug.
std::string resolveCommunity(AppSession& session, const std::string& idOrSlug);
/// resolveCommunity() of each (duplicates dropped, order kept).
std::vector<std::string> resolveCommunities(AppSession& session, const std::vector<std::string>& idsOrSlugs);

/// Throws UsageError naming the first name that is not a configured aggregation.
void checkAggregationNames(AppSession& session, const std::vector<std::string>& names);

/// Today (UTC) of the system clock, YYYY-MM-DD.
std::string todayUtc();

}  // namespace statshost::app
