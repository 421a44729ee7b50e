// HostAggregationSource: records with their files and facets. A page of records is one statement, its
// files and facets one statement each (a record-id range for forEachRecord, an id list for records()),
// joined here in memory; source_json and the other columns aggregators do not need are never read.
#include <algorithm>
#include <utility>

#include "aggregation/HostAggregationSource.h"
#include "repository/RepositorySql.h"

namespace statshost::aggregation {

namespace {

using storage::Database;
using storage::Row;
using storage::SqlParams;

const char* const kFactColumns =
    "record_id, parent_id, created_us, published_us, publication_day, files_enabled, owner, is_deleted, deleted_us";

RecordFacts readFacts(const Row& row) {
    RecordFacts r;
    r.recordId = row.getString(0);
    r.parentId = row.getString(1);
    r.createdMicros = row.getInt(2);
    r.publishedMicros = row.getInt(3);
    r.publicationDay = row.getString(4);
    r.filesEnabled = row.getInt(5) != 0;
    r.owner = row.getString(6);
    r.isDeleted = row.getInt(7) != 0;
    r.deletedMicros = row.isNull(8) ? 0 : row.getInt(8);
    return r;
}

/// Finds the record of each row in `page` (sorted by id) by walking forward: the rows come in record-id
/// order, bytewise on both backends like std::string's comparison.
class PageCursor {
public:
    explicit PageCursor(std::vector<RecordFacts>& page) : _page(page) {}
    RecordFacts* find(const std::string& id) {
        while (_at < _page.size() && _page[_at].recordId < id) ++_at;
        return _at < _page.size() && _page[_at].recordId == id ? &_page[_at] : nullptr;
    }

private:
    std::vector<RecordFacts>& _page;
    std::size_t _at = 0;
};

/// Fills the files and facets of `page` (records sorted by id, distinct) from the rows `where` selects (a
/// condition on record_id with `params`), each record's in its own order. Both statements read their table
/// in primary-key order (no sort); facets are put in rule order (their ordinal) here.
void attachDetails(Database& db, std::vector<RecordFacts>& page, const std::string& where, const SqlParams& params) {
    PageCursor files(page);
    db.query("SELECT record_id, file_id, file_key, ext, size FROM repo_record_files WHERE " + where +
                 " ORDER BY record_id, ordinal",
             params, [&](const Row& row) {
                 if (RecordFacts* r = files.find(row.getString(0)))
                     r->files.push_back(FileFact{row.getString(1), row.getString(2), row.getString(3), row.getInt(4)});
             });
    PageCursor facets(page);
    RecordFacts* current = nullptr;
    std::vector<std::pair<std::int64_t, FacetFact>> pending;  // the current record's values with their ordinal
    auto flush = [&] {
        if (!current) return;
        std::sort(pending.begin(), pending.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        current->facets.reserve(pending.size());
        for (auto& [ordinal, fact] : pending) current->facets.push_back(std::move(fact));
        pending.clear();
    };
    db.query("SELECT record_id, facet, value_id, label, ordinal FROM repo_record_facets WHERE " + where +
                 " ORDER BY record_id, facet, value_id",
             params, [&](const Row& row) {
                 RecordFacts* r = facets.find(row.getString(0));
                 if (r != current) {
                     flush();
                     current = r;
                 }
                 if (r) pending.emplace_back(row.getInt(4), FacetFact{row.getString(1), row.getString(2), row.getString(3)});
             });
    flush();
}

}  // namespace

void HostAggregationSource::forEachRecord(const std::function<void(const RecordFacts&)>& visit) {
    const std::string limit = " ORDER BY record_id LIMIT " + std::to_string(_recordPage);
    std::vector<RecordFacts> page;
    std::string last;
    bool first = true;
    do {
        page.clear();
        auto add = [&](const Row& row) { page.push_back(readFacts(row)); };
        if (first)
            _db.query(std::string("SELECT ") + kFactColumns + " FROM repo_records" + limit, {}, add);
        else
            _db.query(std::string("SELECT ") + kFactColumns + " FROM repo_records WHERE record_id > $1" + limit, {last},
                      add);
        first = false;
        if (page.empty()) break;
        attachDetails(_db, page, "record_id >= $1 AND record_id <= $2", {page.front().recordId, page.back().recordId});
        for (const RecordFacts& r : page) visit(r);
        last = page.back().recordId;
    } while (page.size() == _recordPage);
}

std::vector<RecordFacts> HostAggregationSource::records(const std::vector<std::string>& recordIds) {
    std::vector<std::string> ids = recordIds;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::vector<RecordFacts> out;
    for (std::size_t start = 0; start < ids.size(); start += kIdChunk) {
        const std::size_t end = std::min(ids.size(), start + kIdChunk);
        const std::vector<std::string> chunk(ids.begin() + static_cast<std::ptrdiff_t>(start),
                                             ids.begin() + static_cast<std::ptrdiff_t>(end));
        const std::string in = "record_id IN (" + repository::sql::jsonTexts(_db.dialect(), "$1") + ")";
        const SqlParams params{repository::sql::jsonArray(chunk)};
        std::vector<RecordFacts> page;
        _db.query(std::string("SELECT ") + kFactColumns + " FROM repo_records WHERE " + in, params,
                  [&](const Row& row) { page.push_back(readFacts(row)); });
        if (page.empty()) continue;
        // Bytewise id order on both backends (std::string compares as unsigned bytes, like COLLATE "C").
        std::sort(page.begin(), page.end(),
                  [](const RecordFacts& a, const RecordFacts& b) { return a.recordId < b.recordId; });
        attachDetails(_db, page, in, params);
        for (RecordFacts& r : page) out.push_back(std::move(r));
    }
    return out;
}

}  // namespace statshost::aggregation
