#include "services/Backfill.h"

#include <algorithm>
#include <set>

namespace statshost::services {

BackfillReport generateCommunityEvents(RepositoryServices& services, const Clock& clock, const BackfillOptions& options,
                                       const std::function<void(std::uint64_t)>& onProgress) {
    BackfillReport report;
    std::set<std::string> only(options.communityIds.begin(), options.communityIds.end());
    services.transaction(clock, [&](ServiceTx& tx) {
        auto& repo = tx.repository();
        repo.forEachRecord(options.createdFromMicros, options.createdBeforeMicros, options.recordIds,
                           [&](const repository::RecordRow& row) {
            const RecordRef& r = row.ref;
            std::vector<std::string> targets{"global"};
            for (const auto& c : repo.communitiesOf(r.parentId))
                if (only.empty() || only.count(c)) targets.push_back(c);
            std::set<std::string> haveAdded;
            for (const auto& e : repo.eventsOf(r.recordId))
                if (e.eventType == "added") haveAdded.insert(e.communityId);
            bool needed = false;
            for (const auto& c : targets) {
                if (haveAdded.count(c)) {
                    ++report.eventsFound;
                    continue;
                }
                needed = true;
                ++report.eventsCreated;
                ++report.perCommunity[c];
                if (options.dryRun) continue;
                CommunityEvent e;
                e.recordId = r.recordId;
                e.communityId = c;
                e.eventType = "added";
                e.eventDateMicros = r.createdMicros;
                e.recordCreatedDate = r.created;
                e.recordPublishedDate = r.normalisedPublishedDate;
                e.isDeleted = r.isDeleted;
                e.deletedDateMicros = r.isDeleted ? r.deletedMicros : 0;
                repo.append(e);
            }
            if (needed) ++report.recordsNeedingEvents;
            ++report.recordsProcessed;
            if (onProgress && report.recordsProcessed % 1000 == 0) onProgress(report.recordsProcessed);
        });
    });
    return report;
}

}  // namespace statshost::services
