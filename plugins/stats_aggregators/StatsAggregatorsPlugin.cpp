// The stats_aggregators plugin: exports the eleven aggregators of STATS_AGGREGATIONS under their bare class
// names (as configured in stats.yaml). Everything else lives in stats_aggregators_core.
#include <Poco/ClassLibrary.h>

#include "CommunityEventsIndexAggregator.h"
#include "LeaderboardAggregators.h"
#include "RecordsAggregators.h"
#include "UsageAggregators.h"
#include "statshost/Abi.h"

STATSHOST_DECLARE_PLUGIN()

using statshost::aggregators::CommunityEventsIndexAggregator;
using statshost::aggregators::CommunityRecordUsageDeltaAggregator;
using statshost::aggregators::CommunityRecordsDeltaAddedAggregator;
using statshost::aggregators::CommunityRecordsDeltaCreatedAggregator;
using statshost::aggregators::CommunityRecordsDeltaPublishedAggregator;
using statshost::aggregators::CommunityRecordsSnapshotAddedAggregator;
using statshost::aggregators::CommunityRecordsSnapshotCreatedAggregator;
using statshost::aggregators::CommunityRecordsSnapshotPublishedAggregator;
using statshost::aggregators::CommunityUploadersDeltaAggregator;
using statshost::aggregators::CommunityUsageDeltaAggregator;
using statshost::aggregators::CommunityUsageSnapshotAggregator;

POCO_BEGIN_NAMED_MANIFEST(Aggregator, statshost::Aggregator)
    POCO_EXPORT_CLASS(CommunityRecordsDeltaCreatedAggregator)
    POCO_EXPORT_CLASS(CommunityRecordsDeltaPublishedAggregator)
    POCO_EXPORT_CLASS(CommunityRecordsDeltaAddedAggregator)
    POCO_EXPORT_CLASS(CommunityRecordsSnapshotCreatedAggregator)
    POCO_EXPORT_CLASS(CommunityRecordsSnapshotPublishedAggregator)
    POCO_EXPORT_CLASS(CommunityRecordsSnapshotAddedAggregator)
    POCO_EXPORT_CLASS(CommunityUsageDeltaAggregator)
    POCO_EXPORT_CLASS(CommunityUsageSnapshotAggregator)
    POCO_EXPORT_CLASS(CommunityRecordUsageDeltaAggregator)
    POCO_EXPORT_CLASS(CommunityUploadersDeltaAggregator)
    POCO_EXPORT_CLASS(CommunityEventsIndexAggregator)
POCO_END_MANIFEST
