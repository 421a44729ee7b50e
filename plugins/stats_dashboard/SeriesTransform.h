#pragma once
/// Aggregation documents → DataSeries (API_UI.md §1.6 with SEMANTICS document shapes). Pure
/// functions of their arguments; documents come in day order (readDense) and each one gives every
/// series it touches one point dated by its `period_start` / `snapshot_date` (first ten characters).
///
/// Point values:
///   record delta     records/parents = Σ added.* − Σ removed.*, fileCount/dataVolume = files.added.m − files.removed.m,
///                    uploaders = `uploaders` (global only)
///   record snapshot  records/parents = Σ total_X.* (items: Σ X.*), fileCount/dataVolume = total_files.m (items files.m),
///                    uploaders = `total_uploaders`
///   usage            views/downloads = total_events, viewVisitors/downloadVisitors = unique_visitors,
///                    dataVolume = download.total_volume, view|downloadUnique* = the matching unique_* (global from `totals`)
///   filePresence     (record families) series metadata_only / with_files = that class of records/parents;
///                    for fileCount/dataVolume metadata_only is 0 and with_files the global value
/// Missing numbers count as 0.
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "SeriesModel.h"
#include "statshost/Sources.h"

namespace statshost::dashboard {

enum class Family { RecordDelta, RecordSnapshot, UsageDelta, UsageSnapshot };

bool isSnapshot(Family family);
bool isRecordFamily(Family family);

/// One subcount of a category answer and where its items come from in a document.
struct SubcountSource {
    enum class Pick { Plain, ByView, ByDownload };
    std::string key;     ///< camelCase answer key, e.g. "resourceTypes", "countriesByView"
    std::string docKey;  ///< list key under `subcounts` in the documents, e.g. "by_resource_type"
    Pick pick = Pick::Plain;  ///< ByView/ByDownload: the `by_view`/`by_download` list of a `top` usage
                              ///< snapshot object; a plain list serves both
};

/// The subcounts of `family` from COMMUNITY_STATS_SUBCOUNTS (as the aggregators resolved it), in
/// configuration order: records side for record families (delta or snapshot key), usage side for
/// usage families; usage snapshot `top` subcounts give `<name>ByView` and `<name>ByDownload`.
std::vector<SubcountSource> subcountLayout(Family family, const AggregationSettings& settings);

/// The metric keys of `family`: for the `global` subcount when `global`, else for items.
const std::vector<std::string>& metricKeys(Family family, bool global);

/// Restricts buildCategory to one subcount and/or metric (empty = all).
struct SeriesFilter {
    std::string subcount;
    std::string metric;
};

/// The category answer: `global` (one series per metric, none when there are no documents), each
/// subcount of `layout` (one series per item seen, sparse) and, for record families, `filePresence`
/// (always two series per metric, possibly without points).
Category buildCategory(Family family, const std::vector<rapidjson::Document>& docs,
                       const std::vector<SubcountSource>& layout, const SeriesFilter& filter = {});

}  // namespace statshost::dashboard
