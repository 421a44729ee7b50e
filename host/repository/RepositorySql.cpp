#include "repository/RepositorySql.h"

#include <cstdio>

namespace statshost::repository::sql {

using storage::Dialect;
using storage::Row;
using storage::SqlValue;

SqlValue nullIfEmpty(const std::string& text) { return text.empty() ? SqlValue(nullptr) : SqlValue(text); }

SqlValue nullIfZero(std::int64_t value) { return value == 0 ? SqlValue(nullptr) : SqlValue(value); }

std::string textOrEmpty(const Row& row, std::size_t column) {
    return row.isNull(column) ? std::string() : row.getString(column);
}

std::int64_t intOrZero(const Row& row, std::size_t column) { return row.isNull(column) ? 0 : row.getInt(column); }

std::string jsonArray(const std::vector<std::string>& texts) {
    std::string out = "[";
    for (std::size_t i = 0; i < texts.size(); ++i) {
        if (i) out += ',';
        out += '"';
        for (char c : texts[i]) {
            switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char escaped[8];
                    std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
                    out += escaped;
                } else {
                    out += c;
                }
            }
        }
        out += '"';
    }
    return out + "]";
}

std::string jsonTexts(Dialect dialect, const std::string& param) {
    return dialect == Dialect::SQLite ? "SELECT value FROM json_each(" + param + ")"
                                      : "SELECT jsonb_array_elements_text(" + param + "::jsonb)";
}

std::string after(Dialect dialect, const std::string& a, const std::string& b, const std::string& pa,
                  const std::string& pb) {
    if (dialect == Dialect::PostgreSQL) return "(" + a + ", " + b + ") > (" + pa + ", " + pb + ")";
    return a + " >= " + pa + " AND (" + a + " > " + pa + " OR " + b + " > " + pb + ")";
}

// --- communities -------------------------------------------------------------------------------

const char* const kCommunityColumns =
    "id, slug, title, visibility, dashboard_enabled, source_json, created_us, updated_us";

CommunityRow readCommunity(const Row& row) {
    CommunityRow c;
    c.id = row.getString(0);
    c.slug = row.getString(1);
    c.title = row.getString(2);
    c.visibility = row.getString(3);
    c.dashboardEnabled = row.getInt(4) != 0;
    c.sourceJson = row.getString(5);
    c.createdMicros = row.getInt(6);
    c.updatedMicros = row.getInt(7);
    return c;
}

// --- records -------------------------------------------------------------------------------------

const char* const kRefColumns =
    "record_id, parent_id, created, created_us, publication_date, published_date, is_deleted, deleted_us";
const char* const kRowColumns =
    "record_id, parent_id, created, created_us, publication_date, published_date, is_deleted, deleted_us, "
    "published_us, publication_day, files_enabled, file_count, data_volume, access_status, owner, source_json";

RecordRef readRef(const Row& row) {
    RecordRef r;
    r.recordId = row.getString(0);
    r.parentId = row.getString(1);
    r.created = row.getString(2);
    r.createdMicros = row.getInt(3);
    r.publicationDate = row.getString(4);
    r.normalisedPublishedDate = textOrEmpty(row, 5);
    r.isDeleted = row.getInt(6) != 0;
    r.deletedMicros = intOrZero(row, 7);
    return r;
}

RecordRow readRow(const Row& row) {
    RecordRow r;
    r.ref = readRef(row);
    r.publishedMicros = row.getInt(8);
    r.publicationDay = row.getString(9);
    r.filesEnabled = row.getInt(10) != 0;
    r.fileCount = row.getInt(11);
    r.dataVolume = row.getInt(12);
    r.accessStatus = row.getString(13);
    r.owner = row.getString(14);
    r.sourceJson = row.getString(15);
    return r;
}

std::string recordPageSql(Dialect dialect, Params& params, std::int64_t fromMicros, std::int64_t toMicros,
                          const RecordRow* last) {
    std::string where;
    auto conjoin = [&](const std::string& condition) { where += (where.empty() ? " WHERE " : " AND ") + condition; };
    if (fromMicros != 0) conjoin("created_us >= " + params.add(fromMicros));
    if (toMicros != 0) conjoin("created_us < " + params.add(toMicros));
    if (last) {
        std::string created = params.add(last->ref.createdMicros);
        conjoin(after(dialect, "created_us", "record_id", created, params.add(last->ref.recordId)));
    }
    return std::string("SELECT ") + kRowColumns + " FROM repo_records" + where + " ORDER BY created_us, record_id LIMIT " +
           std::to_string(kPageSize);
}

// --- events ----------------------------------------------------------------------------------------

const char* const kEventColumns =
    "seq, record_id, community_id, event_type, event_date_us, record_created_date, record_published_date, "
    "is_deleted, deleted_date_us, timestamp_us, updated_timestamp_us";

CommunityEvent readEvent(const Row& row) {
    CommunityEvent e;
    e.seq = row.getInt(0);
    e.recordId = row.getString(1);
    e.communityId = row.getString(2);
    e.eventType = row.getString(3);
    e.eventDateMicros = row.getInt(4);
    e.recordCreatedDate = row.getString(5);
    e.recordPublishedDate = textOrEmpty(row, 6);
    e.isDeleted = row.getInt(7) != 0;
    e.deletedDateMicros = intOrZero(row, 8);
    e.timestampMicros = row.getInt(9);
    e.updatedTimestampMicros = row.getInt(10);
    return e;
}

const char* const kLatestEventSql =
    "SELECT seq, record_id, community_id, event_type, event_date_us, record_created_date, record_published_date, "
    "is_deleted, deleted_date_us, timestamp_us, updated_timestamp_us FROM stats_community_events "
    "WHERE record_id = $1 AND community_id = $2 ORDER BY event_date_us DESC, seq DESC LIMIT 1";

const char* const kEventsOfSql =
    "SELECT seq, record_id, community_id, event_type, event_date_us, record_created_date, record_published_date, "
    "is_deleted, deleted_date_us, timestamp_us, updated_timestamp_us FROM stats_community_events "
    "WHERE record_id = $1 ORDER BY event_date_us, seq";

std::string eventPageSql(Dialect dialect, Params& params, const std::string& communityId, const CommunityEvent* last) {
    std::string where;
    auto conjoin = [&](const std::string& condition) { where += (where.empty() ? " WHERE " : " AND ") + condition; };
    if (!communityId.empty()) conjoin("community_id = " + params.add(communityId));
    if (last) {
        std::string date = params.add(last->eventDateMicros);
        conjoin(after(dialect, "event_date_us", "seq", date, params.add(last->seq)));
    }
    return std::string("SELECT ") + kEventColumns + " FROM stats_community_events" + where +
           " ORDER BY event_date_us, seq LIMIT " + std::to_string(kPageSize);
}

}  // namespace statshost::repository::sql
