#pragma once
/// What the usage delta loads once per run and drops at its end (RunScopedFamily::endRun): the shared
/// UsageEventRun (numbered records, parents and communities, the membership intervals of the log) and —
/// for compute and the labels rule only — the subcount catalog, the record index (forEachRecord) and
/// the label ledger.
#include <memory>

#include "UsageCatalog.h"
#include "UsageEventFamily.h"
#include "UsageLabelLedger.h"
#include "UsageRecordIndex.h"

namespace statshost::aggregators::usagestats {

struct UsageRunData : UsageEventRun {
    std::unique_ptr<UsageCatalog> catalog;
    std::unique_ptr<UsageRecordIndex> recordIndex;
    std::unique_ptr<UsageLabelLedger> ledger;
};

}  // namespace statshost::aggregators::usagestats
