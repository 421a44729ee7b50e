#pragma once
/// Extension point: a service component hooks the host's repository services (records,
/// record-communities, request events), like InvenioRDM's service components. Loaded from the
/// `ServiceComponent` manifest of a plugin; chains are ordered as configured in YAML
/// (RDM_RECORDS_SERVICE_COMPONENTS, RDM_RECORD_COMMUNITIES_SERVICE_COMPONENTS,
/// REQUESTS_EVENTS_SERVICE_COMPONENTS).
///
/// Call order: default constructor → configure() at start-up → hooks, each called inside the
/// service method's transaction after the service applied its own change. A hook that throws
/// makes the whole service call fail and roll back (nothing is written); the host logs it with
/// the plugin's name. Hooks may run concurrently on different threads; components keep no
/// mutable state.
#include <string>
#include <vector>

#include "statshost/Context.h"
#include "statshost/Params.h"
#include "statshost/Repository.h"

namespace statshost {

struct ComponentSetup {
    std::string name;   ///< component class name as configured
    Params params;
};

struct ServiceCallContext {
    RepositoryView& repository;
    CommunityEventsLog& events;
    const Clock& clock;   ///< the call's time (the replay importer sets it to the line's `at`)
    Logger& logger;
};

class ServiceComponent {
public:
    virtual ~ServiceComponent() = default;
    virtual void configure(const ComponentSetup& setup) = 0;

    /// Records service `publish` of `record` (a new parent or a new version). `before` is the
    /// parent's community set before this publish (empty for a new parent), `after` the set now.
    virtual void publish(ServiceCallContext&, const RecordRef& record, const std::vector<std::string>& before,
                         const std::vector<std::string>& after) {}
    /// Records service `delete_record` (tombstone; `record.deletedMicros` is set) and `restore_record`.
    virtual void deleteRecord(ServiceCallContext&, const RecordRef& record) {}
    virtual void restoreRecord(ServiceCallContext&, const RecordRef& record) {}

    /// Record-communities service: membership belongs to `record`'s parent. `communityIds` are the
    /// communities the call names (already applied to the parent).
    virtual void add(ServiceCallContext&, const RecordRef& record, const std::vector<std::string>& communityIds) {}
    virtual void bulkAdd(ServiceCallContext&, const std::string& communityId, const std::vector<RecordRef>& records) {}
    virtual void remove(ServiceCallContext&, const RecordRef& record, const std::vector<std::string>& communityIds) {}

    /// Request-events service `create`: `requestType` e.g. "community-inclusion", `action` e.g.
    /// "accept"; `topic` is the request's record, `receiverCommunityId` the receiving community.
    virtual void createRequestEvent(ServiceCallContext&, const std::string& requestType, const std::string& action,
                                    const std::string& receiverCommunityId, const RecordRef& topic) {}
};

}  // namespace statshost
