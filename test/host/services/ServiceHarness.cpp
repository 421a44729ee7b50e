#include "ServiceHarness.h"

#include <Poco/JSON/Parser.h>

#include "records/Dates.h"
#include "services/ServiceError.h"

namespace statshost::test {

namespace {
std::string when(std::int64_t micros) {
    std::string s = records::formatSeconds(micros);  // YYYY-MM-DDTHH:MM:SS
    s[10] = ' ';
    return s;
}
}  // namespace

ServiceHarness::ServiceHarness(TestBackend& backend, bool withComponents) {
    _storage = backend.open();
    _storage->initialize();
    std::map<std::string, std::vector<std::pair<std::string, ServiceComponent*>>> chains;
    if (withComponents) {
        _loader.load({"stats_components", std::string(STATSHOST_PLUGIN_DIR) + "/libstats_components.so"});
        auto make = [&](const std::string& cls) {
            config::ExtensionRef ref;
            ref.plugin = "stats_components";
            ref.className = cls;
            ref.keyPath = "test";
            _components.push_back(_loader.createComponent(ref));
            _components.back()->configure({cls, Params()});
            return _components.back().get();
        };
        chains["RDM_RECORDS_SERVICE_COMPONENTS"] = {{"RecordCommunityEventComponent", make("RecordCommunityEventComponent")}};
        chains["RDM_RECORD_COMMUNITIES_SERVICE_COMPONENTS"] = {
            {"RecordCommunityEventTrackingComponent", make("RecordCommunityEventTrackingComponent")}};
        chains["REQUESTS_EVENTS_SERVICE_COMPONENTS"] = {
            {"CommunityAcceptedEventComponent", make("CommunityAcceptedEventComponent")}};
    }
    _chains = std::make_unique<services::ComponentChains>(chains);
    _services = std::make_unique<services::RepositoryServices>(*_storage, *_chains, records::defaultSubcountConfig(), true);
    at("2024-01-01T00:00:00Z");
}

ServiceHarness::~ServiceHarness() {
    _services.reset();
    _chains.reset();
    _components.clear();
}

void ServiceHarness::at(const std::string& isoTime) { _clock.set(*records::parseTimestampMicros(isoTime)); }

services::Outcome ServiceHarness::call(const std::function<services::Outcome(services::ServiceTx&)>& fn) {
    services::Outcome out;
    _services->transaction(_clock, [&](services::ServiceTx& tx) { out = fn(tx); });
    return out;
}

services::Outcome ServiceHarness::publish(const std::string& recordJson) {
    auto obj = Poco::JSON::Parser().parse(recordJson).extract<Poco::JSON::Object::Ptr>();
    return call([&](services::ServiceTx& tx) { return tx.publish(obj); });
}

services::Outcome ServiceHarness::community(const std::string& id, const std::string& slug) {
    auto obj = Poco::JSON::Parser()
                   .parse("{\"id\":\"" + id + "\",\"slug\":\"" + slug + "\",\"metadata\":{\"title\":\"" + slug + "\"}}")
                   .extract<Poco::JSON::Object::Ptr>();
    return call([&](services::ServiceTx& tx) { return tx.putCommunity(obj); });
}

std::vector<std::string> ServiceHarness::log() {
    std::vector<std::string> out;
    _services->transaction(_clock, [&](services::ServiceTx& tx) {
        tx.repository().forEachEvent("", [&](const CommunityEvent& e) {
            std::string line = e.recordId + " " + e.communityId + " " + e.eventType + " " + when(e.eventDateMicros);
            if (e.isDeleted) line += " deleted " + when(e.deletedDateMicros);
            out.push_back(line);
        });
    });
    return out;
}

std::string recordJson(const std::string& id, const std::string& parent, const std::string& created,
                       const std::string& communities, const std::string& title) {
    std::string comms;
    if (communities != "-") {
        std::string ids;
        std::size_t start = 0;
        while (start < communities.size()) {
            auto comma = communities.find(',', start);
            if (comma == std::string::npos) comma = communities.size();
            ids += (ids.empty() ? "\"" : ",\"") + communities.substr(start, comma - start) + "\"";
            start = comma + 1;
        }
        comms = ",\"communities\":{\"ids\":[" + ids + "]}";
    }
    return "{\"id\":\"" + id + "\",\"created\":\"" + created + "\",\"parent\":{\"id\":\"" + parent +
           "\",\"access\":{\"owned_by\":{\"user\":\"7\"}}" + comms +
           "},\"metadata\":{\"title\":\"" + title +
           "\",\"publication_date\":\"2020-05\",\"resource_type\":{\"id\":\"dataset\",\"title\":{\"en\":\"Dataset\"}}},"
           "\"access\":{\"status\":\"open\"},\"files\":{\"enabled\":true,\"entries\":{\"a.csv\":{\"key\":\"a.csv\","
           "\"size\":100}}}}";
}

std::pair<int, std::string> serviceError(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const services::ServiceError& e) {
        return {e.status(), e.what()};
    }
    return {0, ""};
}

}  // namespace statshost::test
