#pragma once
/// What the usage delta loads once per run and drops at its end (RunScopedFamily::endRun): the shared
/// UsageEventRun (numbered records, parents and communities, the membership intervals of the log) and —
/// for compute and the labels rule only — the subcount catalog, the record index and the label ledger.
/// The record index holds every record (full load) or only the records the events of compute windows
/// name (targeted load); UsageRecordLoad.h decides which.
#include <memory>
#include <set>
#include <string>

#include "UsageCatalog.h"
#include "UsageEventFamily.h"
#include "UsageLabelLedger.h"
#include "UsageRecordIndex.h"

namespace statshost::aggregators::usagestats {

struct UsageRunData : UsageEventRun {
    std::unique_ptr<UsageCatalog> catalog;
    std::unique_ptr<UsageRecordIndex> recordIndex;
    std::unique_ptr<UsageLabelLedger> ledger;
    /// recordIndex holds every record of the source (else only `targetedRecords`).
    bool allRecords = false;
    /// The ledger's labels are the current ones, so a targeted load may take labels from it: set by
    /// collectWork() when no record changed since the last run and no earlier run left "global" dirty.
    bool ledgerCurrent = false;
    /// Targeted loads: every record id already asked for (found or not).
    std::set<std::string> targetedRecords;
};

}  // namespace statshost::aggregators::usagestats
