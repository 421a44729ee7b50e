#pragma once
/// The storage a plugin sees: indices of JSON documents, bookmarks and locks.
///
/// An index is a named collection of JSON documents, each with an id, a community id and a day.
/// It is stored per year (`<index>-YYYY`, the year of the document's day) with an alias over all
/// years; the backend (SQLite or PostgreSQL) decides how. Every method is safe to call from several
/// threads and several processes sharing one database; batches are atomic (all or nothing).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace statshost {

/// Declares an index family, e.g. alias "stats-community-records-delta-added" with dateField
/// "period_start". Registering the same template twice is a no-op; a different definition under
/// the same alias replaces the stored template text but never drops documents.
///
/// Sparse families: an aggregator may store only the days that carry information and let readers
/// fill the rest (readDense). The fill rule says what a missing day is:
///   - Zero (deltas): the community's first stored document with every number set to 0 and every
///     list emptied;
///   - CarryForward (snapshots): the latest stored document before the day.
/// In both cases the date fields present in the source document are set to the day: `period_start`
/// (`YYYY-MM-DDT00:00:00`), `period_end` (`YYYY-MM-DDT23:59:59`), `snapshot_date` (`YYYY-MM-DD`).
/// A community's dense extent runs from its first stored document through the value (a day, first
/// ten characters) of bookmark(extentBookmark, community); without that bookmark, through its last
/// stored document.
enum class FillRule { None, Zero, CarryForward };

class DocumentDeriver;

struct IndexTemplate {
    std::string alias;        ///< read name; yearly indices are `<alias>-YYYY`
    std::string dateField;    ///< document field holding the day (informational, e.g. "snapshot_date")
    std::string mappingJson;  ///< document shape description (JSON text), stored for `status`/docs
    FillRule fill = FillRule::None;  ///< how readDense fills days that are not stored
    std::string extentBookmark;      ///< bookmark name giving each community's last day (usually the aggregation name)
    /// Set: a derived family (ABI 6), rendered on read by this deriver instead of stored (see DocumentDeriver).
    std::shared_ptr<DocumentDeriver> deriver = nullptr;
};

/// One stored document. `day` is `YYYY-MM-DD` (UTC) and decides the yearly index;
/// `body` is the complete JSON text of the document.
struct Document {
    std::string id;
    std::string communityId;
    std::string day;
    std::string body;
};

/// A selection of documents in one index: a community (empty = all) and an inclusive day range
/// (empty bounds = unbounded). Results always come ordered by (day, id).
struct DocumentRange {
    std::string communityId;
    std::string firstDay;
    std::string lastDay;
};

class DocumentStore;

/// Renders the documents of a derived index family on read (ABI 6), from other indices of the same store.
///
/// Contract:
///   - Registering: registerTemplate() with IndexTemplate::deriver set records the alias as derived in the
///     database and keeps the deriver in that DocumentStore object (in memory). Every process that reads the
///     alias must register the template first (the host does it at start-up of `serve`, `read`, `status`,
///     `cache` and `aggregate`, from every configured aggregator); a read of a derived alias in a process
///     that did not register its deriver throws StorageError naming the alias, never returns nothing.
///   - Reads: scan, latest and count of the alias are answered by the deriver; readDense keeps the
///     template's fill rule and extent bookmark and fills the days between the deriver's documents. The
///     deriver sees the documents a stored family would hold: sparse, in (day, id) order, with the same ids
///     and days. It reads the store it is given (never the alias itself).
///   - Writes: upsert of documents and replaceRange with documents are refused (StorageError). replaceRange
///     with no documents and remove delete rows stored before the family became derived; reads ignore them.
///   - Threads: called from any thread, as the store is; a deriver keeps no state between calls.
class DocumentDeriver {
public:
    virtual ~DocumentDeriver() = default;
    /// The documents of `range` (communityId empty = every community) in (day, id) order; `visit`
    /// returns false to stop.
    virtual void scan(DocumentStore& store, const DocumentRange& range,
                      const std::function<bool(const Document&)>& visit) = 0;
    /// The document of `communityId` with the greatest day <= `onOrBeforeDay` (empty = no bound).
    virtual std::optional<Document> latest(DocumentStore& store, const std::string& communityId,
                                           const std::string& onOrBeforeDay) = 0;
    /// Number of documents scan() would visit.
    virtual std::uint64_t count(DocumentStore& store, const DocumentRange& range) = 0;
};

/// A held lock; released when destroyed (or when the holding process dies / the expiry passes).
class Lock {
public:
    virtual ~Lock() = default;
    virtual const std::string& name() const = 0;
};

class DocumentStore {
public:
    virtual ~DocumentStore() = default;

    /// Creates the index family if needed (idempotent). Yearly parts are created on demand by upsert.
    virtual void registerTemplate(const IndexTemplate& tmpl) = 0;

    /// Inserts or replaces documents by id, in one transaction. Unknown alias → StorageError.
    virtual void upsert(const std::string& alias, const std::vector<Document>& docs) = 0;

    /// Streams the documents of `range` to `visit` in (day, id) order, a page at a time, without
    /// holding the whole result in memory. `visit` returns false to stop early.
    virtual void scan(const std::string& alias, const DocumentRange& range,
                      const std::function<bool(const Document&)>& visit) = 0;

    /// Replaces the documents of `range` (a community, empty = every community, and an inclusive day
    /// range, both bounds given) with `docs` in one transaction: every stored document of the range is
    /// deleted, then `docs` are inserted. Every doc must lie in the range's days and, when a community
    /// is given, belong to it (else StorageError and nothing changes). Readers see the old or the new
    /// range, never a mix.
    virtual void replaceRange(const std::string& alias, const DocumentRange& range, const std::vector<Document>& docs) = 0;

    /// The stored document of `communityId` with the greatest day <= `onOrBeforeDay` (empty = no bound).
    virtual std::optional<Document> latest(const std::string& alias, const std::string& communityId,
                                           const std::string& onOrBeforeDay) = 0;

    /// Dense read of a sparse family (see FillRule): one document per day of `range` that lies in the
    /// community's extent, in day order, stored or filled. range.communityId must be given. For
    /// FillRule::None this is scan().
    virtual void readDense(const std::string& alias, const DocumentRange& range,
                           const std::function<bool(const Document&)>& visit) = 0;

    /// Number of documents in `range`.
    virtual std::uint64_t count(const std::string& alias, const DocumentRange& range) = 0;

    /// Deletes the documents of `range`; returns how many were deleted.
    virtual std::uint64_t remove(const std::string& alias, const DocumentRange& range) = 0;

    /// Bookmarks: the last day an aggregation completed for a community (`YYYY-MM-DD...` text).
    virtual std::optional<std::string> bookmark(const std::string& aggregation, const std::string& communityId) = 0;
    virtual void setBookmark(const std::string& aggregation, const std::string& communityId, const std::string& value) = 0;
    /// Deletes bookmarks; an empty argument matches everything. Returns how many were deleted.
    virtual std::uint64_t clearBookmarks(const std::string& aggregation, const std::string& communityId) = 0;

    /// Tries once to take the named lock for at most `ttlSeconds`; returns null when another holder
    /// (this or another process) has it and it has not expired. Never waits.
    virtual std::unique_ptr<Lock> tryLock(const std::string& name, std::int64_t ttlSeconds) = 0;
};

}  // namespace statshost
