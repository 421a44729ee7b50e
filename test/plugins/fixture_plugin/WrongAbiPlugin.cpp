// A plugin built against another ABI version: the loader must refuse it before creating anything.
#include <Poco/ClassLibrary.h>

#include "statshost/Abi.h"
#include "statshost/Aggregator.h"

namespace {
class NeverCreated : public statshost::Aggregator {
public:
    NeverCreated() { throw std::logic_error("a wrong-ABI plugin's class was instantiated"); }
    void configure(const statshost::AggregatorSetup&) override {}
    std::vector<statshost::IndexTemplate> indexTemplates() const override { return {}; }
    statshost::AggregationResult run(statshost::AggregationContext&, const statshost::AggregationRequest&) override {
        return {};
    }
};
}  // namespace

STATSHOST_PLUGIN_API int statshost_abi_version() { return statshost::kAbiVersion + 1000; }

POCO_BEGIN_NAMED_MANIFEST(Aggregator, statshost::Aggregator)
    POCO_EXPORT_CLASS(NeverCreated)
POCO_END_MANIFEST
