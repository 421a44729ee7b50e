#pragma once
/// GET /api/records/{id}/stats (issue 8): a record version's usage in the shape InvenioRDM records
/// carry in their `stats` field, from the per-parent documents (F2, LeaderboardSources.h):
///
///   {"this_version": {"views", "unique_views", "downloads", "unique_downloads", "data_volume"},
///    "all_versions": {the same}}
///
/// this_version sums the version's entries of the parent's documents, all_versions their
/// `all_versions` (uniques there are distinct visitors over all versions per day). Optional query
/// params `start_date` / `end_date` (YYYY-MM-DD, inclusive; default: all time). Errors: unknown id →
/// 404; a record that is not public → 404 unless the token has scope `read-restricted`; bad dates → 400.
/// Conditional route: ETag / 304; Cache-Control "no-cache" (public) or "private, no-cache".
#include "statshost/Blueprint.h"

namespace statshost::dashboard {

/// The answer to one request (HttpError for client errors).
Response answerRecordStats(DocumentStore& store, RecordDirectory& records, const Request& request);

/// The route (GET /api/records/{id}/stats, public, conditional).
Route recordStatsRoute(DocumentStore& store, RecordDirectory& records);

}  // namespace statshost::dashboard
