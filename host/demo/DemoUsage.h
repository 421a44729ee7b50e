#pragma once
/// Record-view and file-download hits for the demo stream, generated one day at a time so the
/// whole history never sits in memory. Daily volume follows the repository's size with weekly
/// and yearly seasonality; records are drawn by a power-law popularity (plus a bonus for the
/// newest); visitors are a Zipf-active population of browsers, crawlers, scripts, machine
/// agents and API clients.
#include <cstdint>
#include <string>
#include <vector>

#include "demo/DemoPlan.h"
#include "demo/DemoTime.h"
#include "demo/Random.h"

namespace statshost::demo::detail {

enum class VisitorKind : std::uint8_t { Human, Crawler, Script, Machine, Api };

struct Visitor {
    VisitorKind kind = VisitorKind::Human;
    std::uint8_t agent = 0;  ///< index into the kind's agent list
    bool hasAgent = true;
    bool hasIp = true;
    bool ipv6 = false;
    bool hasSession = false;
    bool hasCountry = false;
    bool numericUser = false;  ///< write `user_id` as a JSON number
    std::uint8_t country = 0;
    std::uint32_t user = 0;  ///< 0 = anonymous
    std::uint64_t address = 0;
};

enum class Referrer : std::uint8_t { None, Google, Scholar, Other, RecordPage };

struct UsageEvent {
    std::int64_t at = 0;
    std::uint32_t seq = 0;
    std::uint32_t record = 0;
    std::uint32_t visitor = 0;
    bool download = false;
    bool viaApi = false;
    bool withSize = false;
    bool withFileId = false;
    std::uint8_t file = 0;  ///< index of the downloaded file in the record's files
    Referrer referrer = Referrer::None;
    std::uint8_t referrerDetail = 0;  ///< variant of the referrer URL
};

class UsageModel {
public:
    explicit UsageModel(const Plan& plan);

    /// Planned view + download lines on day offset `d` (sums to plan.usageEvents).
    std::uint64_t plannedFor(std::int64_t d) const { return _daily[static_cast<std::size_t>(d)]; }

    /// Makes every record published before `instant` eligible for hits.
    void activateBefore(std::int64_t instant);
    /// Deleted records keep a small share of views (their tombstone pages) and get no downloads.
    void setDeleted(std::uint32_t record, bool deleted);

    /// The hits of day offset `d`, sorted by (at, seq). Only active records are used.
    void generateDay(std::int64_t d, std::vector<UsageEvent>& out);

    /// Appends one `view` / `download` line (with the trailing newline). A download of a deleted
    /// record is written as a view of its tombstone; returns true when the line is a download.
    bool writeLine(std::string& buf, TimestampFormatter& time, const UsageEvent& e, bool recordDeleted);

    const Visitor& visitor(std::uint32_t i) const { return _visitors[i]; }

private:
    std::uint32_t pickVisitor(VisitorKind kind);
    void appendIp(std::string& out, const Visitor& v) const;
    void appendSession(std::string& out, std::uint32_t visitor, std::int64_t day) const;

    const Plan& _plan;
    Rng _rng;
    std::vector<std::uint64_t> _daily;
    std::vector<Visitor> _visitors;
    std::vector<std::vector<std::uint32_t>> _pools;  ///< visitor indices per kind, most active first
    std::vector<WeightedTable> _poolWeights;
    WeightedTable _kinds;
    WeightedTable _hours;
    WeightedTable _countries;
    WeightedTable _browsers;
    FenwickSampler _popularity;
    std::vector<bool> _deleted;
    std::vector<std::vector<std::string>> _agentJson;  ///< quoted, escaped user agents per visitor kind
    std::uint32_t _active = 0;
    std::uint32_t _seq = 0;
};

}  // namespace statshost::demo::detail
