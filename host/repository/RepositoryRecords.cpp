// RepositoryTx: published record versions with their files and facet values.
#include <algorithm>
#include <functional>
#include <set>
#include <utility>

#include "repository/RepositorySql.h"
#include "repository/RepositoryTx.h"
#include "statshost/Errors.h"

namespace statshost::repository {

namespace {

using storage::Connection;
using storage::SqlParams;

/// Rows per multi-row INSERT of files or facets (well below both backends' parameter limits).
constexpr std::size_t kRowsPerInsert = 200;

/// Inserts `count` rows of `columns.size()` values each, `fill(i, params)` appending the values of row i.
void insertRows(Connection& c, const std::string& table, const std::vector<std::string>& columns, std::size_t count,
                const std::function<void(std::size_t, SqlParams&)>& fill) {
    for (std::size_t start = 0; start < count; start += kRowsPerInsert) {
        std::size_t end = std::min(count, start + kRowsPerInsert);
        std::string names, values;
        for (std::size_t k = 0; k < columns.size(); ++k) names += (k ? ", " : "") + columns[k];
        SqlParams params;
        params.reserve((end - start) * columns.size());
        for (std::size_t i = start; i < end; ++i) {
            values += i == start ? "(" : ", (";
            for (std::size_t k = 0; k < columns.size(); ++k)
                values += (k ? ", $" : "$") + std::to_string(params.size() + k + 1);
            values += ")";
            fill(i, params);
        }
        c.exec("INSERT INTO " + table + " (" + names + ") VALUES " + values, params);
    }
}

void checkRecord(const RecordRow& row) {
    const std::string& id = row.ref.recordId;
    if (id.empty()) throw StorageError("a record needs an id");
    if (row.ref.parentId.empty()) throw StorageError("record '" + id + "' needs a parent id");
    std::set<std::pair<std::string, std::string>> seen;
    for (const FacetRow& facet : row.facets)
        if (!seen.emplace(facet.facet, facet.valueId).second)
            throw StorageError("record '" + id + "' lists facet value '" + facet.facet + "' / '" + facet.valueId +
                               "' twice");
}

bool recordExists(Connection& c, const std::string& recordId) {
    bool found = false;
    c.query("SELECT 1 FROM repo_records WHERE record_id = $1", {recordId}, [&](const storage::Row&) { found = true; });
    return found;
}

}  // namespace

void RepositoryTx::insertRecord(const RecordRow& row) {
    checkRecord(row);
    const RecordRef& ref = row.ref;
    const std::string exists = "record '" + ref.recordId + "' already exists";
    // Checked before anything is written, and again by the insert itself (a concurrent publisher of the same
    // id may commit in between; ON CONFLICT waits for it instead of failing the transaction).
    if (recordExists(_c, ref.recordId)) throw StorageError(exists);
    std::uint64_t inserted = _c.exec(
        "INSERT INTO repo_records (record_id, parent_id, created, created_us, publication_date, published_date, "
        "is_deleted, deleted_us, published_us, publication_day, files_enabled, file_count, data_volume, access_status, "
        "owner, source_json, change_seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, "
        "$17) ON CONFLICT (record_id) DO NOTHING",
        {ref.recordId, ref.parentId, ref.created, ref.createdMicros, ref.publicationDate,
         sql::nullIfEmpty(ref.normalisedPublishedDate), std::int64_t{ref.isDeleted ? 1 : 0},
         sql::nullIfZero(ref.deletedMicros), row.publishedMicros, row.publicationDay,
         std::int64_t{row.filesEnabled ? 1 : 0}, row.fileCount, row.dataVolume, row.accessStatus, row.owner,
         row.sourceJson, changeSeq()});
    if (inserted == 0) throw StorageError(exists);
    insertRows(_c, "repo_record_files", {"record_id", "ordinal", "file_key", "file_id", "ext", "size"}, row.files.size(),
               [&](std::size_t i, SqlParams& p) {
                   const FileRow& f = row.files[i];
                   p.insert(p.end(), {ref.recordId, static_cast<std::int64_t>(i), f.key, f.fileId, f.ext, f.size});
               });
    insertRows(_c, "repo_record_facets", {"record_id", "facet", "value_id", "label", "ordinal"}, row.facets.size(),
               [&](std::size_t i, SqlParams& p) {
                   const FacetRow& f = row.facets[i];
                   p.insert(p.end(), {ref.recordId, f.facet, f.valueId, f.label, static_cast<std::int64_t>(i)});
               });
}

std::optional<RecordRow> RepositoryTx::recordRow(const std::string& recordId) {
    std::optional<RecordRow> found;
    _c.query(std::string("SELECT ") + sql::kRowColumns + " FROM repo_records WHERE record_id = $1", {recordId},
             [&](const storage::Row& r) { found = sql::readRow(r); });
    if (!found) return found;
    _c.query("SELECT file_key, file_id, ext, size FROM repo_record_files WHERE record_id = $1 ORDER BY ordinal",
             {recordId}, [&](const storage::Row& r) {
                 found->files.push_back(FileRow{r.getString(0), r.getString(1), r.getString(2), r.getInt(3)});
             });
    _c.query("SELECT facet, value_id, label FROM repo_record_facets WHERE record_id = $1 ORDER BY ordinal", {recordId},
             [&](const storage::Row& r) {
                 found->facets.push_back(FacetRow{r.getString(0), r.getString(1), r.getString(2)});
             });
    return found;
}

void RepositoryTx::setRecordDeleted(const std::string& recordId, bool deleted, std::int64_t deletedMicros) {
    std::optional<RecordRef> current = record(recordId);
    if (!current) throw StorageError("cannot set the deletion state of unknown record '" + recordId + "'");
    if (current->isDeleted == deleted && current->deletedMicros == deletedMicros) return;  // nothing changes
    _c.exec("UPDATE repo_records SET is_deleted = $2, deleted_us = $3, change_seq = $4 WHERE record_id = $1",
            {recordId, std::int64_t{deleted ? 1 : 0}, sql::nullIfZero(deletedMicros), changeSeq()});
}

std::optional<RecordRef> RepositoryTx::record(const std::string& recordId) {
    std::optional<RecordRef> found;
    _c.query(std::string("SELECT ") + sql::kRefColumns + " FROM repo_records WHERE record_id = $1", {recordId},
             [&](const storage::Row& r) { found = sql::readRef(r); });
    return found;
}

std::vector<RecordRef> RepositoryTx::versionsOf(const std::string& parentId) {
    std::vector<RecordRef> versions;
    _c.query(std::string("SELECT ") + sql::kRefColumns + " FROM repo_records WHERE parent_id = $1 ORDER BY version_seq",
             {parentId}, [&](const storage::Row& r) { versions.push_back(sql::readRef(r)); });
    return versions;
}

}  // namespace statshost::repository
