#pragma once
/// Runs repository services against a test backend with the real stats_components plugin, and
/// renders the community-events log as compact lines for exact comparisons:
///   "<record> <community> <added|removed> <YYYY-MM-DD HH:MM:SS>[ deleted <YYYY-MM-DD HH:MM:SS>]"
#include <memory>
#include <string>
#include <vector>

#include "plugins/HostServices.h"
#include "plugins/PluginLoader.h"
#include "services/RepositoryServices.h"
#include "support/TestBackends.h"

namespace statshost::test {

class ServiceHarness {
public:
    /// `withComponents` false: empty chains (records get stored, no events are written).
    ServiceHarness(TestBackend& backend, bool withComponents = true);
    ~ServiceHarness();

    void at(const std::string& isoTime);
    services::Outcome call(const std::function<services::Outcome(services::ServiceTx&)>& fn);
    services::Outcome publish(const std::string& recordJson);
    services::Outcome community(const std::string& id, const std::string& slug);
    /// The whole log, in (event date, seq) order.
    std::vector<std::string> log();
    std::size_t eventCount() { return log().size(); }

    services::RepositoryServices& services() { return *_services; }
    plugins::ManualClock& clock() { return _clock; }
    storage::Storage& storage() { return *_storage; }

private:
    std::unique_ptr<storage::Storage> _storage;
    plugins::PluginLoader _loader;
    std::vector<std::unique_ptr<ServiceComponent>> _components;
    std::unique_ptr<services::ComponentChains> _chains;
    std::unique_ptr<services::RepositoryServices> _services;
    plugins::ManualClock _clock;
};

/// A minimal valid record JSON. `communities` "-" = no parent.communities at all (unchanged);
/// otherwise a comma-separated list ("" = explicit empty list). `extra` is spliced into metadata.
std::string recordJson(const std::string& id, const std::string& parent, const std::string& created,
                       const std::string& communities = "-", const std::string& title = "A title");

/// The HTTP-style status of the ServiceError `fn` throws (0 when none) and its message.
std::pair<int, std::string> serviceError(const std::function<void()>& fn);

}  // namespace statshost::test
