#include "CommunityEventsIndexAggregator.h"

namespace statshost::aggregators {

void CommunityEventsIndexAggregator::configure(const AggregatorSetup& setup) {
    if (!setup.params.isEmpty() && !setup.params.isMap())
        throw ConfigError(setup.params.path(), "expected a mapping of parameters");
    setup.params.requireOnlyKeys({});
    _alias = setup.templates.empty() ? "stats-community-events" : setup.templates;
}

std::vector<IndexTemplate> CommunityEventsIndexAggregator::indexTemplates() const {
    IndexTemplate t;
    t.alias = _alias.empty() ? "stats-community-events" : _alias;
    t.dateField = "event_date";
    t.fill = FillRule::None;
    t.mappingJson =
        "{\"family\":\"community-events\",\"note\":\"the log is kept in the repository table, not in this index\","
        "\"fields\":{\"record_id\":\"keyword\",\"community_id\":\"keyword\",\"event_type\":\"keyword\","
        "\"event_date\":\"date\",\"record_created_date\":\"date\",\"record_published_date\":\"date\","
        "\"is_deleted\":\"boolean\",\"deleted_date\":\"date\",\"timestamp\":\"date\",\"updated_timestamp\":\"date\"}}";
    return {t};
}

AggregationResult CommunityEventsIndexAggregator::run(AggregationContext& context, const AggregationRequest&) {
    context.logger.debug("nothing to aggregate: the community-events log is written by the service components");
    return {};
}

}  // namespace statshost::aggregators
