#pragma once
/// What the per-record usage family loads once per run and drops at its end: numbered records and
/// communities and the membership intervals of the community-events log (the usage delta's
/// UsageMembership, so attribution is the same), plus the parent numbering of the run.
#include "UsageInterner.h"
#include "UsageMembership.h"

namespace statshost::aggregators::recordusage {

struct RecordUsageRunData {
    usagestats::UsageInterner records;
    usagestats::UsageInterner parents;
    usagestats::UsageInterner communities;
    usagestats::UsageMembership membership{records, communities};
};

}  // namespace statshost::aggregators::recordusage
