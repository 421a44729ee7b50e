#pragma once
/// The demo repository's skeleton, decided before any line is written: communities, every
/// record version with its publish time, parent and files, and the time-ordered lifecycle
/// operations (publishes, membership changes, deletions, restorations). Membership *targets*
/// that depend on the state at the time (which community to remove, which records a bulk_add
/// takes) are resolved while streaming, in time order (DemoGenerator.cpp).
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "demo/DemoGenerator.h"
#include "demo/Random.h"

namespace statshost::demo::detail {

/// A record or parent PID: 5+5 lower-case Crockford base32 characters, `abcde-12345`.
using Pid = std::array<char, 11>;
inline std::string_view pidText(const Pid& p) { return {p.data(), p.size()}; }

/// Lower-case 8-4-4-4-12 hex UUID (version 4 layout) from a 128-bit value.
std::string uuidFrom(std::uint64_t hi, std::uint64_t lo);

struct Community {
    std::string id;  ///< UUID
    std::string slug;
    std::string title;
    const char* type;  ///< organization | project | event | topic
    bool restricted;
    bool dashboardEnabled;
};

struct FileEntry {
    std::string key;
    std::uint64_t size = 0;
    int type = -1;            ///< index into vocab::fileTypes(); -1 = no extension at all
    bool omitExt = false;     ///< write the entry without `ext` (type comes from the key suffix)
    bool sizeAsText = false;  ///< write `size` as a numeric string, as some exports do
};

enum class PubDateKind : std::uint8_t { Day, BackDated, Future, Year, YearMonth, Interval, Missing };
enum class AccessKind : std::uint8_t { Open, FilesRestricted, Embargoed, RecordRestricted };
enum class OwnerForm : std::uint8_t { Text, Number, List, None };
/// How a new version states its parent's communities.
enum class VersionCommunities : std::uint8_t { Omit, Same, Changed, Empty };

struct Record {
    std::int64_t at = 0;  ///< publish time = `created`, epoch seconds
    Pid id{};
    std::uint32_t parent = 0;
    std::uint16_t version = 1;  ///< 1-based version index
    bool filesEnabled = true;
    bool migrated = false;  ///< part of the one-day legacy import batch
    VersionCommunities communities = VersionCommunities::Omit;
    std::uint64_t popularity = 1;  ///< usage sampling weight
    std::vector<FileEntry> files;  ///< empty unless filesEnabled
};

struct Parent {
    Pid id{};
    std::uint32_t firstRecord = 0;
    std::uint32_t owner = 0;  ///< user id, 0 = none
    OwnerForm ownerForm = OwnerForm::Text;
    PubDateKind pubDate = PubDateKind::Day;
    AccessKind access = AccessKind::Open;
    std::uint16_t resourceType = 0;
    std::vector<std::uint32_t> publishCommunities;  ///< community indices stated by the first publish
};

enum class OpKind : std::uint8_t {
    Publish,           ///< target = record
    Add,               ///< target = record
    Remove,            ///< target = record
    AcceptInclusion,   ///< target = record
    AcceptSubmission,  ///< target = record, aux = community
    AcceptTransfer,    ///< target = record
    BulkAdd,           ///< target = wanted number of records, aux = community
    Delete,            ///< target = record
    Restore,           ///< target = record
};

struct LifeOp {
    std::int64_t at;
    std::uint32_t seq;
    OpKind kind;
    std::uint32_t target;
    std::uint32_t aux;
};

struct Plan {
    std::uint64_t seed = 0;
    std::int64_t firstDay = 0;  ///< day number of the first day
    std::int64_t dayCount = 0;  ///< number of days in the period
    std::int64_t startAt = 0;   ///< first second of the period
    std::int64_t endAt = 0;     ///< last second of the period (inclusive)
    std::uint64_t usageEvents = 0;
    std::uint32_t users = 0;
    std::vector<Community> communities;
    WeightedTable communityWeights;  ///< Zipf: index 0 is the biggest community
    std::vector<Record> records;     ///< in publish order
    std::vector<Parent> parents;
    std::vector<LifeOp> ops;         ///< sorted by (at, seq); publishes included
};

/// Validates the options and builds the plan. Throws std::invalid_argument for bad options.
Plan buildPlan(const DemoOptions& options);

/// The domain of generated URLs (record landing pages, internal referrers).
constexpr const char* kSiteUrl = "https://demo.example.org";

}  // namespace statshost::demo::detail
