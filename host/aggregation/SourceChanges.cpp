// HostAggregationSource: construction, the change counter, the change feed and the communities.
#include "aggregation/HostAggregationSource.h"
#include "repository/RepositoryTx.h"
#include "usage/store/UsageStore.h"

namespace statshost::aggregation {

namespace {

using storage::Row;

/// Records touched in (from, to]: their own row, any of their log events, or their parent's community set
/// (a parent row moves with every change of its set, so removals show too). Distinct, in record-id order.
const char* const kChangedRecordsSql =
    "SELECT record_id FROM repo_records WHERE change_seq > $1 AND change_seq <= $2 "
    "UNION SELECT record_id FROM stats_community_events WHERE change_seq > $1 AND change_seq <= $2 "
    "UNION SELECT r.record_id FROM repo_parents p JOIN repo_records r ON r.parent_id = p.parent_id "
    "WHERE p.change_seq > $1 AND p.change_seq <= $2 "
    "UNION SELECT r.record_id FROM repo_parent_communities pc JOIN repo_records r ON r.parent_id = pc.parent_id "
    "WHERE pc.change_seq > $1 AND pc.change_seq <= $2 "
    "ORDER BY 1";

/// Days whose stored usage events changed in (from, to] (usage_changes also has days that lost a row).
const char* const kChangedDaysSql =
    "SELECT DISTINCT day FROM usage_changes WHERE change_seq > $1 AND change_seq <= $2 ORDER BY day";

const char* const kCommunityChangedSql =
    "SELECT 1 FROM repo_communities WHERE change_seq > $1 AND change_seq <= $2 LIMIT 1";

}  // namespace

void ensureSourceTables(storage::Database& db) {
    repository::createSchema(db);
    usage::UsageStore::createSchema(db);
}

HostAggregationSource::HostAggregationSource(storage::Database& db, std::string isoCodesPath, std::size_t recordPage)
    : _db(db), _isoCodesPath(std::move(isoCodesPath)), _recordPage(recordPage == 0 ? kRecordPage : recordPage) {}

HostAggregationSource::~HostAggregationSource() = default;

std::int64_t HostAggregationSource::currentChangeSeq() {
    std::int64_t value = 0;
    _db.query("SELECT value FROM repo_change_counter WHERE id = 1", {}, [&](const Row& row) { value = row.getInt(0); });
    return value;
}

ChangeFeed HostAggregationSource::changesSince(std::int64_t seq) {
    ChangeFeed feed;
    feed.fromSeq = seq;
    feed.toSeq = seq;
    // The counter first: every number up to it is committed now, so the reads below see all of its rows.
    const std::int64_t to = currentChangeSeq();
    if (to <= seq) return feed;
    feed.toSeq = to;
    const storage::SqlParams range{seq, to};
    _db.query(kChangedRecordsSql, range, [&](const Row& row) { feed.recordIds.push_back(row.getString(0)); });
    _db.query(kChangedDaysSql, range, [&](const Row& row) { feed.usageDays.push_back(row.getInt(0)); });
    _db.query(kCommunityChangedSql, range, [&](const Row&) { feed.communitiesChanged = true; });
    return feed;
}

std::vector<CommunityInfo> HostAggregationSource::communities() {
    std::vector<CommunityInfo> out;
    _db.query("SELECT id, slug FROM repo_communities ORDER BY id", {},
              [&](const Row& row) { out.push_back({row.getString(0), row.getString(1)}); });
    return out;
}

}  // namespace statshost::aggregation
