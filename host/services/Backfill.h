#pragma once
/// Backfill of the community-events log for records that predate it (SEMANTICS.md §2 rule 5):
/// for each record and each community of its parent plus "global", an `added` event dated the
/// record's `created`, unless an `added` event for that pair already exists. Events of deleted
/// records carry the deletion flags. Idempotent: a second run writes nothing.
///
/// Streams the records in (created, id) order with bounded memory; runs in one transaction, so
/// an interrupted run leaves nothing half-written and can simply be run again.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "services/RepositoryServices.h"

namespace statshost::services {

struct BackfillOptions {
    std::vector<std::string> communityIds;  ///< only these communities (plus "global"); empty = all
    std::vector<std::string> recordIds;     ///< only these records; empty = all
    std::int64_t createdFromMicros = 0;     ///< records created at or after (0 = unbounded)
    std::int64_t createdBeforeMicros = 0;   ///< records created before (0 = unbounded)
    bool dryRun = false;                    ///< count only (`community-events status`)
};

struct BackfillReport {
    std::uint64_t recordsProcessed = 0;
    std::uint64_t eventsCreated = 0;        ///< written (or, in a dry run, needed)
    std::uint64_t eventsFound = 0;          ///< pairs that already had an `added` event
    std::uint64_t recordsNeedingEvents = 0;
    std::map<std::string, std::uint64_t> perCommunity;  ///< events created/needed per community
};

BackfillReport generateCommunityEvents(RepositoryServices& services, const Clock& clock, const BackfillOptions& options,
                                       const std::function<void(std::uint64_t recordsDone)>& onProgress = {});

}  // namespace statshost::services
