// RepositoryTx: parents and their community sets.
#include <algorithm>
#include <iterator>

#include "repository/RepositoryTx.h"
#include "statshost/Errors.h"

namespace statshost::repository {

bool RepositoryTx::parentExists(const std::string& parentId) {
    bool found = false;
    _c.query("SELECT 1 FROM repo_parents WHERE parent_id = $1", {parentId}, [&](const storage::Row&) { found = true; });
    return found;
}

void RepositoryTx::setCommunitiesOf(const std::string& parentId, const std::vector<std::string>& communityIds) {
    if (parentId.empty()) throw StorageError("a parent needs an id");
    std::vector<std::string> wanted = communityIds;
    std::sort(wanted.begin(), wanted.end());
    wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    if (!wanted.empty() && wanted.front().empty())
        throw StorageError("the community set of parent '" + parentId + "' holds an empty community id");

    // PostgreSQL: lock the parent row first, so concurrent setters of one parent take turns and each diffs
    // against the set the previous one committed.
    bool known = false;
    _c.query(std::string("SELECT 1 FROM repo_parents WHERE parent_id = $1") +
                 (_c.dialect() == storage::Dialect::PostgreSQL ? " FOR UPDATE" : ""),
             {parentId}, [&](const storage::Row&) { known = true; });
    std::vector<std::string> removed, added;
    auto diff = [&] {
        const std::vector<std::string> current = communitiesOf(parentId);
        removed.clear();
        added.clear();
        std::set_difference(current.begin(), current.end(), wanted.begin(), wanted.end(), std::back_inserter(removed));
        std::set_difference(wanted.begin(), wanted.end(), current.begin(), current.end(), std::back_inserter(added));
    };
    if (known) {
        diff();
        if (removed.empty() && added.empty()) return;  // nothing changes
    }

    const std::int64_t seq = changeSeq();
    _c.exec("INSERT INTO repo_parents (parent_id, change_seq) VALUES ($1, $2) "
            "ON CONFLICT (parent_id) DO UPDATE SET change_seq = excluded.change_seq",
            {parentId, seq});
    if (!known) diff();  // another transaction may have created the parent meanwhile
    for (const std::string& id : removed)
        _c.exec("DELETE FROM repo_parent_communities WHERE parent_id = $1 AND community_id = $2", {parentId, id});
    for (const std::string& id : added)
        _c.exec("INSERT INTO repo_parent_communities (parent_id, community_id, change_seq) VALUES ($1, $2, $3)",
                {parentId, id, seq});
}

std::vector<std::string> RepositoryTx::communitiesOf(const std::string& parentId) {
    std::vector<std::string> ids;
    _c.query("SELECT community_id FROM repo_parent_communities WHERE parent_id = $1 ORDER BY community_id", {parentId},
             [&](const storage::Row& row) { ids.push_back(row.getString(0)); });
    return ids;
}

}  // namespace statshost::repository
