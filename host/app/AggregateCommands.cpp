// aggregate, read, clear-bookmarks.
#include <cstdio>
#include <iostream>

#include "aggregation/AggregationRunner.h"
#include "aggregation/AggregationStatus.h"
#include "app/AggregateSupport.h"
#include "app/Command.h"
#include "plugins/HostServices.h"

namespace statshost::app {

namespace {

void requireStatsEnabled(AppSession& s) {
    if (!s.config().stats.enabled)
        throw ConfigError("stats.yaml: COMMUNITY_STATS_ENABLED", "statistics are disabled (set it to true)");
}

std::string secondsText(double s) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f s", s);
    return text;
}

void printReport(const aggregation::RunReport& report, const std::string& asOf) {
    if (report.skipped) {
        std::cout << "aggregation skipped: lock held by another process\n";
        return;
    }
    std::cout << "aggregated as of " << asOf << ":\n";
    double total = 0;
    for (const auto& o : report.outcomes) {
        total += o.seconds;
        std::cout << "  " << o.name << ": " << o.result.communities << " communities, " << o.result.documents
                  << " documents, " << secondsText(o.seconds) << (o.ok ? "" : " FAILED") << "\n";
        if (!o.failure.empty()) std::cout << "    error: " << o.failure << "\n";
        for (const std::string& e : o.result.errors) std::cout << "    error: " << e << "\n";
    }
    std::cout << "total: " << report.documents() << " documents in " << secondsText(total)
              << (report.cancelled ? " (cancelled)" : "") << "\n";
}

int runAggregate(AppSession& s, const ParsedArgs& a) {
    requireStatsEnabled(s);
    aggregation::RunOptions options;
    options.aggregations = a.all("aggregation");
    checkAggregationNames(s, options.aggregations);
    AggregationRequest& request = options.request;
    request.communityIds = resolveCommunities(s, a.all("community-id"));
    request.startDay = dayOption(a, "start-date");
    request.endDay = dayOption(a, "end-date");
    request.asOfDay = a.flag("as-of") ? dayOption(a, "as-of") : todayUtc();
    if (!request.startDay.empty() && !request.endDay.empty() && request.startDay > request.endDay)
        throw UsageError("--start-date " + request.startDay + " is after --end-date " + request.endDay);
    request.ignoreBookmark = a.flag("ignore-bookmark");
    request.updateBookmark = !a.flag("no-update-bookmark");

    if (s.extensions().aggregators().empty()) {
        std::cout << "no aggregations configured (STATS_AGGREGATIONS is empty)\n";
        return 0;
    }
    s.registerTemplates();
    plugins::SystemClock clock;
    plugins::ConsoleProgress progress(stderr);
    aggregation::AggregationRunner runner(s.extensions().aggregators(), s.storage(), s.aggregationSource(),
                                          s.aggregationSettings(), clock, progress);
    progress.track("docs", [&runner] { return runner.documentsWritten(); });
    aggregation::RunReport report = runner.run(options);
    progress.end();
    printReport(report, request.asOfDay);
    return report.ok() ? 0 : 1;
}

/// The index alias `query` names: an alias one of the configured aggregators writes, or an
/// aggregation name (its `templates` alias).
std::string aliasOf(AppSession& s, const std::string& query) {
    std::string known;
    for (const auto& entry : s.extensions().aggregators()) {
        if (entry.config.name == query) return entry.config.templates;
        for (const IndexTemplate& t : entry.object->indexTemplates()) {
            if (t.alias == query) return t.alias;
            known += (known.empty() ? "" : ", ") + t.alias;
        }
    }
    throw UsageError("unknown query '" + query + "' (an index alias or aggregation name; indices: " +
                     (known.empty() ? "none configured" : known) + ")");
}

int runRead(AppSession& s, const ParsedArgs& a) {
    requireStatsEnabled(s);
    if (!a.flag("query")) throw UsageError("--query NAME is required");
    if (!a.flag("community")) throw UsageError("--community ID|slug|global is required");
    const std::string alias = aliasOf(s, a.value("query"));
    DocumentRange range{resolveCommunity(s, a.value("community")), dayOption(a, "start-date"),
                        dayOption(a, "end-date")};
    if (!range.firstDay.empty() && !range.lastDay.empty() && range.firstDay > range.lastDay)
        throw UsageError("--start-date " + range.firstDay + " is after --end-date " + range.lastDay);
    s.registerTemplates();
    std::size_t n = 0;
    std::cout << "[";
    s.storage().readDense(alias, range, [&](const Document& d) {
        std::cout << (n++ ? ",\n" : "\n") << d.body;
        return true;
    });
    std::cout << (n ? "\n]\n" : "]\n");
    return 0;
}

int runClearBookmarks(AppSession& s, const ParsedArgs& a) {
    const bool allCommunities = a.flag("all-communities");
    const bool allAggregations = a.flag("all-aggregations");
    if (allCommunities == !a.all("community-id").empty())
        throw UsageError("give either --community-id (one or more) or --all-communities");
    if (allAggregations == !a.all("aggregation").empty())
        throw UsageError("give either --aggregation (one or more) or --all-aggregations");
    if (!a.flag("confirm"))
        throw UsageError("clear-bookmarks makes the next run recompute the selected aggregations from scratch; "
                         "confirm with --confirm");
    std::vector<std::string> names = a.all("aggregation");
    checkAggregationNames(s, names);
    if (allAggregations)
        for (const auto& entry : s.extensions().aggregators()) names.push_back(entry.config.name);
    const std::vector<std::string> communities =
        allCommunities ? std::vector<std::string>{""} : resolveCommunities(s, a.all("community-id"));

    auto& store = s.storage();
    std::uint64_t cleared = 0;
    for (const std::string& name : names) {
        for (const std::string& community : communities) {
            cleared += store.clearBookmarks(name, community);
            cleared += store.clearBookmarks(aggregation::dirtyBookmark(name), community);
        }
        // Without the change watermark the next run starts from scratch (every community of the aggregation).
        cleared += store.clearBookmarks(aggregation::seqBookmark(name), "");
    }
    std::string which;
    for (const std::string& name : names) which += (which.empty() ? "" : ", ") + name;
    std::string whom;
    for (const std::string& c : communities) whom += (whom.empty() ? "" : ", ") + c;
    if (allCommunities) whom = "all communities";
    std::cout << "cleared " << cleared << " bookmark" << (cleared == 1 ? "" : "s") << " of " << (which.empty() ? "-" : which)
              << " for " << whom << "; the next run recomputes " << (names.size() == 1 ? "it" : "them")
              << " from scratch\n";
    return 0;
}

}  // namespace

