#pragma once
/// The six records aggregators of STATS_AGGREGATIONS: a FamilyAggregator over a RecordsFamily of one
/// kind (delta, snapshot) and date basis (created, published, added). They accept no params.
#include "AggregatorDriver.h"
#include "RecordsFamily.h"

namespace statshost::aggregators {

template <RecordsKind K, DateBasis B>
class RecordsAggregator : public FamilyAggregator {
public:
    RecordsAggregator() : FamilyAggregator(std::make_unique<RecordsFamily>(K, B)) {}
};

class CommunityRecordsDeltaCreatedAggregator : public RecordsAggregator<RecordsKind::Delta, DateBasis::Created> {};
class CommunityRecordsDeltaPublishedAggregator : public RecordsAggregator<RecordsKind::Delta, DateBasis::Published> {};
class CommunityRecordsDeltaAddedAggregator : public RecordsAggregator<RecordsKind::Delta, DateBasis::Added> {};
class CommunityRecordsSnapshotCreatedAggregator
    : public RecordsAggregator<RecordsKind::Snapshot, DateBasis::Created> {};
class CommunityRecordsSnapshotPublishedAggregator
    : public RecordsAggregator<RecordsKind::Snapshot, DateBasis::Published> {};
class CommunityRecordsSnapshotAddedAggregator : public RecordsAggregator<RecordsKind::Snapshot, DateBasis::Added> {};

}  // namespace statshost::aggregators
