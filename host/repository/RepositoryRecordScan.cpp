// RepositoryTx::forEachRecord: keyset pages over (created_us, record_id). Each page is read completely
// before `visit` runs, so no result stream is open while the caller writes through the same connection.
#include <algorithm>
#include <optional>
#include <unordered_map>
#include <utility>

#include "repository/RepositorySql.h"
#include "repository/RepositoryTx.h"

namespace statshost::repository {

namespace {

using storage::Connection;
using storage::Dialect;

using RecordKey = std::pair<std::int64_t, std::string>;  // (created_us, record_id)

void scanAll(Connection& c, std::int64_t fromMicros, std::int64_t toMicros,
             const std::function<void(const RecordRow&)>& visit) {
    std::vector<RecordRow> page;
    std::optional<RecordRow> last;
    do {
        page.clear();
        sql::Params params;
        std::string text = sql::recordPageSql(c.dialect(), params, fromMicros, toMicros, last ? &*last : nullptr);
        c.query(text, params.values(), [&](const storage::Row& row) { page.push_back(sql::readRow(row)); });
        for (const RecordRow& record : page) visit(record);
        if (!page.empty()) last = std::move(page.back());
    } while (page.size() == sql::kPageSize);
}

/// The keys of the given records (those that exist and are in range), sorted.
std::vector<RecordKey> keysOf(Connection& c, std::vector<std::string> ids, std::int64_t fromMicros,
                              std::int64_t toMicros) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::vector<RecordKey> keys;
    for (std::size_t start = 0; start < ids.size(); start += sql::kPageSize) {
        std::vector<std::string> chunk(ids.begin() + static_cast<std::ptrdiff_t>(start),
                                       ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), start + sql::kPageSize)));
        sql::Params params;
        std::string text = "SELECT created_us, record_id FROM repo_records WHERE record_id IN (" +
                           sql::jsonTexts(c.dialect(), params.add(sql::jsonArray(chunk))) + ")";
        if (fromMicros != 0) text += " AND created_us >= " + params.add(fromMicros);
        if (toMicros != 0) text += " AND created_us < " + params.add(toMicros);
        c.query(text, params.values(),
                [&](const storage::Row& row) { keys.emplace_back(row.getInt(0), row.getString(1)); });
    }
    std::sort(keys.begin(), keys.end());
    return keys;
}

/// Only the given ids: their keys first (memory in proportion to `ids`, which the caller holds anyway), then
/// the rows in pages of kPageSize ids, each read right before it is visited.
void scanIds(Connection& c, const std::vector<std::string>& ids, std::int64_t fromMicros, std::int64_t toMicros,
             const std::function<void(const RecordRow&)>& visit) {
    std::vector<RecordKey> keys = keysOf(c, ids, fromMicros, toMicros);
    for (std::size_t start = 0; start < keys.size(); start += sql::kPageSize) {
        std::size_t end = std::min(keys.size(), start + sql::kPageSize);
        std::vector<std::string> chunk;
        for (std::size_t i = start; i < end; ++i) chunk.push_back(keys[i].second);
        std::unordered_map<std::string, RecordRow> rows;
        sql::Params params;
        c.query(std::string("SELECT ") + sql::kRowColumns + " FROM repo_records WHERE record_id IN (" +
                    sql::jsonTexts(c.dialect(), params.add(sql::jsonArray(chunk))) + ")",
                params.values(), [&](const storage::Row& row) {
                    RecordRow record = sql::readRow(row);
                    std::string id = record.ref.recordId;
                    rows.emplace(std::move(id), std::move(record));
                });
        for (const std::string& id : chunk) {
            auto found = rows.find(id);
            if (found != rows.end()) visit(found->second);
        }
    }
}

}  // namespace

void RepositoryTx::forEachRecord(std::int64_t fromMicros, std::int64_t toMicros, const std::vector<std::string>& ids,
                                 const std::function<void(const RecordRow&)>& visit) {
    if (ids.empty())
        scanAll(_c, fromMicros, toMicros, visit);
    else
        scanIds(_c, ids, fromMicros, toMicros, visit);
}

}  // namespace statshost::repository
