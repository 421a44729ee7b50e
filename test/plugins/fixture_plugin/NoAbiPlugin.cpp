// A Poco library with a manifest but no statshost_abi_version: not a statshost plugin.
#include <Poco/ClassLibrary.h>

#include "statshost/Aggregator.h"

namespace {
class Unversioned : public statshost::Aggregator {
public:
    void configure(const statshost::AggregatorSetup&) override {}
    std::vector<statshost::IndexTemplate> indexTemplates() const override { return {}; }
    statshost::AggregationResult run(statshost::AggregationContext&, const statshost::AggregationRequest&) override {
        return {};
    }
};
}  // namespace

POCO_BEGIN_NAMED_MANIFEST(Aggregator, statshost::Aggregator)
    POCO_EXPORT_CLASS(Unversioned)
POCO_END_MANIFEST
