#pragma once
/// The shared half of every document-family aggregator (Family.h is the other half).
///
/// FamilyAggregator implements statshost::Aggregator over one Family: configure() validates the
/// STATS_AGGREGATIONS entry (a non-empty `templates` alias, an empty or mapping `params` with only the
/// keys the subclass allows), indexTemplates() is the family's template, run() is AggregatorDriver::run.
/// A concrete aggregator is a subclass whose default constructor hands its Family over, e.g.
///     class CommunityUsageDeltaAggregator : public FamilyAggregator {
///     public: CommunityUsageDeltaAggregator() : FamilyAggregator(std::make_unique<UsageDeltaFamily>()) {} };
///
/// AggregatorDriver::run is the run algorithm of Family.h; the details it adds:
///   - Communities: request.communityIds when given (only those, "global" only when named); otherwise
///     every community of source.communities() plus "global" (processed by id, "global" last). A
///     community without data, bookmark or dirty marker is skipped.
///   - Dirty markers are written for every community the family names, requested or not, so a run
///     limited to some communities loses nothing for the others. The watermark moves only after all
///     of them are written.
///   - Settings fingerprint: bookmark(name + "#config", "*") keeps a hash of the AggregationSettings
///     (catch-up excluded); when it differs the run starts from scratch as if there were no watermark
///     (changing COMMUNITY_STATS_SUBCOUNTS re-aggregates by itself).
///   - ignoreBookmark: the requested communities are recomputed from their first day (or first stored
///     document when earlier); startDay/endDay narrow the window [from, to] of every community;
///     bookmarks never move backwards; days left stale by a narrowed window stay covered by the dirty
///     marker. A from-scratch run removes the stored documents of a community that has no data any more.
///   - request.tick: at most settings.catchupDays days per community per run (the dirty marker moves to
///     the first day not done); otherwise every window runs through `to`.
///   - updateBookmark = false: documents are written, but no bookmark, watermark or dirty marker is
///     moved back or cleared; when documents land after a community's bookmark its dirty marker is
///     lowered to cover them (so a later run cannot take them for current).
///   - Writes: DocumentStore::replaceRange per community in ascending, contiguous day batches of up to
///     1000 documents / 4 MB; emitted parts wait (all windows together at most 16 MB) until a batch is
///     full, so a family emitting a day of every community at a time still writes few large batches.
///     The last batch of a window also covers its empty days after the last document.
///   - Background writes (the default): the batches go to one writer thread (DriverBatchWriter), in
///     submission order, while the family computes on; at most 8 MB of bodies wait for it. Each round's
///     writes are waited for before any bookmark or marker moves, so "documents before bookmark" holds
///     as with synchronous writes. A failed write fails its community (and drops its later batches)
///     exactly as a synchronous one; the failure is noticed at the next emit or at the end of the
///     compute. A family that reads its own alias while computing sees the batches of earlier rounds,
///     not those of its current compute() (no family does that).
///   - Errors of one community (family or storage) are logged and reported in
///     AggregationResult::errors; the others continue. Progress: one phase per run, unit "communities".
///
/// Crash safety (kill -9 anywhere, then run again → the same documents): dirty markers are written
/// before the watermark moves, so a lost run re-reads the same changes; a community's documents are
/// written before its bookmark moves and its dirty marker is cleared only after that, so a community
/// interrupted mid-way is recomputed from its old dirty day by the next run. Every step is idempotent
/// (markers are a minimum, windows are replaced whole).
///
/// Families may emit one community in several consecutive parts (ascending, non-overlapping days):
/// the driver writes each part as it comes and, after compute() returns, empties the rest of the
/// window. A family that keeps working data for the length of a run may also implement
/// RunScopedFamily; the driver calls endRun() when the run is over (also after errors).
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "Family.h"
#include "statshost/Aggregator.h"

namespace statshost::aggregators {

/// Optional second interface of a Family holding per-run working data.
class RunScopedFamily {
public:
    virtual ~RunScopedFamily() = default;
    /// The run is over: drop what the run loaded.
    virtual void endRun() = 0;
};

class AggregatorDriver {
public:
    /// `family` must outlive the driver. `name` is the aggregation name (bookmark key), `alias` the
    /// index written. `backgroundWrites` false writes every batch on the calling thread (tests).
    AggregatorDriver(Family& family, std::string name, std::string alias, bool backgroundWrites = true);

    AggregationResult run(AggregationContext& ctx, const AggregationRequest& request);

    /// Bookmark names kept next to the aggregation name (see Family.h).
    static std::string dirtyName(const std::string& name) { return name + "#dirty"; }
    static std::string seqName(const std::string& name) { return name + "#seq"; }
    static std::string configName(const std::string& name) { return name + "#config"; }
    /// The community id of the watermark and the settings fingerprint.
    static constexpr const char* kRunKey = "*";

    /// Text fingerprint of the settings that shape documents (catchupDays excluded).
    static std::string settingsFingerprint(const AggregationSettings& settings);

private:
    Family& _family;
    std::string _name;
    std::string _alias;
    bool _backgroundWrites;
};

/// statshost::Aggregator over one Family (see the file comment).
class FamilyAggregator : public Aggregator {
public:
    explicit FamilyAggregator(std::unique_ptr<Family> family);
    ~FamilyAggregator() override;

    void configure(const AggregatorSetup& setup) override;
    std::vector<IndexTemplate> indexTemplates() const override;
    AggregationResult run(AggregationContext& context, const AggregationRequest& request) override;

    const std::string& name() const { return _name; }
    const std::string& alias() const { return _alias; }
    /// Background batch writes (default true); false writes on the run's thread (to compare in tests).
    void setBackgroundWrites(bool background) { _backgroundWrites = background; }

protected:
    /// `params` keys this aggregator accepts (none by default: any key is a ConfigError).
    virtual std::vector<std::string> allowedParams() const { return {}; }
    /// Called at the end of configure() with the validated setup (default: nothing).
    virtual void configured(const AggregatorSetup& setup) { (void)setup; }
    Family& family() { return *_family; }

private:
    std::unique_ptr<Family> _family;
    std::string _name;
    std::string _alias;
    bool _configured = false;
    bool _backgroundWrites = true;
};

}  // namespace statshost::aggregators
