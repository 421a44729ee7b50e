#pragma once
/// Extension point: a service component hooks the host's repository services (records,
/// record-communities, request events), like InvenioRDM's service components. Loaded from the
/// `ServiceComponent` manifest of a plugin; chains are ordered as configured in YAML.
///
/// Call order: default constructor → configure() at start-up → hooks, called inside the service
/// method's transaction, after the service has applied its own change. A hook that throws is
/// logged with the plugin's name and the request fails as a whole (nothing is written).
/// Hooks may run concurrently on different threads; components keep no mutable state.
#include <cstdint>
#include <string>
#include <vector>

#include "statshost/Context.h"
#include "statshost/Params.h"
#include "statshost/Store.h"

namespace statshost {

struct ComponentSetup {
    std::string name;   ///< component class name as configured
    Params params;
};

/// The record a hook is about, as the service stored it.
struct RecordRef {
    std::string recordId;
    std::string parentId;
    std::string createdAt;        ///< ISO-8601 UTC
    std::string publicationDate;  ///< raw `metadata.publication_date`
    std::vector<std::string> communityIds;  ///< the parent's communities after the change
};

struct ServiceCallContext {
    DocumentStore& store;
    const Clock& clock;
    Logger& logger;
};

class ServiceComponent {
public:
    virtual ~ServiceComponent() = default;
    virtual void configure(const ComponentSetup& setup) = 0;

    /// Records service. `previousCommunityIds` is the parent's set before this publish
    /// (empty for a new parent).
    virtual void publish(ServiceCallContext&, const RecordRef& record,
                         const std::vector<std::string>& previousCommunityIds) {}
    virtual void deleteRecord(ServiceCallContext&, const RecordRef& record) {}
    virtual void restoreRecord(ServiceCallContext&, const RecordRef& record) {}

    /// Record-communities service.
    virtual void add(ServiceCallContext&, const RecordRef& record, const std::vector<std::string>& communityIds) {}
    virtual void bulkAdd(ServiceCallContext&, const std::string& communityId, const std::vector<RecordRef>& records) {}
    virtual void remove(ServiceCallContext&, const RecordRef& record, const std::vector<std::string>& communityIds) {}

    /// Request-events service `create`; `requestType` e.g. "community-inclusion", `action` e.g. "accept".
    virtual void createRequestEvent(ServiceCallContext&, const std::string& requestType, const std::string& action,
                                    const std::string& receiverCommunityId, const RecordRef& topic) {}
};

}  // namespace statshost
