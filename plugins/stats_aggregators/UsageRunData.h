#pragma once
/// What the usage delta loads once per run and drops at its end (RunScopedFamily::endRun): numbered
/// records, parents and communities, the membership intervals of the log, and — for compute only — the
/// subcount catalog, the record index (forEachRecord) and the label ledger.
#include <memory>
#include <string>

#include "UsageCatalog.h"
#include "UsageInterner.h"
#include "UsageLabelLedger.h"
#include "UsageMembership.h"
#include "UsageRecordIndex.h"

namespace statshost::aggregators::usagestats {

struct UsageRunData {
    UsageInterner records;
    UsageInterner parents;
    UsageInterner communities;
    UsageMembership membership{records, communities};
    std::unique_ptr<UsageCatalog> catalog;
    std::unique_ptr<UsageRecordIndex> recordIndex;
    std::unique_ptr<UsageLabelLedger> ledger;
};

}  // namespace statshost::aggregators::usagestats
