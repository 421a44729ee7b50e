#pragma once
/// The representations of a POST /api/stats answer besides plain JSON: the `format` query
/// parameter (json|csv|xlsx|xml) or else the `Accept` header picks one (the rules of
/// /api/stats-dashboard, Negotiation.h); CSV, XLSX and XML are the data-series exports of
/// SeriesExport.h and need series or category queries. Every download names community, queries
/// and range in its Content-Disposition file name (exportFileStem), e.g.
/// `stats_my-community_usage-delta-series_2025-01-01_to_2025-12-31.csv`; a JSON answer gets one
/// only when `format=json` was asked for explicitly.
#include <string>
#include <utility>
#include <vector>

#include "statshost/Http.h"
#include "statshost/Params.h"

namespace statshost::app {

/// One entry of the request: its key, query name and params.
struct StatsEntry {
    std::string key;
    std::string stat;
    Params params;
};

/// Throws HttpError 400 for an unknown `format` value and 406 when nothing in `Accept` is on
/// offer; returns the chosen format's name ("json", "csv", "xlsx", "xml").
std::string negotiatedFormat(const Request& request);

/// The response for `jsonAnswer` (the {"<key>": <result>, ...} text) in `format`: the JSON as it
/// is, or the export file (HttpError 400 when an entry cannot be exported), with Content-Type and
/// Content-Disposition set as described above. `explicitFormat`: the client named the format.
Response formatAnswer(std::string jsonAnswer, const std::vector<StatsEntry>& entries, const std::string& format,
                      bool explicitFormat);

}  // namespace statshost::app
