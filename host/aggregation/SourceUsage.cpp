// HostAggregationSource: the community-events log, the stored usage events and country labels.
#include <optional>
#include <vector>

#include <Poco/Logger.h>

#include "aggregation/HostAggregationSource.h"
#include "repository/RepositorySql.h"
#include "usage/store/UsageStore.h"

namespace statshost::aggregation {

namespace {

/// Events per page of the usage scan: a backfill of a million events is a hundred statements (each page
/// statement costs a round trip and planning over the yearly partitions, tens of milliseconds on a busy
/// server), for a few MB of page memory, whatever the number of events.
constexpr std::size_t kUsageScanPage = 10000;

/// Copies an event into `f`, a fact reused for every event of a scan: assigning into its strings keeps
/// their buffers, so a scan allocates no strings per event once they have grown.
void fillFact(const usage::UsageEvent& e, UsageFact& f) {
    f.download = e.type == usage::EventType::Download;
    f.timestampMicros = e.timestampMicros;
    f.day = e.day;
    f.recordId = e.recordId;
    f.parentId = e.parentId;
    f.visitorId = e.visitorId;
    f.country = e.country;
    f.referrerHost = e.referrerHost;
    f.isMachine = e.isMachine;
    f.fileId = e.fileId;
    f.fileType = e.fileType;
    f.size = e.size;
}

/// The day of the first (or last) stored event: one step at an end of the key index, whose first column
/// (click_bucket) orders events by time.
std::optional<std::int64_t> edgeDay(storage::Database& db, bool last) {
    std::optional<std::int64_t> day;
    db.query(std::string("SELECT day FROM usage_events ORDER BY click_bucket") + (last ? " DESC" : "") + " LIMIT 1", {},
             [&](const storage::Row& row) { day = row.getInt(0); });
    return day;
}

}  // namespace

void HostAggregationSource::forEachCommunityEvent(const std::string& communityId,
                                                  const std::function<void(const CommunityEvent&)>& visit) {
    namespace sql = repository::sql;
    std::vector<CommunityEvent> page;
    std::optional<CommunityEvent> last;
    do {
        page.clear();
        sql::Params params;
        const std::string text = sql::eventPageSql(_db.dialect(), params, communityId, last ? &*last : nullptr);
        _db.query(text, params.values(), [&](const storage::Row& row) { page.push_back(sql::readEvent(row)); });
        for (const CommunityEvent& event : page) visit(event);
        if (!page.empty()) last = page.back();
    } while (page.size() == sql::kPageSize);
}

void HostAggregationSource::scanUsage(std::int64_t fromDay, std::int64_t toDay,
                                      const std::function<void(const UsageFact&)>& visit) {
    UsageFact fact;
    usage::UsageStore::scanDays(
        _db, fromDay, toDay,
        [&](const usage::UsageEvent& e) {
            fillFact(e, fact);
            visit(fact);
        },
        kUsageScanPage);
}

std::pair<std::int64_t, std::int64_t> HostAggregationSource::usageDayRange() {
    const std::optional<std::int64_t> first = edgeDay(_db, false);
    if (!first) return {0, -1};
    const std::optional<std::int64_t> last = edgeDay(_db, true);
    return {*first, last ? *last : *first};
}

std::string HostAggregationSource::countryLabel(const std::string& code) {
    if (!_countriesTried) {
        _countriesTried = true;
        try {
            if (_isoCodesPath.empty()) throw std::runtime_error("no iso-codes file configured (paths.iso_codes)");
            _countries = usage::CountryNames::fromFile(_isoCodesPath);
        } catch (const std::exception& e) {
            Poco::Logger::get("statshost.aggregation")
                .warning(std::string("country labels unavailable, codes are shown instead: ") + e.what());
        }
    }
    return _countries ? _countries->label(code) : code;
}

}  // namespace statshost::aggregation
