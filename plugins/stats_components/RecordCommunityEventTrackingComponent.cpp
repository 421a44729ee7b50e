#include "Components.h"
#include "EventWriter.h"

namespace stats_components {

void RecordCommunityEventTrackingComponent::configure(const statshost::ComponentSetup& setup) {
    setup.params.requireOnlyKeys({});
}

void RecordCommunityEventTrackingComponent::add(statshost::ServiceCallContext& ctx, const statshost::RecordRef& record,
                                                const std::vector<std::string>& communityIds) {
    EventWriter(ctx).addedForParent(record, communityIds);
}

void RecordCommunityEventTrackingComponent::bulkAdd(statshost::ServiceCallContext& ctx, const std::string& communityId,
                                                    const std::vector<statshost::RecordRef>& records) {
    EventWriter writer(ctx);
    for (const auto& r : records) writer.addedForParent(r, {communityId});
}

void RecordCommunityEventTrackingComponent::remove(statshost::ServiceCallContext& ctx, const statshost::RecordRef& record,
                                                   const std::vector<std::string>& communityIds) {
    EventWriter(ctx).removedForParent(record, communityIds);
}

}  // namespace stats_components
