#pragma once
/// The host's DocumentStore: index families, bookmarks and locks on SQLite or PostgreSQL.
///
/// Layout (see IndexLayout.h and Names.h): alias "stats-x" is the family table `idx_stats_x` (SQLite: a view
/// over the years; PostgreSQL: a table partitioned by day) with one relation per year, `idx_stats_x__2024`.
/// Internal tables: statshost_meta (schema version), statshost_indices (templates, with fill rule and extent
/// bookmark), statshost_index_years, statshost_bookmarks, statshost_locks.
///
/// Threading: every method may be called from any thread; several Storage objects (in one or several
/// processes) may share one database. Call initialize() once after open() before anything else.
/// Bodies are stored as bytes (schema 3, BodyCodec.h): zstd frames, or the JSON text when short; every read
/// returns exactly the text that was written, on both backends.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "statshost/Store.h"
#include "storage/Database.h"
#include "storage/IndexLayout.h"
#include "storage/StorageOptions.h"
#include "storage/YearCache.h"

namespace statshost::storage {

/// One index family as `statshost status` shows it.
struct IndexInfo {
    std::string alias;
    std::vector<int> years;     ///< ascending
    std::uint64_t documents;    ///< over all years
};

/// One stored bookmark (see Storage::bookmarksNamedAfter).
struct StoredBookmark {
    std::string aggregation;
    std::string communityId;
    std::string value;
};

class Storage : public DocumentStore {
public:
    /// Parses `url` (see StorageUrl.h) and connects once to check it; throws StorageError naming the
    /// redacted URL.
    static std::unique_ptr<Storage> open(const std::string& url, const StorageOptions& options = {});
    ~Storage() override;

    /// "sqlite" or "postgresql".
    std::string backend() const;
    /// The URL with its password replaced by "***".
    const std::string& redactedUrl() const { return _redactedUrl; }

    /// Creates the internal tables if needed and checks the schema version; idempotent and safe when
    /// several processes race. Throws StorageError when the database is of a newer schema version.
    void initialize();
    /// Drops every index family (tables, partitions, views) and deletes every template, bookmark and lock
    /// row. The internal tables stay, so the store remains usable without a new initialize().
    void destroyIndices();
    /// Registered families, ordered by alias, with their years and document counts (a derived family's
    /// count is its deriver's when registered here, else the rows left in its table).
    std::vector<IndexInfo> indices();
    /// The SQL seam, for tables outside the index families (records, events, ...).
    Database& database() { return *_db; }
    /// True when `alias` is a derived family (registered with a DocumentDeriver, by any process): its
    /// documents come from the deriver, not from its table. Throws StorageError for an unknown alias.
    bool isDerived(const std::string& alias);

    void registerTemplate(const IndexTemplate& tmpl) override;
    void upsert(const std::string& alias, const std::vector<Document>& docs) override;
    void scan(const std::string& alias, const DocumentRange& range,
              const std::function<bool(const Document&)>& visit) override;
    /// SQLite: one IMMEDIATE transaction; PostgreSQL: one transaction, one DELETE through the family table
    /// and the single-statement write of upsert (binary arrays, IndexLayout::write).
    /// Years the documents need are created first (in their own short transactions, as upsert does).
    void replaceRange(const std::string& alias, const DocumentRange& range, const std::vector<Document>& docs) override;
    /// One statement: per year relation (newest first) an index lookup on (community_id, day, id).
    std::optional<Document> latest(const std::string& alias, const std::string& communityId,
                                   const std::string& onOrBeforeDay) override;
    /// A handful of statements (template, first document, extent, the document before the range) plus the
    /// pages of one scan; missing days are rendered from a FillTemplate, never queried. Memory: one scan page.
    void readDense(const std::string& alias, const DocumentRange& range,
                   const std::function<bool(const Document&)>& visit) override;
    std::uint64_t count(const std::string& alias, const DocumentRange& range) override;
    std::uint64_t remove(const std::string& alias, const DocumentRange& range) override;

    std::optional<std::string> bookmark(const std::string& aggregation, const std::string& communityId) override;
    void setBookmark(const std::string& aggregation, const std::string& communityId, const std::string& value) override;
    std::uint64_t clearBookmarks(const std::string& aggregation, const std::string& communityId) override;
    /// In one statement, every bookmark named `aggregation` or `aggregation#...` (the markers an
    /// aggregation keeps next to its own), in no particular order. Throws StorageError for an empty or
    /// unclean name.
    std::vector<StoredBookmark> bookmarksNamedAfter(const std::string& aggregation);

    /// Never waits for another holder. SQLite: a row in statshost_locks that expires after `ttlSeconds` and
    /// can then be taken over (writing the row may wait up to the busy timeout for SQLite's writer lock).
    /// PostgreSQL: a session advisory lock on a connection owned by the returned Lock (released when it is
    /// destroyed or its connection dies; `ttlSeconds` is only recorded in statshost_locks for visibility,
    /// through the pool: the lock's own connection runs only the lock calls).
    /// The Lock may outlive this Storage.
    std::unique_ptr<Lock> tryLock(const std::string& name, std::int64_t ttlSeconds) override;

private:
    Storage(std::shared_ptr<Database> db, std::string redactedUrl);

    /// Creates the year relations of `byYear` that the alias does not have yet; throws for an unknown alias.
    void createMissingYears(const std::string& alias, const IndexLayout::DocumentsByYear& byYear);
    /// Runs `body` in one transaction once the years of `byYear` exist: without a lookup when the year cache
    /// has them all (a failure is then retried once after a fresh lookup), else after createMissingYears.
    void writeInYears(const std::string& alias, const IndexLayout::DocumentsByYear& byYear,
                      const std::function<void(Connection&)>& body);
    /// The community's first (`newest` false) or last document with day <= `onOrBeforeDay` ("" = any).
    std::optional<Document> edgeDocument(const std::string& alias, const std::string& communityId,
                                         const std::string& onOrBeforeDay, bool newest);

    /// Derived families (StorageDerived.cpp). rememberTemplate keeps what registerTemplate registered;
    /// deriverOf is null for a stored family and throws StorageError for a derived one whose deriver this
    /// object does not have. Whether an alias is derived is read from statshost_indices once per alias and
    /// Storage object (it changes only when a new release re-registers the template, at start-up).
    void rememberTemplate(const IndexTemplate& tmpl);
    std::shared_ptr<DocumentDeriver> deriverOf(const std::string& alias);
    /// Refuses documents for a derived family (writes of an empty batch only delete stored rows).
    void checkWritable(const std::string& alias, const std::vector<Document>& docs);

    std::shared_ptr<Database> _db;
    std::unique_ptr<IndexLayout> _layout;
    std::string _redactedUrl;

    std::mutex _derivedMutex;                                            ///< guards the two maps below
    std::map<std::string, bool> _derivedAliases;                         ///< alias → derived, as read or registered
    std::map<std::string, std::shared_ptr<DocumentDeriver>> _derivers;  ///< registered here

    YearCache _years;  ///< years this object saw registered (writes only; see YearCache.h)
};

}  // namespace statshost::storage
