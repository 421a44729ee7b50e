// RecordUsageFamily: construction, the index templates and the per-run data.
#include "RecordUsageFamily.h"

#include "DayText.h"

namespace statshost::aggregators::recordusage {

RecordUsageFamily::RecordUsageFamily() = default;
RecordUsageFamily::~RecordUsageFamily() = default;

void RecordUsageFamily::setNames(std::string aggregationName, std::string alias, std::string recordAlias) {
    _name = std::move(aggregationName);
    _alias = std::move(alias);
    _recordAlias = std::move(recordAlias);
}

namespace {

const char* kNumbers = R"("views":"long","unique_views":"long","downloads":"long","unique_downloads":"long",)"
                       R"("data_volume":"double")";

}  // namespace

IndexTemplate RecordUsageFamily::indexTemplate(const std::string& aggregationName, const std::string& alias) const {
    IndexTemplate t;
    t.alias = alias;
    t.dateField = "period_start";
    t.mappingJson = std::string(R"({"family":"community-record-usage-delta","fields":{"community_id":"keyword",)") +
                    R"("period_start":"date","period_end":"date","timestamp":"date","totals":{)" + kNumbers +
                    R"(},"records":[{"id":"keyword","parent":"keyword",)" + kNumbers + R"(}],)" +
                    R"("parents":[{"id":"keyword",)" + kNumbers + R"(,"versions":"long"}]}})";
    t.fill = FillRule::None;
    t.extentBookmark = aggregationName;
    return t;
}

IndexTemplate RecordUsageFamily::recordTemplate() const {
    IndexTemplate t;
    t.alias = _recordAlias;
    t.dateField = "period_start";
    t.mappingJson = std::string(R"({"family":"record-usage-delta","fields":{"parent_id":"keyword",)") +
                    R"("period_start":"date","period_end":"date","timestamp":"date",)" +
                    R"("versions":[{"id":"keyword",)" + kNumbers + R"(}],"all_versions":{)" + kNumbers + "}}}";
    t.fill = FillRule::None;
    t.extentBookmark = _name;
    return t;
}

usagestats::UsageEventRun& RecordUsageFamily::eventRun(AggregationContext& ctx, const ChangeFeed* /*feed*/) {
    if (!_run) {
        _run = std::make_unique<usagestats::UsageEventRun>();
        _run->membership.load(ctx.source);
    }
    return *_run;
}

void RecordUsageFamily::endRun() { _run.reset(); }

}  // namespace statshost::aggregators::recordusage
