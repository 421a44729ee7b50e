#pragma once
/// The host's AggregationSource (statshost/Sources.h): read-only views of the repository tables
/// (repository/RepositorySchema.cpp), the community-events log, the usage store
/// (usage/store/UsageStore.h) and the change feed, all read through one storage::Database.
///
/// Change numbers: every writing transaction of the repository services and the usage pipeline takes
/// one number from repo_change_counter (RepositoryTx::changeSeq; the usage store stamps its rows and
/// usage_changes with the same number), so the counter's committed value is currentChangeSeq().
/// changesSince(seq) reads the counter first and then only rows with seq < change_seq <= counter, so a
/// feed never claims a number whose rows it did not look at.
///
/// Memory: forEachRecord and forEachCommunityEvent read keyset pages (kRecordPage records with their
/// files and facets in three statements per page; kEventPage events), never the whole table; no
/// statement stays open while a callback runs, so callbacks may use the same Database (not the source).
///
/// Country labels come from the iso-codes file given at construction, loaded on the first call of
/// countryLabel(); when it cannot be loaded the code itself is the label and one warning is logged.
///
/// Threading: one thread at a time (an aggregation run). The Database must outlive the source.
/// The repository and usage tables must exist (ensureSourceTables).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "statshost/Sources.h"
#include "storage/Database.h"
#include "usage/classify/CountryNames.h"

namespace statshost::aggregation {

/// Creates the repository and usage tables when missing (idempotent; what the source reads).
void ensureSourceTables(storage::Database& db);

class HostAggregationSource : public AggregationSource {
public:
    /// Records read per page by forEachRecord (with their files and facets).
    static constexpr std::size_t kRecordPage = 2000;
    /// Ids per statement of records().
    static constexpr std::size_t kIdChunk = 1000;

    /// `isoCodesPath`: the iso-codes iso_3166-1 JSON (config paths.isoCodes); "" = labels are the codes.
    /// `recordPage`: records per forEachRecord page (tests use small pages).
    HostAggregationSource(storage::Database& db, std::string isoCodesPath, std::size_t recordPage = kRecordPage);
    ~HostAggregationSource() override;

    std::int64_t currentChangeSeq() override;
    ChangeFeed changesSince(std::int64_t seq) override;
    std::vector<CommunityInfo> communities() override;
    void forEachRecord(const std::function<void(const RecordFacts&)>& visit) override;
    std::vector<RecordFacts> records(const std::vector<std::string>& recordIds) override;
    void forEachCommunityEvent(const std::string& communityId,
                               const std::function<void(const CommunityEvent&)>& visit) override;
    void scanUsage(std::int64_t fromDay, std::int64_t toDay,
                   const std::function<void(const UsageFact&)>& visit) override;
    std::pair<std::int64_t, std::int64_t> usageDayRange() override;
    std::string countryLabel(const std::string& code) override;

private:
    storage::Database& _db;
    std::string _isoCodesPath;
    std::size_t _recordPage;
    bool _countriesTried = false;
    std::optional<usage::CountryNames> _countries;
};

}  // namespace statshost::aggregation
