// RepositoryTx: the community-events log (`stats-community-events`, SEMANTICS.md §2).
#include "repository/RepositorySql.h"
#include "repository/RepositoryTx.h"
#include "statshost/Errors.h"

namespace statshost::repository {

namespace {

/// The rows of one record whose deletion state differs from ($2, $3); $1 is the record id.
const char* const kDiffering =
    "record_id = $1 AND (is_deleted <> $2 OR deleted_date_us IS DISTINCT FROM $3)";

void checkEvent(const CommunityEvent& e) {
    if (e.recordId.empty() || e.communityId.empty())
        throw StorageError("a community event needs a record id and a community id");
    if (e.eventType != "added" && e.eventType != "removed")
        throw StorageError("community event type '" + e.eventType + "' of record '" + e.recordId +
                           "' is neither 'added' nor 'removed'");
}

}  // namespace

std::optional<CommunityEvent> RepositoryTx::latest(const std::string& recordId, const std::string& communityId) {
    std::optional<CommunityEvent> found;
    _c.query(sql::kLatestEventSql, {recordId, communityId},
             [&](const storage::Row& row) { found = sql::readEvent(row); });
    return found;
}

std::vector<CommunityEvent> RepositoryTx::eventsOf(const std::string& recordId) {
    std::vector<CommunityEvent> events;
    _c.query(sql::kEventsOfSql, {recordId}, [&](const storage::Row& row) { events.push_back(sql::readEvent(row)); });
    return events;
}

void RepositoryTx::append(const CommunityEvent& e) {
    checkEvent(e);
    const std::int64_t now = _clock.nowMicros();
    _c.exec("INSERT INTO stats_community_events (record_id, community_id, event_type, event_date_us, "
            "record_created_date, record_published_date, is_deleted, deleted_date_us, timestamp_us, updated_timestamp_us, "
            "change_seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10)",
            {e.recordId, e.communityId, e.eventType, e.eventDateMicros, e.recordCreatedDate,
             sql::nullIfEmpty(e.recordPublishedDate), std::int64_t{e.isDeleted ? 1 : 0},
             sql::nullIfZero(e.deletedDateMicros), now, changeSeq()});
}

std::uint64_t RepositoryTx::setDeleted(const std::string& recordId, bool deleted, std::int64_t deletedMicros) {
    const storage::SqlValue flag = std::int64_t{deleted ? 1 : 0};
    const storage::SqlValue date = sql::nullIfZero(deletedMicros);
    if (_changeSeq == 0) {  // take no change number when nothing will change
        bool differs = false;
        _c.query(std::string("SELECT 1 FROM stats_community_events WHERE ") + kDiffering + " LIMIT 1",
                 {recordId, flag, date}, [&](const storage::Row&) { differs = true; });
        if (!differs) return 0;
    }
    return _c.exec(std::string("UPDATE stats_community_events SET is_deleted = $2, deleted_date_us = $3, "
                               "updated_timestamp_us = $4, change_seq = $5 WHERE ") +
                       kDiffering,
                   {recordId, flag, date, _clock.nowMicros(), changeSeq()});
}

void RepositoryTx::forEachEvent(const std::string& communityId, const std::function<void(const CommunityEvent&)>& visit) {
    std::vector<CommunityEvent> page;
    std::optional<CommunityEvent> last;
    do {
        page.clear();
        sql::Params params;
        std::string text = sql::eventPageSql(_c.dialect(), params, communityId, last ? &*last : nullptr);
        _c.query(text, params.values(), [&](const storage::Row& row) { page.push_back(sql::readEvent(row)); });
        for (const CommunityEvent& event : page) visit(event);
        if (!page.empty()) last = page.back();
    } while (page.size() == sql::kPageSize);
}

}  // namespace statshost::repository