void addAggregateCommands(std::vector<Command>& out) {
    out.push_back(
        {"aggregate", "run the configured aggregations now (under the aggregation lock)",
         "statshost [--config FILE] [--db URL] aggregate [--community-id ID|SLUG]... [--aggregation NAME]...\n"
         "       [--start-date D] [--end-date D] [--as-of D] [--ignore-bookmark] [--no-update-bookmark]",
         "Runs the aggregations of STATS_AGGREGATIONS in configuration order (or only those named with\n"
         "--aggregation) through --as-of (default: today, UTC), holding the storage lock\n"
         "'community_stats_aggregation'; when another process holds it nothing runs (exit 1). Each\n"
         "aggregation continues from its bookmarks and recomputes whatever changed since its last run\n"
         "(late usage events, back-dated publications, deletions, membership changes), so the documents\n"
         "always equal a from-scratch run. --ignore-bookmark recomputes from the beginning (or from\n"
         "--start-date); --no-update-bookmark leaves the bookmarks as they are. Communities are given by\n"
         "id or slug; 'global' is the whole repository; without --community-id every community and global.\n"
         "Progress goes to standard error (a bar on a terminal), the report to standard output.\n"
         "Exit 0 when every aggregation succeeded, 1 when one failed or the run was skipped.",
         {{"community-id", "ID", "a community id, slug or 'global'", true},
          {"aggregation", "NAME", "a configured aggregation name (default: all)", true},
          {"start-date", "D", "first day to (re)compute, YYYY-MM-DD"},
          {"end-date", "D", "last day to compute, YYYY-MM-DD (default: --as-of)"},
          {"as-of", "D", "the run's today, YYYY-MM-DD (default: today UTC)"},
          {"ignore-bookmark", "", "recompute from the beginning (or --start-date)"},
          {"no-update-bookmark", "", "do not move the bookmarks"}},
         0, runAggregate});
    out.push_back(
        {"read", "print an aggregation's documents for one community as a JSON array",
         "statshost [--config FILE] [--db URL] read --query NAME --community ID|SLUG|global [--start-date D]\n"
         "       [--end-date D]",
         "Prints the documents of one index (an index alias such as stats-community-records-delta-added,\n"
         "or the name of the aggregation writing it) for one community, one document per day of the\n"
         "community's extent within the dates (days without a stored document are filled in the\n"
         "family's way: zero deltas, carried-forward snapshots), as a JSON array in day order.",
         {{"query", "NAME", "index alias or aggregation name"},
          {"community", "ID", "community id, slug or 'global'"},
          {"start-date", "D", "first day, YYYY-MM-DD (default: the community's first document)"},
          {"end-date", "D", "last day, YYYY-MM-DD (default: the community's last day)"}},
         0, runRead});
    out.push_back(
        {"clear-bookmarks", "delete aggregation bookmarks so the next run recomputes from scratch",
         "statshost [--config FILE] [--db URL] clear-bookmarks (--community-id ID... | --all-communities)\n"
         "       (--aggregation NAME... | --all-aggregations) --confirm",
         "Deletes the bookmarks of the selected aggregations and communities, their dirty markers\n"
         "('<name>#dirty') and the change watermark of each selected aggregation ('<name>#seq'), so the\n"
         "next run of those aggregations recomputes them from the beginning. Requires --confirm.",
         {{"community-id", "ID", "a community id, slug or 'global'", true},
          {"all-communities", "", "every community"},
          {"aggregation", "NAME", "a configured aggregation name", true},
          {"all-aggregations", "", "every configured aggregation"},
          {"confirm", "", "confirm the deletion"}},
         0, runClearBookmarks});
}

}  // namespace statshost::app
