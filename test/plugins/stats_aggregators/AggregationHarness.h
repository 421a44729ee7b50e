#pragma once
/// Drives the real repository services (ServiceHarness: real stats_components plugin) on one test
/// backend and runs the records aggregators of stats_aggregators_core on the real host
/// AggregationSource (aggregation::HostAggregationSource) over the same database.
///
/// Aggregators are made by (kind, basis) under a name and alias of the test's choosing, so one
/// database can hold an incrementally maintained family next to a from-scratch one over the same
/// inputs (what "equal to a fresh run in a second store" compares).
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "host/services/ServiceHarness.h"
#include "RecordsFamily.h"
#include "TestRecord.h"
#include "aggregation/HostAggregationSource.h"
#include "statshost/Aggregator.h"

namespace statshost::test {

/// Logger collecting lines (errors and warnings are also kept apart).
class CollectingLogger : public Logger {
public:
    void log(LogLevel level, const std::string& message) override;
    std::vector<std::string> lines;
    std::vector<std::string> problems;  ///< warnings and errors
};

class SilentProgress : public Progress {
public:
    void begin(const std::string&, std::uint64_t total, const std::string& unit) override {
        this->total = total;
        this->unit = unit;
    }
    void advance(std::uint64_t units) override { done += units; }
    void note(const std::string&) override {}
    void end() override {}
    std::uint64_t total = 0, done = 0;
    std::string unit;
};

/// One aggregation under test.
struct TestAggregation {
    std::string name;
    std::string alias;
    std::unique_ptr<Aggregator> aggregator;
};

class AggregationHarness {
public:
    explicit AggregationHarness(TestBackend& backend);

    ServiceHarness& repo() { return _repo; }
    storage::Storage& storage() { return _repo.storage(); }
    AggregationSettings& settings() { return _settings; }
    CollectingLogger& logger() { return _logger; }
    SilentProgress& progress() { return _progress; }
    AggregationSource& source() { return *_source; }

    // Repository actions at the time set by at().
    void at(const std::string& isoTime) { _repo.at(isoTime); }
    void community(const std::string& id) { _repo.community(id, "slug-" + id); }
    void publish(const TestRecord& record);
    void add(const std::string& recordId, const std::string& communityId);
    void remove(const std::string& recordId, const std::string& communityId);
    void deleteRecord(const std::string& recordId);
    void restoreRecord(const std::string& recordId);

    /// A configured aggregator of kind and basis: without `suffix` the standard name and alias; with one,
    /// name = standard name + suffix and alias "t-<delta|snap>-<basis><suffix>". Its template is registered.
    TestAggregation make(aggregators::RecordsKind kind, aggregators::DateBasis basis, const std::string& suffix = "");

    /// Runs `agg` as of `asOfDay` (the clock is left where at() put it). `adjust` may change the request.
    AggregationResult run(TestAggregation& agg, const std::string& asOfDay,
                          const std::function<void(AggregationRequest&)>& adjust = {});
    /// Runs with another store (e.g. a fault-injecting wrapper of storage()).
    AggregationResult runOn(DocumentStore& store, TestAggregation& agg, const std::string& asOfDay,
                            const std::function<void(AggregationRequest&)>& adjust = {});

    /// Dense documents of `community` in [first, last], parsed.
    std::vector<Poco::JSON::Object::Ptr> dense(const std::string& alias, const std::string& community,
                                               const std::string& first, const std::string& last);
    /// The dense document of one day (null when the day is outside the community's extent).
    Poco::JSON::Object::Ptr day(const std::string& alias, const std::string& community, const std::string& day);
    /// Stored (sparse) documents of `community` in (day, id) order.
    std::vector<Document> stored(const std::string& alias, const std::string& community);
    /// Stored documents of every community as "community day" → body without `timestamp`, for comparing
    /// two families.
    std::map<std::string, std::string> storedWithoutTimestamps(const std::string& alias);

    std::optional<std::string> bookmark(const std::string& name, const std::string& community) {
        return storage().bookmark(name, community);
    }

private:
    ServiceHarness _repo;
    std::unique_ptr<aggregation::HostAggregationSource> _source;
    AggregationSettings _settings;
    CollectingLogger _logger;
    SilentProgress _progress;
};

/// Standard names: "community-records-<delta|snapshot>-<basis>-agg" and "stats-community-records-<kind>-<basis>".
std::string standardName(aggregators::RecordsKind kind, aggregators::DateBasis basis);
std::string standardAlias(aggregators::RecordsKind kind, aggregators::DateBasis basis);

/// Integer / nested-object access on parsed documents: path "records.added.with_files".
std::int64_t intAt(const Poco::JSON::Object::Ptr& doc, const std::string& path);
std::string textAt(const Poco::JSON::Object::Ptr& doc, const std::string& path);
/// The items of subcounts.<key>.
Poco::JSON::Array::Ptr subcount(const Poco::JSON::Object::Ptr& doc, const std::string& key);
/// Item ids of subcounts.<key>, in order, joined by ",".
std::string itemIds(const Poco::JSON::Object::Ptr& doc, const std::string& key);
/// The item of subcounts.<key> with `id` (null when absent).
Poco::JSON::Object::Ptr item(const Poco::JSON::Object::Ptr& doc, const std::string& key, const std::string& id);

/// Runs `body` once per available backend (SQLite always, PostgreSQL when configured).
void onBothBackends(const std::function<void(TestBackend&)>& body);

}  // namespace statshost::test
