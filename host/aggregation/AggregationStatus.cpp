// aggregationStatus: the bookmark rows of one aggregation, and one GROUP BY over its index family (the
// family table of storage/Names.h: a view over the years on SQLite, the partitioned table on PostgreSQL).
#include "aggregation/AggregationStatus.h"

#include <algorithm>
#include <map>

#include "storage/Names.h"

namespace statshost::aggregation {

std::string dirtyBookmark(const std::string& aggregation) { return aggregation + "#dirty"; }
std::string seqBookmark(const std::string& aggregation) { return aggregation + "#seq"; }

namespace {

/// Whether the family exists (its template was registered): one row of the index registry.
bool registered(storage::Storage& storage, const std::string& alias) {
    bool found = false;
    storage.database().query("SELECT 1 FROM statshost_indices WHERE alias = $1", {alias},
                             [&](const storage::Row&) { found = true; });
    return found;
}

}  // namespace

AggregationStatus aggregationStatus(storage::Storage& storage, const std::string& name, const std::string& alias,
                                    const std::vector<std::string>& communityIds) {
    AggregationStatus status;
    status.name = name;
    status.alias = alias;
    std::map<std::string, CommunityAggregationStatus> byId;
    auto entry = [&](const std::string& id) -> CommunityAggregationStatus& {
        CommunityAggregationStatus& e = byId[id];
        e.communityId = id;
        return e;
    };
    for (const std::string& id : communityIds) entry(id);

    const std::string dirty = dirtyBookmark(name);
    const std::string seq = seqBookmark(name);
    storage.database().query(
        "SELECT aggregation, community_id, value FROM statshost_bookmarks WHERE aggregation IN ($1, $2, $3)",
        {name, dirty, seq}, [&](const storage::Row& row) {
            const std::string aggregation = row.getString(0);
            const std::string community = row.getString(1);
            if (aggregation == seq) {
                status.watermark = row.getString(2);
                return;
            }
            CommunityAggregationStatus& e = entry(community);
            (aggregation == name ? e.bookmark : e.dirtyFrom) = row.getString(2);
        });

    if (!alias.empty() && registered(storage, alias) && storage.isDerived(alias)) {
        // Rendered on read (Store.h DocumentDeriver): the deriver's documents of each community known here.
        for (auto& [id, e] : byId) {
            if (id.empty()) continue;
            e.documents = storage.count(alias, DocumentRange{id, "", ""});
            if (auto last = storage.latest(alias, id, "")) e.lastDay = last->day;
            storage.scan(alias, DocumentRange{id, "", ""}, [&](const Document& d) {
                e.firstDay = d.day;
                return false;
            });
        }
    } else if (!alias.empty() && registered(storage, alias)) {
        const bool pg = storage.database().dialect() == storage::Dialect::PostgreSQL;
        const std::string first = pg ? "to_char(min(day), 'YYYY-MM-DD')" : "min(day)";
        const std::string last = pg ? "to_char(max(day), 'YYYY-MM-DD')" : "max(day)";
        storage.database().query("SELECT community_id, " + first + ", " + last + ", count(*) FROM " +
                                     storage::familyTable(alias) + " GROUP BY community_id",
                                 {}, [&](const storage::Row& row) {
                                     CommunityAggregationStatus& e = entry(row.getString(0));
                                     e.firstDay = row.getString(1);
                                     e.lastDay = row.getString(2);
                                     e.documents = static_cast<std::uint64_t>(row.getInt(3));
                                 });
    }

    for (auto& [id, e] : byId) {
        if (!communityIds.empty() && std::find(communityIds.begin(), communityIds.end(), id) == communityIds.end())
            continue;
        status.communities.push_back(std::move(e));
    }
    return status;
}

}  // namespace statshost::aggregation
