#pragma once
/// The repository's typed tables, read and written inside one storage transaction: communities,
/// parents and their community sets, published record versions with their files and facet values,
/// and the community-events log (`stats-community-events`). One RepositoryTx wraps one
/// storage::Connection that is inside Database::transaction(); it is what service components see
/// as RepositoryView and CommunityEventsLog, so their writes commit or roll back with the service's.
///
/// Change sequence: every insert or update of a record, parent membership, community or event
/// row stamps it with `change_seq`, one number per transaction taken on its first write from a
/// one-row counter (the row lock makes numbers commit in increasing order on both backends).
/// Aggregators use it to find what changed since a run.
///
/// Threading: one RepositoryTx per transaction and thread.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "statshost/Context.h"
#include "statshost/Repository.h"
#include "storage/Database.h"

namespace statshost::repository {

/// Creates the repository tables and indexes if missing (idempotent, safe when processes race).
void createSchema(storage::Database& db);
/// Drops the repository tables (used by tests and a future `destroy-data`).
void dropSchema(storage::Database& db);

struct CommunityRow {
    std::string id;            ///< UUID (any non-empty text without surrounding white space)
    std::string slug;          ///< unique
    std::string title;
    std::string visibility;    ///< "public" | "restricted"
    bool dashboardEnabled = false;  ///< custom_fields["stats:dashboard_enabled"]
    std::string sourceJson;    ///< the community JSON as given
    std::int64_t createdMicros = 0;
    std::int64_t updatedMicros = 0;
};

struct FileRow {
    std::string key;
    std::string fileId;
    std::string ext;           ///< lower case, "" when none
    std::int64_t size = 0;
};

struct FacetRow {
    std::string facet;         ///< e.g. "resource_type"
    std::string valueId;
    std::string label;         ///< "" when the record has no real label
};

/// What usage ingestion needs of a record: its parent and counted files (immutable once published).
struct UsageTarget {
    std::string recordId;
    std::string parentId;
    std::vector<FileRow> files;  ///< counted files, in the record's order
};

/// The usage targets of the given records (unknown ids are absent), with two queries per kPageSize ids.
/// Works inside or outside a transaction (records are never removed, only tombstoned, so a target read
/// outside stays valid).
std::unordered_map<std::string, UsageTarget> usageTargets(storage::Connection& connection,
                                                          const std::vector<std::string>& recordIds);

/// A published version with everything aggregators and usage enrichment read.
struct RecordRow {
    RecordRef ref;                     ///< ids, created, publication dates, deletion state
    std::int64_t publishedMicros = 0;  ///< when the publish call happened (host clock)
    std::string publicationDay;        ///< YYYY-MM-DD, EDTF-normalised, created day as fallback (no floor)
    bool filesEnabled = false;
    std::int64_t fileCount = 0;
    std::int64_t dataVolume = 0;
    std::string accessStatus;
    std::string owner;                 ///< "" = no uploader
    std::string sourceJson;            ///< canonical record JSON
    std::vector<FileRow> files;        ///< counted files only (files.enabled)
    std::vector<FacetRow> facets;      ///< distinct (facet, valueId)
};

class RepositoryTx : public RepositoryView, public CommunityEventsLog {
public:
    /// `connection` must be inside a transaction; `clock` stamps event timestamps.
    RepositoryTx(storage::Connection& connection, const Clock& clock);

    /// This transaction's change number, taken from the counter on the first call. Callers that
    /// use savepoints must call it before the first savepoint, so a rolled-back savepoint cannot
    /// undo the counter while the number stays in use.
    std::int64_t changeSeq();

    // --- communities ---------------------------------------------------------------------
    std::optional<CommunityRow> community(const std::string& id);
    std::optional<CommunityRow> communityBySlug(const std::string& slug);
    /// Inserts or replaces by id. Throws StorageError when the slug belongs to another community.
    void putCommunity(const CommunityRow& row);
    /// All communities ordered by id.
    void forEachCommunity(const std::function<void(const CommunityRow&)>& visit);

    // --- records ---------------------------------------------------------------------------
    /// Inserts a new published version (its files and facets too). Throws StorageError when the id exists.
    void insertRecord(const RecordRow& row);
    /// Full row of a record (files and facets included), or nothing.
    std::optional<RecordRow> recordRow(const std::string& recordId);
    /// The usage targets of the given records (unknown ids are absent), with a few queries per
    /// kPageSize ids (one batch of events resolves its records at once).
    std::unordered_map<std::string, UsageTarget> usageTargets(const std::vector<std::string>& recordIds);
    /// Sets the record's deletion state (deletedMicros 0 = restored).
    void setRecordDeleted(const std::string& recordId, bool deleted, std::int64_t deletedMicros);
    /// Every record in (created, id) order, optionally only those created in [fromMicros, toMicros)
    /// (0 = unbounded) and/or with the given ids (empty = all); without files and facets. Reads in
    /// pages (keyset pagination) and calls `visit` between pages, so `visit` may write through this
    /// RepositoryTx; memory stays bounded by one page.
    void forEachRecord(std::int64_t fromMicros, std::int64_t toMicros, const std::vector<std::string>& ids,
                       const std::function<void(const RecordRow&)>& visit);

    // --- parents ---------------------------------------------------------------------------
    bool parentExists(const std::string& parentId);
    /// Replaces the parent's community set (creates the parent when new).
    void setCommunitiesOf(const std::string& parentId, const std::vector<std::string>& communityIds);

    // --- RepositoryView ------------------------------------------------------------------------
    std::optional<RecordRef> record(const std::string& recordId) override;
    std::vector<RecordRef> versionsOf(const std::string& parentId) override;
    std::vector<std::string> communitiesOf(const std::string& parentId) override;

    // --- CommunityEventsLog --------------------------------------------------------------------
    std::optional<CommunityEvent> latest(const std::string& recordId, const std::string& communityId) override;
    std::vector<CommunityEvent> eventsOf(const std::string& recordId) override;
    void append(const CommunityEvent& event) override;
    std::uint64_t setDeleted(const std::string& recordId, bool deleted, std::int64_t deletedMicros) override;

    /// Events of one community (or all when empty) in (event date, seq) order, paged like forEachRecord.
    void forEachEvent(const std::string& communityId, const std::function<void(const CommunityEvent&)>& visit);

private:
    storage::Connection& _c;
    const Clock& _clock;
    std::int64_t _changeSeq = 0;  ///< this transaction's change sequence; 0 until the first write takes it
};

}  // namespace statshost::repository
