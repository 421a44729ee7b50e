#pragma once
/// The family-specific half of an aggregator. AggregatorDriver (the other half, shared by all eight
/// document families) owns bookmarks, the change watermark, dirty markers, catch-up limits, progress,
/// error containment and the atomic writes; a Family only says which (community, first day) need
/// recomputing and computes documents.
///
/// Storage is sparse (Store.h FillRule): a delta family returns only days with a non-zero number, a
/// snapshot family only days whose content differs from the day before (ignoring date fields and
/// `timestamp`). A community with no document yet gets its first document on its first day with data
/// (SEMANTICS §9.3). The driver writes what compute() returns for [from, to] with
/// DocumentStore::replaceRange, so everything previously stored in that range is replaced.
///
/// Driver state per aggregation (bookmark table, names below):
///   bookmark(name, community)          last day (YYYY-MM-DD) through which the community's documents are
///                                      correct; the dense read extent (IndexTemplate::extentBookmark = name)
///   bookmark(name + "#dirty", community)  first day that must be recomputed (absent = none)
///   bookmark(name + "#seq", "*")        change watermark: every change with seq <= it has been turned into
///                                      dirty markers
/// A run: seq = source.currentChangeSeq(); feed = changesSince(watermark) → Family::collectWork → dirty
/// markers written (min with existing) → watermark = feed.toSeq → per community, recompute
/// [min(dirty, bookmark+1 when work says so), asOf] (ticks: at most catchupDays per community per run)
/// → replaceRange → bookmark = end, dirty cleared (or moved to end+1 when stopped early).
/// No watermark yet (first run, cleared bookmarks, --ignore-bookmark) = everything from the beginning.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "statshost/Aggregator.h"

namespace statshost::aggregators {

/// Day numbers are days since 1970-01-01 (UTC).
using DayNumber = std::int64_t;

struct WorkItem {
    std::string communityId;  ///< community UUID or "global"
    DayNumber from = 0;       ///< first day to recompute
};

/// What compute() produced for one community over [item.from, to].
struct CommunityDocuments {
    std::string communityId;
    std::vector<Document> docs;  ///< sparse documents with days in [from, to], ascending
};

class Family {
public:
    virtual ~Family() = default;

    /// Called once when the aggregation is configured, with its name (the bookmark key of Family.h's
    /// driver state; a family may keep bookmarks of its own under `name + "#..."`). Default: nothing.
    virtual void named(const std::string& aggregationName) { (void)aggregationName; }

    /// The index this family writes (alias = the aggregation's `templates`), with its fill rule and
    /// extentBookmark = aggregation name.
    virtual IndexTemplate indexTemplate(const std::string& aggregationName, const std::string& alias) const = 0;

    /// Which communities need recomputing and from which day, given what changed since the watermark
    /// (`feed`; nullptr = no watermark: everything from each community's first day), each community's
    /// current bookmark (absent = never aggregated) and the run's last day `asOf`. Adds or lowers entries in
    /// `from` (community → first day). Must include every community whose documents in
    /// (bookmark, asOf] are not simply the fill of the stored ones (e.g. a future publication date that
    /// has now arrived, usage events on new days); may include more (costs time, never correctness).
    virtual void collectWork(AggregationContext& ctx, const ChangeFeed* feed,
                             const std::map<std::string, DayNumber>& bookmarks, DayNumber asOf,
                             std::map<std::string, DayNumber>& from) = 0;

    /// Computes the documents of each work item over [item.from, to] and hands them to `emit`, one
    /// community at a time (any order).
    virtual void compute(AggregationContext& ctx, const std::vector<WorkItem>& work, DayNumber to,
                         const std::function<void(CommunityDocuments&&)>& emit) = 0;
};

}  // namespace statshost::aggregators
