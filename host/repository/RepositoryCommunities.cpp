// RepositoryTx: the communities table.
#include <vector>

#include "repository/RepositorySql.h"
#include "repository/RepositoryTx.h"
#include "statshost/Errors.h"

namespace statshost::repository {

namespace {

bool sameCommunity(const CommunityRow& a, const CommunityRow& b) {
    return a.id == b.id && a.slug == b.slug && a.title == b.title && a.visibility == b.visibility &&
           a.dashboardEnabled == b.dashboardEnabled && a.sourceJson == b.sourceJson &&
           a.createdMicros == b.createdMicros && a.updatedMicros == b.updatedMicros;
}

std::optional<CommunityRow> oneCommunity(storage::Connection& c, const std::string& column, const std::string& value) {
    std::optional<CommunityRow> found;
    c.query(std::string("SELECT ") + sql::kCommunityColumns + " FROM repo_communities WHERE " + column + " = $1", {value},
            [&](const storage::Row& row) { found = sql::readCommunity(row); });
    return found;
}

}  // namespace

std::optional<CommunityRow> RepositoryTx::community(const std::string& id) { return oneCommunity(_c, "id", id); }

std::optional<CommunityRow> RepositoryTx::communityBySlug(const std::string& slug) {
    return oneCommunity(_c, "slug", slug);
}

void RepositoryTx::putCommunity(const CommunityRow& row) {
    if (row.id.empty()) throw StorageError("a community needs an id");
    if (row.slug.empty()) throw StorageError("community '" + row.id + "' needs a slug");
    if (auto owner = communityBySlug(row.slug); owner && owner->id != row.id)
        throw StorageError("community slug '" + row.slug + "' already belongs to community '" + owner->id + "'");
    if (auto current = community(row.id); current && sameCommunity(*current, row)) return;  // nothing changes
    _c.exec("INSERT INTO repo_communities (id, slug, title, visibility, dashboard_enabled, source_json, created_us, "
            "updated_us, change_seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO UPDATE SET "
            "slug = excluded.slug, title = excluded.title, visibility = excluded.visibility, "
            "dashboard_enabled = excluded.dashboard_enabled, source_json = excluded.source_json, "
            "created_us = excluded.created_us, updated_us = excluded.updated_us, change_seq = excluded.change_seq",
            {row.id, row.slug, row.title, row.visibility, std::int64_t{row.dashboardEnabled ? 1 : 0}, row.sourceJson,
             row.createdMicros, row.updatedMicros, changeSeq()});
}

void RepositoryTx::forEachCommunity(const std::function<void(const CommunityRow&)>& visit) {
    std::vector<CommunityRow> page;
    std::optional<std::string> last;
    do {
        page.clear();
        sql::Params params;
        std::string where = last ? " WHERE id > " + params.add(*last) : "";
        _c.query(std::string("SELECT ") + sql::kCommunityColumns + " FROM repo_communities" + where +
                     " ORDER BY id LIMIT " + std::to_string(sql::kPageSize),
                 params.values(), [&](const storage::Row& row) { page.push_back(sql::readCommunity(row)); });
        for (const CommunityRow& community : page) visit(community);
        if (!page.empty()) last = page.back().id;
    } while (page.size() == sql::kPageSize);
}

}  // namespace statshost::repository
