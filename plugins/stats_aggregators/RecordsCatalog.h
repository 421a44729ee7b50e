#pragma once
/// RecordsCatalog: the records and the community-events log, loaded once per run into compact,
/// interned tables for the records families (SEMANTICS §3–§5, §9, §10).
///
///   - records: parent, owner, class (with_files), created and published days (published floored to
///     COMMUNITY_STATS_PUBLISHED_DATE_FLOOR), deletion, file totals, and its subcount values;
///   - items: one per (record subcount, value id) with the label of SEMANTICS §10.9 (the earliest
///     published record, publish time then record id, that has a real label; else the id) and the
///     id's rank in code-point order within its subcount;
///   - events: per community ("global" included), in log order (event date, insertion).
///
/// A record counts once per id of a subcount over all of the subcount's facets; its label for the id
/// is the first non-empty one in facet order. Values of the facet named "file_type" (the file-type
/// facet of COMMUNITY_STATS_SUBCOUNTS) carry only the files of that type; every other value carries
/// all of the record's files. Events of unknown records are skipped.
///
/// Label changes: given the run's change feed, the catalog lists the records whose documents may show
/// a label that changed since the feed's watermark (see labelSuspects()).
#include <cstdint>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "Family.h"
#include "statshost/Sources.h"

namespace statshost::aggregators {

struct CatalogValue {
    std::int32_t item = 0;
    std::int32_t fileCount = 0;
    std::int64_t volume = 0;
};

struct CatalogRecord {
    std::int32_t parent = 0;
    std::int32_t owner = -1;  ///< -1: no uploader
    bool withFiles = false;
    bool deleted = false;
    DayNumber createdDay = 0;
    DayNumber publishedDay = 0;  ///< floored
    std::int64_t deletedMicros = 0;
    std::int64_t fileCount = 0;
    std::int64_t volume = 0;
    std::uint32_t valuesBegin = 0;  ///< into RecordsCatalog::values
    std::uint32_t valuesEnd = 0;
};

struct CatalogItem {
    std::int32_t spec = 0;
    std::int32_t rank = 0;  ///< position of `id` among its subcount's ids (bytewise order)
    std::string id;
    std::string label;      ///< resolved: never empty
};

struct CatalogEvent {
    std::int32_t record = 0;
    bool added = false;
    std::int64_t micros = 0;
};

class RecordsCatalog {
public:
    /// Reads every record and every event of `source`. `feed` (may be null) marks the records changed
    /// since the watermark, for labelSuspects().
    RecordsCatalog(AggregationSource& source, const AggregationSettings& settings, const ChangeFeed* feed);

    const std::vector<SubcountSpec>& specs() const { return _specs; }
    const std::vector<CatalogRecord>& records() const { return _records; }
    const std::vector<CatalogValue>& values() const { return _values; }
    const std::vector<CatalogItem>& items() const { return _items; }
    /// Items of one subcount by rank.
    const std::vector<std::int32_t>& itemsByRank(std::size_t spec) const { return _byRank[spec]; }
    const std::string& recordId(std::int32_t record) const { return _recordIds[record]; }
    std::size_t parentCount() const { return _parentVersions.size(); }
    std::size_t ownerCount() const { return _ownerCount; }
    /// Number of versions of a parent in the catalog.
    std::int32_t versionsOf(std::int32_t parent) const { return _parentVersions[parent]; }

    /// Record index of an id, or -1.
    std::int32_t recordIndex(const std::string& id) const;

    /// Community ids with at least one event, and their events in log order.
    const std::vector<std::string>& communities() const { return _communityIds; }
    const std::vector<CatalogEvent>& eventsOf(std::size_t community) const { return _events[community]; }

    /// Records whose documents may carry a label that changed since the feed's watermark: every
    /// record carrying an item whose label-deciding record changed and whose label could have been
    /// different before (computed when the catalog was built with a feed; empty otherwise).
    const std::vector<std::int32_t>& labelSuspects() const { return _labelSuspects; }

    std::size_t skippedEvents() const { return _skippedEvents; }

private:
    struct LabelCandidate {
        std::int64_t publishedMicros = 0;
        std::int32_t record = -1;  ///< -1: none
        std::string label;
    };
    struct SpecIndex {
        std::unordered_map<std::string, std::int32_t> itemByValue;
    };

    void addRecord(const RecordFacts& facts, DayNumber floorDay, const std::set<std::string>& feedIds, bool withFeed);
    void offerLabel(LabelCandidate& best, std::int32_t record, std::int64_t micros, const std::string& label) const;
    bool earlier(std::int64_t microsA, std::int32_t recordA, std::int64_t microsB, std::int32_t recordB) const;
    void addEvent(const CommunityEvent& event);
    void finishItems(bool withFeed);

    std::vector<SubcountSpec> _specs;
    std::vector<SpecIndex> _specIndex;
    std::unordered_map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> _facetUses;  ///< facet → (spec, position)
    std::vector<std::vector<std::pair<std::size_t, std::size_t>>> _factsBySpec;  ///< scratch of addRecord
    std::vector<CatalogRecord> _records;
    std::vector<std::string> _recordIds;
    std::vector<std::int64_t> _publishedMicros;
    std::vector<bool> _inFeed;
    std::unordered_map<std::string, std::int32_t> _recordById;
    std::unordered_map<std::string, std::int32_t> _parentById;
    std::vector<std::int32_t> _parentVersions;
    std::unordered_map<std::string, std::int32_t> _ownerById;
    std::size_t _ownerCount = 0;
    std::vector<CatalogValue> _values;
    std::vector<CatalogItem> _items;
    std::vector<LabelCandidate> _bestLabel;          ///< per item, over every record
    std::vector<LabelCandidate> _bestStableLabel;    ///< per item, over records not in the feed
    std::unordered_map<std::int32_t, std::vector<LabelCandidate>> _feedLabels;  ///< by item: feed records' labels
    std::vector<std::vector<std::int32_t>> _byRank;
    std::unordered_map<std::string, std::int32_t> _communityById;
    std::vector<std::string> _communityIds;
    std::vector<std::vector<CatalogEvent>> _events;
    std::vector<std::int32_t> _labelSuspects;
    std::size_t _skippedEvents = 0;
};

}  // namespace statshost::aggregators
