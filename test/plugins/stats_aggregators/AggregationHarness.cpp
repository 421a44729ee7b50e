#include "AggregationHarness.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>
#include <stdexcept>

#include "RecordsAggregators.h"
#include "aggregation/AggregationSettings.h"
#include "config/Config.h"
#include "records/SubcountConfig.h"

namespace statshost::test {

using aggregators::DateBasis;
using aggregators::RecordsKind;

void CollectingLogger::log(LogLevel level, const std::string& message) {
    lines.push_back(message);
    if (level == LogLevel::Warning || level == LogLevel::Error) problems.push_back(message);
}

AggregationHarness::AggregationHarness(TestBackend& backend) : _repo(backend) {
    aggregation::ensureSourceTables(storage().database());
    _source = std::make_unique<aggregation::HostAggregationSource>(storage().database(), "");
    _settings = aggregation::makeAggregationSettings(config::StatsConfig{}, records::defaultSubcountConfig());
}

void AggregationHarness::publish(const TestRecord& record) { _repo.publish(record.json()); }

void AggregationHarness::add(const std::string& recordId, const std::string& communityId) {
    _repo.call([&](services::ServiceTx& tx) { return tx.add(recordId, {communityId}); });
}

void AggregationHarness::remove(const std::string& recordId, const std::string& communityId) {
    _repo.call([&](services::ServiceTx& tx) { return tx.remove(recordId, {communityId}); });
}

void AggregationHarness::deleteRecord(const std::string& recordId) {
    _repo.call([&](services::ServiceTx& tx) { return tx.deleteRecord(recordId); });
}

void AggregationHarness::restoreRecord(const std::string& recordId) {
    _repo.call([&](services::ServiceTx& tx) { return tx.restoreRecord(recordId); });
}

std::string standardName(RecordsKind kind, DateBasis basis) {
    return std::string("community-records-") + (kind == RecordsKind::Delta ? "delta-" : "snapshot-") +
           aggregators::basisName(basis) + "-agg";
}

std::string standardAlias(RecordsKind kind, DateBasis basis) {
    return std::string("stats-community-records-") + (kind == RecordsKind::Delta ? "delta-" : "snapshot-") +
           aggregators::basisName(basis);
}

TestAggregation AggregationHarness::make(RecordsKind kind, DateBasis basis, const std::string& suffix) {
    TestAggregation agg;
    agg.name = standardName(kind, basis) + suffix;
    // Index aliases are at most 48 characters: suffixed (test) families get a short alias.
    agg.alias = suffix.empty() ? standardAlias(kind, basis)
                               : std::string("t-") + (kind == RecordsKind::Delta ? "delta-" : "snap-") +
                                     aggregators::basisName(basis) + suffix;
    agg.aggregator = std::make_unique<aggregators::FamilyAggregator>(std::make_unique<aggregators::RecordsFamily>(kind, basis));
    agg.aggregator->configure(AggregatorSetup{agg.name, agg.alias, Params()});
    for (const IndexTemplate& t : agg.aggregator->indexTemplates()) storage().registerTemplate(t);
    return agg;
}

AggregationResult AggregationHarness::run(TestAggregation& agg, const std::string& asOfDay,
                                          const std::function<void(AggregationRequest&)>& adjust) {
    return runOn(storage(), agg, asOfDay, adjust);
}

AggregationResult AggregationHarness::runOn(DocumentStore& store, TestAggregation& agg, const std::string& asOfDay,
                                            const std::function<void(AggregationRequest&)>& adjust) {
    AggregationRequest request;
    request.asOfDay = asOfDay;
    if (adjust) adjust(request);
    AggregationContext ctx{store, *_source, _settings, _repo.clock(), _logger, _progress};
    return agg.aggregator->run(ctx, request);
}

std::vector<Poco::JSON::Object::Ptr> AggregationHarness::dense(const std::string& alias, const std::string& community,
                                                               const std::string& first, const std::string& last) {
    std::vector<Poco::JSON::Object::Ptr> docs;
    storage().readDense(alias, DocumentRange{community, first, last}, [&](const Document& d) {
        docs.push_back(Poco::JSON::Parser().parse(d.body).extract<Poco::JSON::Object::Ptr>());
        return true;
    });
    return docs;
}

Poco::JSON::Object::Ptr AggregationHarness::day(const std::string& alias, const std::string& community,
                                                const std::string& day) {
    auto docs = dense(alias, community, day, day);
    return docs.empty() ? nullptr : docs.front();
}

std::vector<Document> AggregationHarness::stored(const std::string& alias, const std::string& community) {
    std::vector<Document> docs;
    storage().scan(alias, DocumentRange{community, "", ""}, [&](const Document& d) {
        docs.push_back(d);
        return true;
    });
    return docs;
}

std::map<std::string, std::string> AggregationHarness::storedWithoutTimestamps(const std::string& alias) {
    std::map<std::string, std::string> out;
    storage().scan(alias, DocumentRange{}, [&](const Document& d) {
        auto obj = Poco::JSON::Parser().parse(d.body).extract<Poco::JSON::Object::Ptr>();
        obj->remove("timestamp");
        std::ostringstream text;
        Poco::JSON::Stringifier::condense(obj, text);  // keys sorted: backend key order does not matter
        out[d.communityId + " " + d.day + " " + d.id] = text.str();
        return true;
    });
    return out;
}

namespace {

Poco::Dynamic::Var walk(const Poco::JSON::Object::Ptr& doc, const std::string& path) {
    Poco::JSON::Object::Ptr obj = doc;
    std::stringstream parts(path);
    std::string part;
    std::vector<std::string> keys;
    while (std::getline(parts, part, '.')) keys.push_back(part);
    for (std::size_t i = 0; i + 1 < keys.size(); ++i) {
        if (!obj || !obj->has(keys[i])) throw std::runtime_error("no field " + path);
        obj = obj->getObject(keys[i]);
    }
    if (!obj || !obj->has(keys.back())) throw std::runtime_error("no field " + path);
    return obj->get(keys.back());
}

}  // namespace

std::int64_t intAt(const Poco::JSON::Object::Ptr& doc, const std::string& path) {
    if (!doc) throw std::runtime_error("no document for " + path);
    const Poco::Dynamic::Var v = walk(doc, path);
    return static_cast<std::int64_t>(v.convert<double>());
}

std::string textAt(const Poco::JSON::Object::Ptr& doc, const std::string& path) {
    if (!doc) throw std::runtime_error("no document for " + path);
    return walk(doc, path).convert<std::string>();
}

Poco::JSON::Array::Ptr subcount(const Poco::JSON::Object::Ptr& doc, const std::string& key) {
    if (!doc) throw std::runtime_error("no document for subcount " + key);
    auto subcounts = doc->getObject("subcounts");
    if (!subcounts || !subcounts->has(key)) throw std::runtime_error("no subcount " + key);
    return subcounts->getArray(key);
}

std::string itemIds(const Poco::JSON::Object::Ptr& doc, const std::string& key) {
    auto items = subcount(doc, key);
    std::string out;
    for (std::size_t i = 0; i < items->size(); ++i) out += (i ? "," : "") + items->getObject(i)->getValue<std::string>("id");
    return out;
}

Poco::JSON::Object::Ptr item(const Poco::JSON::Object::Ptr& doc, const std::string& key, const std::string& id) {
    auto items = subcount(doc, key);
    for (std::size_t i = 0; i < items->size(); ++i)
        if (items->getObject(i)->getValue<std::string>("id") == id) return items->getObject(i);
    return nullptr;
}

void onBothBackends(const std::function<void(TestBackend&)>& body) {
    {
        SqliteBackend sqlite;
        body(sqlite);
    }
    PostgresBackend postgres;
    if (postgres.available()) body(postgres);
}

}  // namespace statshost::test
