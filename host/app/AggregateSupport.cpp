#include "app/AggregateSupport.h"

#include <algorithm>

#include "plugins/HostServices.h"
#include "records/Dates.h"

namespace statshost::app {

std::string dayOption(const ParsedArgs& args, const std::string& name) {
    const std::string value = args.value(name);
    if (!args.flag(name)) return "";
    if (!records::parseDay(value)) throw UsageError("--" + name + ": expected a day YYYY-MM-DD, got '" + value + "'");
    return value;
}

std::string resolveCommunity(AppSession& session, const std::string& idOrSlug) {
    if (idOrSlug == "global") return idOrSlug;
    auto& db = session.storage().database();
    session.aggregationSource();  // the repository tables exist from here on
    std::string id;
    db.query("SELECT id FROM repo_communities WHERE id = $1", {idOrSlug},
             [&](const storage::Row& row) { id = row.getString(0); });
    if (id.empty())
        db.query("SELECT id FROM repo_communities WHERE slug = $1", {idOrSlug},
                 [&](const storage::Row& row) { id = row.getString(0); });
    if (id.empty()) throw UsageError("unknown community '" + idOrSlug + "' (neither a community id nor a slug)");
    return id;
}

std::vector<std::string> resolveCommunities(AppSession& session, const std::vector<std::string>& idsOrSlugs) {
    std::vector<std::string> ids;
    for (const std::string& given : idsOrSlugs) {
        std::string id = resolveCommunity(session, given);
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(std::move(id));
    }
    return ids;
}

void checkAggregationNames(AppSession& session, const std::vector<std::string>& names) {
    const auto& entries = session.extensions().aggregators();
    for (const std::string& name : names) {
        bool known = false;
        std::string configured;
        for (const auto& entry : entries) {
            known = known || entry.config.name == name;
            configured += (configured.empty() ? "" : ", ") + entry.config.name;
        }
        if (!known)
            throw UsageError("unknown aggregation '" + name + "' (configured: " +
                             (configured.empty() ? "none" : configured) + ")");
    }
}

std::string todayUtc() { return records::formatDay(records::dayOfMicros(plugins::SystemClock().nowMicros())); }

}  // namespace statshost::app
