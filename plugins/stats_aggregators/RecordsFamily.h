#pragma once
/// The records document families (SEMANTICS §3–§5, §7, §9): deltas and snapshots of one date basis.
///
/// A run takes the RecordsCatalog and the presence intervals of its basis from the RecordsCatalogShare
/// (loaded once for all records families while nothing changes, RecordsCatalogShare.h) in its first
/// collectWork, then each community is one RecordsSweep from its first boundary through `to`:
///   - delta: a document on every boundary day in [from, to] (a day with a boundary always has records
///     added or removed; other days are zero days, FillRule::Zero);
///   - snapshot: a document on every boundary day in [from, to] whose content differs from the day
///     before (FillRule::CarryForward); the first document is the first day with a non-zero delta.
/// Documents carry `timestamp` = the clock when compute() started.
///
/// collectWork: without a feed, every community with data from its first day. A feed without record
/// changes while every bookmark is at asOf needs no work and loads nothing; so does one on a later day
/// when the QuietState stored by the last load (bookmark quietName(), RecordsQuiet.h) says no boundary
/// day has come. With a feed: each
/// changed record (and each record that may show a changed label, RecordsCatalog::labelSuspects) marks
/// every community it has events in from conservativeFirstDay(); a community without a bookmark is
/// included from its first day; a community whose next boundary after its bookmark is on or before
/// asOf (a future publication date that has come) from that boundary.
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "AggregatorDriver.h"
#include "PresenceIntervals.h"
#include "RecordsCatalog.h"
#include "RecordsCatalogShare.h"
#include "RecordsQuiet.h"
#include "RecordsSweep.h"

namespace statshost::aggregators {

enum class RecordsKind { Delta, Snapshot };

class RecordsFamily : public Family, public RunScopedFamily {
public:
    /// Joins `share` (which must outlive the family) for its whole life.
    RecordsFamily(RecordsKind kind, DateBasis basis, RecordsCatalogShare& share = RecordsCatalogShare::instance());
    ~RecordsFamily() override;
    RecordsFamily(const RecordsFamily&) = delete;
    RecordsFamily& operator=(const RecordsFamily&) = delete;

    IndexTemplate indexTemplate(const std::string& aggregationName, const std::string& alias) const override;
    void collectWork(AggregationContext& ctx, const ChangeFeed* feed, const std::map<std::string, DayNumber>& bookmarks,
                     DayNumber asOf, std::map<std::string, DayNumber>& from) override;
    void compute(AggregationContext& ctx, const std::vector<WorkItem>& work, DayNumber to,
                 const std::function<void(CommunityDocuments&&)>& emit) override;
    void endRun() override;
    void named(const std::string& aggregationName) override { _name = aggregationName; }
    /// Bookmark (community "*") of the QuietState written whenever the repository is loaded.
    std::string quietName() const { return _name + "#quiet"; }

    RecordsKind kind() const { return _kind; }
    DateBasis basis() const { return _basis; }

private:
    struct RunData {
        std::shared_ptr<const SharedRecords> shared;
        const RecordsCatalog* catalog = nullptr;                    ///< shared->catalog()
        const std::vector<std::vector<Presence>>* intervals = nullptr;  ///< per catalog community, this basis
        std::unique_ptr<RecordsSweep> sweep;  ///< created by the first compute()
    };
    RunData& load(AggregationContext& ctx);
    QuietState quietState(const RunData& run, DayNumber asOf) const;

    RecordsKind _kind;
    DateBasis _basis;
    RecordsCatalogShare& _share;
    std::string _name;  ///< the aggregation name (named()); empty: no quiet bookmark
    std::unique_ptr<RunData> _run;
};

}  // namespace statshost::aggregators
