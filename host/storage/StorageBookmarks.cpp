// Storage: bookmarks, one text value per (aggregation, community).
#include "statshost/Errors.h"
#include "storage/Storage.h"
#include "storage/TextChecks.h"
#include "storage/Timestamps.h"

namespace statshost::storage {
namespace {

void checkKey(const std::string& aggregation, const std::string& communityId) {
    if (aggregation.empty()) throw StorageError("a bookmark needs an aggregation name");
    if (!isCleanText(aggregation) || !isCleanText(communityId))
        throw StorageError("bookmark keys must be UTF-8 text without NUL bytes");
}

}  // namespace

std::optional<std::string> Storage::bookmark(const std::string& aggregation, const std::string& communityId) {
    checkKey(aggregation, communityId);
    std::optional<std::string> value;
    _db->query("SELECT value FROM statshost_bookmarks WHERE aggregation = $1 AND community_id = $2",
               {aggregation, communityId}, [&](const Row& row) { value = row.getString(0); });
    return value;
}

void Storage::setBookmark(const std::string& aggregation, const std::string& communityId, const std::string& value) {
    checkKey(aggregation, communityId);
    if (!isCleanText(value)) throw StorageError("a bookmark value must be UTF-8 text without NUL bytes");
    _db->exec("INSERT INTO statshost_bookmarks (aggregation, community_id, value, updated_at) VALUES ($1, $2, $3, $4) "
              "ON CONFLICT (aggregation, community_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
              {aggregation, communityId, value, utcNowIso()});
}

std::vector<StoredBookmark> Storage::bookmarksNamedAfter(const std::string& aggregation) {
    checkKey(aggregation, "");
    std::vector<StoredBookmark> found;
    // substr/length count characters on both dialects; the prefix test keeps the query free of LIKE patterns.
    _db->query("SELECT aggregation, community_id, value FROM statshost_bookmarks WHERE aggregation = $1 OR "
               "substr(aggregation, 1, length(CAST($2 AS TEXT))) = $2",
               {aggregation, aggregation + "#"}, [&](const Row& row) {
                   found.push_back(StoredBookmark{row.getString(0), row.getString(1), row.getString(2)});
               });
    return found;
}

std::uint64_t Storage::clearBookmarks(const std::string& aggregation, const std::string& communityId) {
    std::string sql = "DELETE FROM statshost_bookmarks";
    SqlParams params;
    if (!aggregation.empty()) {
        params.emplace_back(aggregation);
        sql += " WHERE aggregation = $1";
    }
    if (!communityId.empty()) {
        params.emplace_back(communityId);
        sql += (params.size() == 1 ? " WHERE" : " AND") + std::string(" community_id = $") + std::to_string(params.size());
    }
    return _db->exec(sql, params);
}

}  // namespace statshost::storage
