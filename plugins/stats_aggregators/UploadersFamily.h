#pragma once
/// The uploaders delta family (`stats-community-uploaders-delta`, issue 8: the data behind top-uploaders):
/// per community ("global" included) one document per day on which at least one record entered the
/// community's `created`-basis state S(C,created,D) (SEMANTICS §3–§4), FillRule::None:
///   records_added = |S \ P| (== records_added of stats-community-records-delta-created, same day);
///   uploaders     = per owner (RecordFacts::owner, never an e-mail; records without an owner are counted
///                   in records_added only): its versions in S \ P, their distinct parents and their
///                   files' bytes, sorted by owner id.
/// Presence comes from the records families' own code (RecordsCatalog + presenceIntervals with
/// DateBasis::Created): a record enters on the start day of each of its merged, non-empty intervals.
///
/// collectWork follows the records delta (RecordsFamily): without a feed or a bookmark every community
/// from its first presence start; a community whose next boundary after its bookmark has come (≤ asOf);
/// each changed record (row, owner, files, membership, deletion) marks every community it has log
/// events in from conservativeFirstDay(). Labels play no part here.
///
/// Memory per run: the catalog without subcount values, the presence intervals, one owner string per
/// record; per community: its entering records of the window.
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "AggregatorDriver.h"
#include "PresenceIntervals.h"
#include "RecordsCatalog.h"

namespace statshost::aggregators::leaderboard {

class UploadersFamily : public Family, public RunScopedFamily {
public:
    IndexTemplate indexTemplate(const std::string& aggregationName, const std::string& alias) const override;
    void collectWork(AggregationContext& ctx, const ChangeFeed* feed, const std::map<std::string, DayNumber>& bookmarks,
                     DayNumber asOf, std::map<std::string, DayNumber>& from) override;
    void compute(AggregationContext& ctx, const std::vector<WorkItem>& work, DayNumber to,
                 const std::function<void(CommunityDocuments&&)>& emit) override;
    void endRun() override { _run.reset(); }

private:
    struct RunData {
        std::unique_ptr<RecordsCatalog> catalog;
        std::vector<std::string> owners;               ///< per catalog record ("" = none)
        std::vector<std::vector<Presence>> intervals;  ///< per catalog community, basis created
        std::unordered_map<std::string, std::size_t> communityIndex;
    };
    RunData& load(AggregationContext& ctx);
    void computeCommunity(const RunData& run, const std::string& community, const std::vector<Presence>& intervals,
                          DayNumber from, DayNumber to, const std::string& timestamp,
                          const std::function<void(CommunityDocuments&&)>& emit) const;

    std::unique_ptr<RunData> _run;
};

}  // namespace statshost::aggregators::leaderboard
