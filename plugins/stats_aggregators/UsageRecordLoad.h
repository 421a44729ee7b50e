#pragma once
/// How the usage delta loads the record side of a run (UsageRunData: catalog, record index, label
/// ledger) for a compute() window [first, to].
///
/// Full load: every record (AggregationSource::forEachRecord). Used for long windows (backfills: cheaper
/// per record there), for the labels rule (a record changed: labels are a function of the whole
/// repository, UsageCatalog) and whenever a targeted load cannot guarantee the same documents.
///
/// Targeted load (windows of at most kTargetedMaxDays days, when UsageRunData::ledgerCurrent): scans the
/// window's events once for the record ids they name (and the event facet values), reads only those
/// records (AggregationSource::records), and takes the label of every item of a record-fed subcount
/// they can produce from the label ledger — which, with no record changed since the documents were
/// written, holds the current labels. An item the ledger does not know (never written) could take its
/// label from any record, so the load falls back to a full one. So a targeted run writes the documents
/// a full one would, byte for byte, at a cost that follows the window's events, not the repository.
#include <string>

#include "Family.h"
#include "UsageRunData.h"

namespace statshost::aggregators::usagestats {

/// The longest compute() window loaded in a targeted way, in days.
constexpr DayNumber kTargetedMaxDays = 7;

/// Makes `run` ready for computing [first, to]: the ledger of `deltaAlias` loaded, and the catalog and
/// record index holding at least every record the window's events name (see the file comment).
void loadRecordsFor(AggregationContext& ctx, UsageRunData& run, const std::string& deltaAlias, DayNumber first,
                    DayNumber to);

/// Loads every record into a fresh catalog and record index (the ledger as loadRecordsFor()).
void loadAllRecords(AggregationContext& ctx, UsageRunData& run, const std::string& deltaAlias);

}  // namespace statshost::aggregators::usagestats
