#pragma once
/// An in-process Aggregator for the runner and scheduler tests: records what it was given and does
/// what the test scripts (write documents, report progress until cancelled, fail).
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "plugins/ExtensionRegistry.h"
#include "statshost/Aggregator.h"

namespace statshost::test {

struct SeenRun {
    AggregationRequest request;
    const DocumentStore* store = nullptr;
    const AggregationSource* source = nullptr;
    const AggregationSettings* settings = nullptr;
    const Clock* clock = nullptr;
    std::string failure;  ///< what the body threw, if anything
};

class ScriptedAggregator : public Aggregator {
public:
    using Body = std::function<AggregationResult(AggregationContext&, const AggregationRequest&)>;

    explicit ScriptedAggregator(Body body) : _body(std::move(body)) {}
    void configure(const AggregatorSetup&) override {}
    std::vector<IndexTemplate> indexTemplates() const override { return {}; }
    AggregationResult run(AggregationContext& context, const AggregationRequest& request) override {
        SeenRun seen{request, &context.store, &context.source, &context.settings, &context.clock, ""};
        try {
            AggregationResult result = _body(context, request);
            record(seen);
            return result;
        } catch (const std::exception& e) {
            seen.failure = e.what();
            record(seen);
            throw;
        }
    }
    std::vector<SeenRun> runs() const {
        std::lock_guard<std::mutex> guard(_mutex);
        return _runs;
    }

private:
    void record(const SeenRun& seen) {
        std::lock_guard<std::mutex> guard(_mutex);
        _runs.push_back(seen);
    }
    Body _body;
    mutable std::mutex _mutex;
    std::vector<SeenRun> _runs;
};

/// An AggregatorEntry named `name` (index alias `alias`) around a ScriptedAggregator; `out` points to it.
inline plugins::AggregatorEntry scriptedEntry(const std::string& name, const std::string& alias,
                                              ScriptedAggregator::Body body, ScriptedAggregator** out = nullptr) {
    plugins::AggregatorEntry entry;
    entry.config.name = name;
    entry.config.templates = alias;
    auto object = std::make_unique<ScriptedAggregator>(std::move(body));
    if (out) *out = object.get();
    entry.object = std::move(object);
    return entry;
}

}  // namespace statshost::test
