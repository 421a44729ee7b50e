#include "services/ComponentChains.h"

#include <Poco/Logger.h>

#include "plugins/HostServices.h"

namespace statshost::services {

const char* const kRecordsChain = "RDM_RECORDS_SERVICE_COMPONENTS";
const char* const kRecordCommunitiesChain = "RDM_RECORD_COMMUNITIES_SERVICE_COMPONENTS";
const char* const kRequestEventsChain = "REQUESTS_EVENTS_SERVICE_COMPONENTS";

ComponentChains::ComponentChains(const plugins::ExtensionRegistry& registry) {
    for (const char* key : {kRecordsChain, kRecordCommunitiesChain, kRequestEventsChain}) {
        auto& chain = _chains[key];
        for (const auto& entry : registry.chain(key))
            chain.push_back({entry.ref.plugin + "/" + entry.ref.className, entry.object.get(),
                             std::make_unique<plugins::NamedLogger>(entry.ref.plugin)});
    }
}

ComponentChains::ComponentChains(std::map<std::string, std::vector<std::pair<std::string, ServiceComponent*>>> chains) {
    for (auto& [key, list] : chains)
        for (auto& [name, component] : list)
            _chains[key].push_back({name, component, std::make_unique<plugins::NamedLogger>(name)});
}

ComponentChains::~ComponentChains() = default;

void ComponentChains::run(const std::string& chainKey,
                          const std::function<void(ServiceComponent&, Logger&)>& call) const {
    auto it = _chains.find(chainKey);
    if (it == _chains.end()) return;
    for (const auto& entry : it->second) {
        try {
            call(*entry.component, *entry.logger);
        } catch (const std::exception& e) {
            entry.logger->error(chainKey + " component " + entry.name + " failed: " + e.what());
            throw Error("service component " + entry.name + " failed: " + e.what());
        } catch (...) {
            entry.logger->error(chainKey + " component " + entry.name + " failed with an unknown exception");
            throw Error("service component " + entry.name + " failed");
        }
    }
}

}  // namespace statshost::services
