// RepositoryTx::usageTargets: a batch of usage events resolves all its records with two queries per
// page of ids (records, then their files) instead of a full record row per distinct record.
#include <algorithm>

#include "repository/RepositorySql.h"
#include "repository/RepositoryTx.h"

namespace statshost::repository {

std::unordered_map<std::string, UsageTarget> RepositoryTx::usageTargets(const std::vector<std::string>& recordIds) {
    return repository::usageTargets(_c, recordIds);
}

std::unordered_map<std::string, UsageTarget> usageTargets(storage::Connection& _c,
                                                          const std::vector<std::string>& recordIds) {
    std::vector<std::string> ids = recordIds;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::unordered_map<std::string, UsageTarget> out;
    out.reserve(ids.size());
    for (std::size_t start = 0; start < ids.size(); start += sql::kPageSize) {
        std::vector<std::string> chunk(ids.begin() + static_cast<std::ptrdiff_t>(start),
                                       ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), start + sql::kPageSize)));
        const std::string list = sql::jsonArray(chunk);
        {
            sql::Params params;
            const std::string in = sql::jsonTexts(_c.dialect(), params.add(list));
            _c.query("SELECT record_id, parent_id FROM repo_records WHERE record_id IN (" + in + ")", params.values(),
                     [&](const storage::Row& r) {
                         UsageTarget t;
                         t.recordId = r.getString(0);
                         t.parentId = r.getString(1);
                         std::string key = t.recordId;
                         out.emplace(std::move(key), std::move(t));
                     });
        }
        sql::Params params;
        const std::string in = sql::jsonTexts(_c.dialect(), params.add(list));
        _c.query("SELECT record_id, file_key, file_id, ext, size FROM repo_record_files WHERE record_id IN (" + in +
                     ") ORDER BY record_id, ordinal",
                 params.values(), [&](const storage::Row& r) {
                     auto it = out.find(r.getString(0));
                     if (it == out.end()) return;
                     it->second.files.push_back(FileRow{r.getString(1), r.getString(2), r.getString(3), r.getInt(4)});
                 });
    }
    return out;
}

}  // namespace statshost::repository
