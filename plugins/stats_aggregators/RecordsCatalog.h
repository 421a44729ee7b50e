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
/// Label changes: given a run's change feed, labelSuspects() lists the records whose documents may show
/// a label that changed since the feed's watermark. The catalog itself does not depend on any feed, so
/// one catalog can serve every records family of a run (RecordsCatalogShare.h).
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "Family.h"
#include "statshost/Sources.h"

namespace statshost::aggregators {

struct CatalogValue {
    std::int64_t volume = 0;
    std::int32_t item = 0;
    std::int32_t fileCount = 0;
    std::int32_t label = -1;  ///< the record's own label for the item (RecordsCatalog::labelText), -1: none
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
    std::int32_t labelRecord = -1;  ///< the record whose label `label` is (-1: none, `label` is the id)
};

struct CatalogEvent {
    std::int32_t record = 0;
    bool added = false;
    std::int64_t micros = 0;
};

class RecordsCatalog {
public:
    /// Reads every record and every event of `source`.
    RecordsCatalog(AggregationSource& source, const AggregationSettings& settings);

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
    /// record carrying an item whose label-deciding record is in the feed and whose label could have
    /// been different before (from the labels of the records outside the feed and of those in it that
    /// could have decided), in record order.
    std::vector<std::int32_t> labelSuspects(const ChangeFeed& feed) const;
    /// Text of a CatalogValue::label.
    const std::string& labelText(std::int32_t label) const { return _labelTexts[label]; }

    std::size_t skippedEvents() const { return _skippedEvents; }

private:
    struct LabelCandidate {
        std::int64_t publishedMicros = 0;
        std::int32_t record = -1;  ///< -1: none
        std::int32_t label = -1;
    };
    struct SpecIndex {
        std::unordered_map<std::string, std::int32_t> itemByValue;
    };

    void addRecord(const RecordFacts& facts, DayNumber floorDay);
    std::int32_t internLabel(const std::string& label);
    void offerLabel(LabelCandidate& best, std::int32_t record, std::int64_t micros, std::int32_t label) const;
    bool earlier(std::int64_t microsA, std::int32_t recordA, std::int64_t microsB, std::int32_t recordB) const;
    void addEvent(const CommunityEvent& event);
    void finishItems();

    std::vector<SubcountSpec> _specs;
    std::vector<SpecIndex> _specIndex;
    std::unordered_map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> _facetUses;  ///< facet → (spec, position)
    std::vector<std::vector<std::pair<std::size_t, std::size_t>>> _factsBySpec;  ///< scratch of addRecord
    std::vector<CatalogRecord> _records;
    std::vector<std::string> _recordIds;
    std::vector<std::int64_t> _publishedMicros;
    std::unordered_map<std::string, std::int32_t> _recordById;
    std::unordered_map<std::string, std::int32_t> _parentById;
    std::vector<std::int32_t> _parentVersions;
    std::unordered_map<std::string, std::int32_t> _ownerById;
    std::size_t _ownerCount = 0;
    std::vector<CatalogValue> _values;
    std::vector<CatalogItem> _items;
    std::vector<LabelCandidate> _bestLabel;  ///< per item, over every record (while loading)
    std::vector<std::string> _labelTexts;    ///< interned labels
    std::unordered_map<std::string, std::int32_t> _labelIds;
    std::vector<std::vector<std::int32_t>> _byRank;
    std::unordered_map<std::string, std::int32_t> _communityById;
    std::vector<std::string> _communityIds;
    std::vector<std::vector<CatalogEvent>> _events;
    std::size_t _skippedEvents = 0;
};

}  // namespace statshost::aggregators
