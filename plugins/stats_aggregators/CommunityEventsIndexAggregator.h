#pragma once
/// CommunityEventsIndexAggregator: registers the `stats-community-events` index template (FillRule::None)
/// and aggregates nothing, like the original's class of the same name. The community-events log itself
/// lives in the repository's own table (written by the stats_components plugin through the services and
/// read by aggregators through AggregationSource::forEachCommunityEvent), not in this index; the
/// template only keeps the original's index inventory complete. run() writes nothing and moves no
/// bookmark. Accepts no params.
#include "statshost/Aggregator.h"

namespace statshost::aggregators {

class CommunityEventsIndexAggregator : public Aggregator {
public:
    void configure(const AggregatorSetup& setup) override;
    std::vector<IndexTemplate> indexTemplates() const override;
    AggregationResult run(AggregationContext& context, const AggregationRequest& request) override;

private:
    std::string _alias;
};

}  // namespace statshost::aggregators
