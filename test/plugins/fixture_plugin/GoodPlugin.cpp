// A well-formed plugin exporting one class per extension point, used by the loader and CLI tests.
#include <Poco/ClassLibrary.h>
#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timespan.h>

#include "statshost/Abi.h"
#include "statshost/Aggregator.h"
#include "statshost/Blueprint.h"
#include "statshost/ServiceComponent.h"

namespace {

std::string dayBefore(const std::string& day, int n) {
    int y, m, d;
    std::sscanf(day.c_str(), "%d-%d-%d", &y, &m, &d);
    Poco::DateTime t(y, m, d);
    t -= Poco::Timespan(n, 0, 0, 0, 0);
    return Poco::DateTimeFormatter::format(t, "%Y-%m-%d");
}

/// Writes `params.days` documents per community ending at the as-of day: {"n": <index>, "tag": params.tag}.
class FixtureAggregator : public statshost::Aggregator {
public:
    void configure(const statshost::AggregatorSetup& setup) override {
        setup.params.requireOnlyKeys({"days", "tag"});
        _days = setup.params.getInt("days", 1);
        if (_days < 1) throw statshost::ConfigError(setup.params.child("days").path(), "must be at least 1");
        _tag = setup.params.getString("tag", "fixture");
        _alias = setup.templates;
    }
    std::vector<statshost::IndexTemplate> indexTemplates() const override {
        return {{_alias, "period_start", R"({"n": "integer", "tag": "keyword"})",
                 statshost::FillRule::None, ""}};
    }
    statshost::AggregationResult run(statshost::AggregationContext& ctx,
                                     const statshost::AggregationRequest& req) override {
        statshost::AggregationResult result;
        std::vector<std::string> communities = req.communityIds;
        if (communities.empty()) communities.push_back("global");
        std::vector<statshost::Document> docs;
        for (const auto& c : communities) {
            for (int i = 0; i < _days; ++i) {
                std::string day = dayBefore(req.asOfDay, _days - 1 - i);
                docs.push_back({c + "-" + day, c, day,
                                "{\"n\":" + std::to_string(i) + ",\"tag\":\"" + _tag + "\"}"});
            }
            ++result.communities;
        }
        ctx.store.upsert(_alias, docs);
        result.documents = docs.size();
        ctx.logger.info("wrote " + std::to_string(docs.size()) + " documents");
        return result;
    }

private:
    std::int64_t _days = 1;
    std::string _tag;
    std::string _alias;
};

/// Always fails to configure: tests that plugin errors name the plugin.
class FailingAggregator : public statshost::Aggregator {
public:
    void configure(const statshost::AggregatorSetup&) override { throw std::runtime_error("fixture refuses to start"); }
    std::vector<statshost::IndexTemplate> indexTemplates() const override { return {}; }
    statshost::AggregationResult run(statshost::AggregationContext&, const statshost::AggregationRequest&) override {
        return {};
    }
};

/// Logs every publish it sees.
class FixtureComponent : public statshost::ServiceComponent {
public:
    void configure(const statshost::ComponentSetup& setup) override { setup.params.requireOnlyKeys({}); }
    void publish(statshost::ServiceCallContext& ctx, const statshost::RecordRef& record,
                 const std::vector<std::string>&, const std::vector<std::string>&) override {
        ctx.logger.info("publish " + record.recordId);
    }
};

/// GET /fixture/hello → {"hello": params.greeting}; query "fixture-echo" echoes its params.word.
class FixtureBlueprint : public statshost::Blueprint {
public:
    void configure(const statshost::BlueprintSetup& setup) override {
        _greeting = setup.params.getString("greeting", "world");
    }
    void registerWith(statshost::BlueprintRegistrar& r, statshost::BlueprintContext&) override {
        std::string greeting = _greeting;
        r.addRoute({"GET", "/fixture/hello", statshost::Permission::Public,
                    [greeting](const statshost::Request&) {
                        statshost::Response res;
                        res.body = "{\"hello\":\"" + greeting + "\"}";
                        return res;
                    },
                    "fixture.hello"});
        r.addQuery("fixture-echo", [](const statshost::Params& p, const statshost::Caller&) {
            return "{\"word\":\"" + p.getString("word", "") + "\"}";
        });
    }

private:
    std::string _greeting;
};

}  // namespace

STATSHOST_DECLARE_PLUGIN()

POCO_BEGIN_NAMED_MANIFEST(Aggregator, statshost::Aggregator)
    POCO_EXPORT_CLASS(FixtureAggregator)
    POCO_EXPORT_CLASS(FailingAggregator)
POCO_END_MANIFEST

POCO_BEGIN_NAMED_MANIFEST(ServiceComponent, statshost::ServiceComponent)
    POCO_EXPORT_CLASS(FixtureComponent)
POCO_END_MANIFEST

POCO_BEGIN_NAMED_MANIFEST(Blueprint, statshost::Blueprint)
    POCO_EXPORT_CLASS(FixtureBlueprint)
POCO_END_MANIFEST
