#pragma once
/// The configured service-component chains, with the plugin name of each component for logs.
/// Calls run the chain in order; a component's exception is logged with its plugin and class and
/// rethrown as a statshost::Error naming them, so the service call fails as a whole.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "plugins/ExtensionRegistry.h"
#include "statshost/ServiceComponent.h"

namespace statshost::services {

class ComponentChains {
public:
    /// Chains from the registry (which must outlive this object).
    explicit ComponentChains(const plugins::ExtensionRegistry& registry);
    /// Chains given directly (tests): key → components, none owned.
    ComponentChains(std::map<std::string, std::vector<std::pair<std::string, ServiceComponent*>>> chains);
    ~ComponentChains();

    /// Runs `call` on every component of `chainKey` (e.g. "RDM_RECORDS_SERVICE_COMPONENTS").
    void run(const std::string& chainKey, const std::function<void(ServiceComponent&, Logger&)>& call) const;

private:
    struct Entry {
        std::string name;  ///< "plugin/Class"
        ServiceComponent* component;
        std::unique_ptr<Logger> logger;
    };
    std::map<std::string, std::vector<Entry>> _chains;
};

extern const char* const kRecordsChain;            ///< RDM_RECORDS_SERVICE_COMPONENTS
extern const char* const kRecordCommunitiesChain;  ///< RDM_RECORD_COMMUNITIES_SERVICE_COMPONENTS
extern const char* const kRequestEventsChain;      ///< REQUESTS_EVENTS_SERVICE_COMPONENTS

}  // namespace statshost::services
