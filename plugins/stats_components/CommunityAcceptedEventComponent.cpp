#include <algorithm>

#include "Components.h"
#include "EventWriter.h"

namespace stats_components {

void CommunityAcceptedEventComponent::configure(const statshost::ComponentSetup& setup) {
    setup.params.requireOnlyKeys({"request_types", "accept_action"});
    _requestTypes = setup.params.child("request_types").isEmpty()
                        ? std::vector<std::string>{"community-inclusion", "community-submission", "community-transfer"}
                        : setup.params.child("request_types").asStringList();
    _acceptAction = setup.params.getString("accept_action", "accept");
}

void CommunityAcceptedEventComponent::createRequestEvent(statshost::ServiceCallContext& ctx,
                                                         const std::string& requestType, const std::string& action,
                                                         const std::string& receiverCommunityId,
                                                         const statshost::RecordRef& topic) {
    if (action != _acceptAction) return;
    if (std::find(_requestTypes.begin(), _requestTypes.end(), requestType) == _requestTypes.end()) return;
    EventWriter(ctx).addedForParent(topic, {receiverCommunityId});
}

}  // namespace stats_components
