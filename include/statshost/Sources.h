#pragma once
/// What aggregators read: the stored records, the community-events log, the usage events and the
/// change feed, through one read-only view the host lends for a run (AggregationContext::source),
/// plus the COMMUNITY_STATS_* settings that shape documents (AggregationContext::settings).
///
/// Consistency: every method reads committed data with its own statement(s); rows committed while a
/// run is going on may or may not be seen. An aggregator that takes currentChangeSeq() *before*
/// reading anything and later asks changesSince(that number) gets everything it may have missed.
/// Change numbers commit in increasing order (one per writing transaction), so "all changes with
/// seq <= currentChangeSeq()" are committed when the number is read.
///
/// Threading: one run, one thread. Callbacks may not call back into the source.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "statshost/Repository.h"

namespace statshost {

/// One counted file of a record (only when files.enabled; SEMANTICS §10.7).
struct FileFact {
    std::string fileId;
    std::string key;
    std::string ext;        ///< lower case, "" = no type
    std::int64_t size = 0;  ///< bytes
};

/// One facet value of a record (the `facets:` rules of COMMUNITY_STATS_SUBCOUNTS). Values are
/// distinct per (facet, id). An empty label means the record has no real label for the id.
struct FacetFact {
    std::string facet;
    std::string id;
    std::string label;
};

/// A published version with what the records and usage aggregators need.
struct RecordFacts {
    std::string recordId;
    std::string parentId;
    std::int64_t createdMicros = 0;    ///< the record's `created` (UTC µs)
    std::int64_t publishedMicros = 0;  ///< when the publish call happened (label precedence, §10.9)
    std::string publicationDay;        ///< YYYY-MM-DD, EDTF-normalised, `created` day as fallback, NOT floored
    bool filesEnabled = false;         ///< the record class: with_files when true
    std::string owner;                 ///< uploader as a string, "" = none
    bool isDeleted = false;
    std::int64_t deletedMicros = 0;    ///< 0 when not deleted
    std::vector<FileFact> files;       ///< counted files, in the record's order
    std::vector<FacetFact> facets;     ///< every facet value, rules in configuration order
};

/// One subcount side (records or usage) of COMMUNITY_STATS_SUBCOUNTS.
struct SubcountSpec {
    std::string name;                 ///< subcount name, e.g. "resource_types"
    std::string deltaKey;             ///< e.g. "by_resource_type"
    std::string snapshotKey;          ///< e.g. "all_resource_types" / "top_subjects"
    bool top = false;                 ///< snapshot lists only the first topLimit items
    std::vector<std::string> facets;  ///< source facets; a record counts once per id over all of them.
                                      ///< The usage-only facets "country" and "referrer" come from the
                                      ///< event (UsageFact::country / referrerHost), "file_type" of a
                                      ///< download from the downloaded file (UsageFact::fileType).
};

/// COMMUNITY_STATS_* values that shape documents.
struct AggregationSettings {
    std::vector<SubcountSpec> recordSubcounts;  ///< in configuration order
    std::vector<SubcountSpec> usageSubcounts;   ///< in configuration order
    std::int64_t topLimit = 20;                 ///< COMMUNITY_STATS_TOP_SUBCOUNT_LIMIT
    std::string publishedDateFloor = "1900-01-01";  ///< COMMUNITY_STATS_PUBLISHED_DATE_FLOOR
    std::int64_t catchupDays = 365;             ///< COMMUNITY_STATS_CATCHUP_INTERVAL (scheduler ticks only)
};

struct CommunityInfo {
    std::string id;
    std::string slug;
};

/// One stored usage event (a double-click survivor; robots and API views never get here).
struct UsageFact {
    bool download = false;             ///< false = record view
    std::int64_t timestampMicros = 0;  ///< UTC
    std::int64_t day = 0;              ///< days since 1970-01-01 of the timestamp
    std::string recordId;
    std::string parentId;
    std::string visitorId;
    std::string country;               ///< ISO alpha-2, "" = none
    std::string referrerHost;          ///< "" = none
    bool isMachine = false;
    std::string fileId;                ///< downloads
    std::string fileType;              ///< downloads: lower-case extension of the file, "" = none
    std::int64_t size = 0;             ///< downloads: bytes
};

/// What changed in (fromSeq, toSeq].
struct ChangeFeed {
    std::int64_t fromSeq = 0;
    std::int64_t toSeq = 0;                ///< the highest change number seen (fromSeq when nothing changed)
    std::vector<std::string> recordIds;    ///< records whose row or any community event changed (sorted, distinct)
    std::vector<std::int64_t> usageDays;   ///< days whose stored usage events changed (ascending, distinct)
    bool communitiesChanged = false;       ///< a community was created or updated
};

class AggregationSource {
public:
    virtual ~AggregationSource() = default;

    /// The highest committed change number (0 on an empty repository).
    virtual std::int64_t currentChangeSeq() = 0;
    /// Changes with change number in (seq, currentChangeSeq()].
    virtual ChangeFeed changesSince(std::int64_t seq) = 0;

    /// Every community (not "global"), ordered by id.
    virtual std::vector<CommunityInfo> communities() = 0;

    /// Every record, deleted ones included, in record-id order. Memory: one page at a time.
    virtual void forEachRecord(const std::function<void(const RecordFacts&)>& visit) = 0;
    /// The given records (unknown ids are skipped), in record-id order.
    virtual std::vector<RecordFacts> records(const std::vector<std::string>& recordIds) = 0;

    /// Events of the community-events log for `communityId` ("global" included; "" = every
    /// community), in (event date, insertion) order. Memory: one page at a time.
    virtual void forEachCommunityEvent(const std::string& communityId,
                                       const std::function<void(const CommunityEvent&)>& visit) = 0;

    /// Stored usage events of days fromDay..toDay inclusive, in (day, timestamp, insertion) order.
    virtual void scanUsage(std::int64_t fromDay, std::int64_t toDay,
                           const std::function<void(const UsageFact&)>& visit) = 0;
    /// The first and last day with stored usage events; {0, -1} when there are none.
    virtual std::pair<std::int64_t, std::int64_t> usageDayRange() = 0;

    /// English short name of an ISO alpha-2 country code (iso-codes common_name, else name), or the code.
    virtual std::string countryLabel(const std::string& code) = 0;
};

}  // namespace statshost
