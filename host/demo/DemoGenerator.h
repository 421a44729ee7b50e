#pragma once
/// Deterministic demo data for statshost: a repository history written as a REPLAY.md stream
/// (one JSON operation per line, non-decreasing `at`), ready for `statshost import ops`.
///
/// The stream contains, in time order: every community (first), first versions and new versions
/// of records (some changing their parent's communities), membership changes (add, bulk_add,
/// remove, accept_request of each type), deletions and restorations, and record-view /
/// file-download hits with realistic agents, addresses from the documentation ranges, referrers,
/// countries, API views and double clicks. Shapes are Zenodo-like: Zipf-sized communities, Zipf
/// uploaders, power-law record popularity, weekly and yearly seasonality, a growing repository.
///
/// The same options give byte-identical output (own PRNG, no standard-library distributions, no
/// clock, no unordered iteration). Output is streamed; memory is O(records), not O(events).
#include <cstdint>
#include <iosfwd>
#include <string>

namespace statshost::demo {

enum class Scale { Small, Medium, Large };

/// "small" | "medium" | "large".
std::string scaleName(Scale scale);
/// Inverse of scaleName (case-sensitive); throws std::invalid_argument naming the bad value.
Scale parseScale(const std::string& name);

/// Nominal sizes of a scale (before any override in DemoOptions).
struct ScaleDefaults {
    std::uint64_t communities;
    std::uint64_t records;      ///< publish lines (record versions)
    std::uint64_t usageEvents;  ///< view + download lines
    unsigned years;             ///< length of the default period
};
ScaleDefaults scaleDefaults(Scale scale);

/// The last day of the default period. Fixed (not "today") so output never depends on the clock.
constexpr const char* kDefaultEndDate = "2025-12-31";

struct DemoOptions {
    std::uint64_t seed = 1;
    Scale scale = Scale::Small;
    /// First day of the history, `YYYY-MM-DD` (UTC). "" = endDate minus the scale's years (+1 day).
    std::string startDate;
    /// Last day (inclusive), `YYYY-MM-DD`. "" = startDate plus the scale's years when startDate is
    /// given, else kDefaultEndDate. Must be at least 7 days after startDate.
    std::string endDate;
    /// Overrides of the scale's sizes; 0 keeps the scale's value.
    std::uint64_t communities = 0;
    std::uint64_t records = 0;
    std::uint64_t usageEvents = 0;
};

/// Counts of what one generate() call wrote. Each count is a number of output lines unless noted.
struct DemoSummary {
    std::uint64_t lines = 0;
    std::uint64_t bytes = 0;
    std::uint64_t communities = 0;   ///< `community` lines (one per community)
    std::uint64_t records = 0;       ///< `publish` lines = record versions published
    std::uint64_t parents = 0;       ///< first versions = distinct parents
    std::uint64_t versions = 0;      ///< `publish` lines of second or later versions (records - parents)
    std::uint64_t versionCommunityChanges = 0;  ///< new versions whose `parent.communities.ids` changed the set
    std::uint64_t membershipOps = 0;  ///< adds + bulkAdds + removes + acceptRequests
    std::uint64_t adds = 0;
    std::uint64_t bulkAdds = 0;
    std::uint64_t removes = 0;
    std::uint64_t acceptRequests = 0;
    std::uint64_t deletions = 0;
    std::uint64_t restorations = 0;
    std::uint64_t views = 0;
    std::uint64_t downloads = 0;
    std::string firstAt;  ///< `at` of the first line, "" when nothing was written
    std::string lastAt;   ///< `at` of the last line
};

class DemoGenerator {
public:
    /// Writes the whole stream to `out` (flushed in large blocks) and returns what was written.
    /// Throws std::invalid_argument for bad options (dates, ranges) before writing anything, and
    /// std::runtime_error when `out` fails.
    DemoSummary generate(const DemoOptions& options, std::ostream& out);
};

}  // namespace statshost::demo
