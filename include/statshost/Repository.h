#pragma once
/// What service components see of the repository and the community-events log, inside one
/// service call. Both views are bound to the call's transaction: what a component appends is
/// visible to later components of the same call and is committed (or rolled back) with the
/// service's own change. Valid only during the hook call; not thread safe.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace statshost {

/// A published record version as the records service stored it.
struct RecordRef {
    std::string recordId;
    std::string parentId;
    std::string created;                    ///< `created` as given (ISO-8601)
    std::int64_t createdMicros = 0;         ///< UTC epoch µs
    std::string publicationDate;            ///< raw `metadata.publication_date` ("" if none)
    std::string normalisedPublishedDate;    ///< BACKEND.md §2.5 form, "" when unparsable/missing
    bool isDeleted = false;                 ///< tombstoned
    std::int64_t deletedMicros = 0;         ///< when tombstoned (0 when not deleted)
};

/// One document of the `stats-community-events` log (SEMANTICS.md §2, BACKEND.md §1.2).
struct CommunityEvent {
    std::int64_t seq = 0;                   ///< insertion order, assigned by the log
    std::string recordId;
    std::string communityId;                ///< community UUID or "global"
    std::string eventType;                  ///< "added" or "removed"
    std::int64_t eventDateMicros = 0;
    std::string recordCreatedDate;
    std::string recordPublishedDate;        ///< normalised, "" = null
    bool isDeleted = false;
    std::int64_t deletedDateMicros = 0;     ///< 0 = null
    std::int64_t timestampMicros = 0;       ///< when the event document was written
    std::int64_t updatedTimestampMicros = 0;
};

/// Read access to the stored records (published versions, including tombstoned ones).
class RepositoryView {
public:
    virtual ~RepositoryView() = default;
    virtual std::optional<RecordRef> record(const std::string& recordId) = 0;
    /// Every published version of a parent, in publication order.
    virtual std::vector<RecordRef> versionsOf(const std::string& parentId) = 0;
    /// The parent's current communities (sorted).
    virtual std::vector<std::string> communitiesOf(const std::string& parentId) = 0;
};

/// The community-events log.
class CommunityEventsLog {
public:
    virtual ~CommunityEventsLog() = default;
    /// The newest event for (record, community): greatest event date, ties by insertion order.
    virtual std::optional<CommunityEvent> latest(const std::string& recordId, const std::string& communityId) = 0;
    /// Every event of a record, in (event date, insertion) order.
    virtual std::vector<CommunityEvent> eventsOf(const std::string& recordId) = 0;
    /// Appends an event (seq and timestamps are assigned here; the rest is taken as given).
    virtual void append(const CommunityEvent& event) = 0;
    /// Sets is_deleted/deleted_date (0 = clear) on every event of the record whose values differ;
    /// returns how many events changed.
    virtual std::uint64_t setDeleted(const std::string& recordId, bool deleted, std::int64_t deletedMicros) = 0;
};

}  // namespace statshost
