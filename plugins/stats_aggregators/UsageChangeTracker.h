#pragma once
/// Tells the usage snapshot which delta documents really changed. While the delta family computes a
/// community's window it compares each produced document with the stored one of that day (by value,
/// ignoring `timestamp`; a stored day no longer produced, or a new day, is a change too), and records
/// the first changed day in the bookmark `<delta aggregation>#changed` (community → YYYY-MM-DD, only
/// ever lowered here). The snapshot family reads and clears that marker (UsageSnapshotFamily).
///
/// Ordering (crash safety): writeMarker() must run before the documents it covers are handed to the
/// driver, so a change is never stored without its marker. A marker without a change only costs the
/// snapshot some work.
///
/// Memory: one (day, hash) pair per stored document of the windows. Not thread safe.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "Family.h"
#include "statshost/Store.h"

namespace statshost::aggregators::usagestats {

class UsageChangeTracker {
public:
    /// The marker's bookmark name for a delta aggregation.
    static std::string markerName(const std::string& deltaAggregation) { return deltaAggregation + "#changed"; }

    UsageChangeTracker(DocumentStore& store, std::string alias, std::string deltaAggregation)
        : _store(store), _alias(std::move(alias)), _marker(markerName(deltaAggregation)) {}

    /// Reads what is stored for `community` in [from, to].
    void loadStored(const std::string& community, DayNumber from, DayNumber to);
    /// A document produced for (community, day); days ascending per community.
    void produced(const std::string& community, DayNumber day, const std::string& body);
    /// Every stored day <= `through` that was not produced is a change (the day lost its document).
    void settle(const std::string& community, DayNumber through);
    /// Lowers the stored marker to the first change found so far (no-op when there is none or it is
    /// not lower than what this tracker wrote or read).
    void writeMarker(const std::string& community);
    /// The first change found so far.
    std::optional<DayNumber> firstChange(const std::string& community) const;

    /// The fingerprint of a delta document body.
    static std::uint64_t fingerprint(const std::string& body);

private:
    struct Community {
        std::vector<std::pair<DayNumber, std::uint64_t>> stored;  ///< ascending days
        std::size_t next = 0;                                     ///< first stored entry not yet matched
        std::optional<DayNumber> firstChange;
        std::optional<DayNumber> marker;  ///< what the bookmark holds (read once, then as written)
        bool markerRead = false;
    };
    void change(Community& c, DayNumber day) { c.firstChange = c.firstChange ? std::min(*c.firstChange, day) : day; }

    DocumentStore& _store;
    std::string _alias;
    std::string _marker;
    std::map<std::string, Community> _communities;
};

}  // namespace statshost::aggregators::usagestats
