#pragma once
/// The three service components of the original's stats_components (BACKEND.md §2.3), writing
/// the community-events log per SEMANTICS.md §2. Stateless; safe on any number of threads.
#include "statshost/ServiceComponent.h"

namespace stats_components {

/// Records service: publish (new parent or new version, incl. a changed community set),
/// delete_record and restore_record (flags on every event of the record).
class RecordCommunityEventComponent : public statshost::ServiceComponent {
public:
    void configure(const statshost::ComponentSetup& setup) override;
    void publish(statshost::ServiceCallContext& ctx, const statshost::RecordRef& record,
                 const std::vector<std::string>& before, const std::vector<std::string>& after) override;
    void deleteRecord(statshost::ServiceCallContext& ctx, const statshost::RecordRef& record) override;
    void restoreRecord(statshost::ServiceCallContext& ctx, const statshost::RecordRef& record) override;
};

/// Record-communities service: add, bulk_add, remove (for every version of the parent).
class RecordCommunityEventTrackingComponent : public statshost::ServiceComponent {
public:
    void configure(const statshost::ComponentSetup& setup) override;
    void add(statshost::ServiceCallContext& ctx, const statshost::RecordRef& record,
             const std::vector<std::string>& communityIds) override;
    void bulkAdd(statshost::ServiceCallContext& ctx, const std::string& communityId,
                 const std::vector<statshost::RecordRef>& records) override;
    void remove(statshost::ServiceCallContext& ctx, const statshost::RecordRef& record,
                const std::vector<std::string>& communityIds) override;
};

/// Request-events service: accepting a community inclusion, submission or transfer adds the
/// topic record's parent to the receiving community (and "global").
class CommunityAcceptedEventComponent : public statshost::ServiceComponent {
public:
    void configure(const statshost::ComponentSetup& setup) override;
    void createRequestEvent(statshost::ServiceCallContext& ctx, const std::string& requestType,
                            const std::string& action, const std::string& receiverCommunityId,
                            const statshost::RecordRef& topic) override;

private:
    std::vector<std::string> _requestTypes;
    std::string _acceptAction;
};

}  // namespace stats_components
