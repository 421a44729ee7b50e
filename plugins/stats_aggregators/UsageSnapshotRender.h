#pragma once
/// How the usage snapshots of one aggregation run are rendered, kept in every state document of that run
/// (UsageSnapshotFamily writes it, UsageSnapshotDeriver reads it), so a snapshot rendered on read has the
/// bytes the run would have stored: the subcount lists (delta key, snapshot key, top or all), the top
/// limit, and the `timestamp` of each day of the state's month.
///
/// JSON (the first member of a state document, so a reader can take it without parsing the sums):
///   "render":{"lists":[["<delta key>","<snapshot key>",<top>],...],"stamps":[["<first day>","<timestamp>"],...],"top_limit":N}
/// A day's timestamp is that of the last stamp whose first day is on or before it (else the first stamp):
/// days of a month computed by earlier runs keep those runs' timestamps.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "UsageJson.h"
#include "statshost/Sources.h"

namespace statshost::aggregators::usagestats {

struct UsageSnapshotRender {
    std::vector<SubcountSpec> lists;  ///< deltaKey, snapshotKey and top are used
    std::int64_t topLimit = 20;
    std::vector<std::pair<std::string, std::string>> stamps;  ///< (first day, timestamp), ascending days

    /// The timestamp of `day` (empty when there are no stamps).
    const std::string& stampFor(const std::string& day) const;
    /// `"render":{...}` (a member, without braces around it).
    std::string member() const;
    static UsageSnapshotRender fromJson(const JsonValue& render);
    /// The render member of a state document written by UsageSnapshotState::stateDocument, parsed without
    /// the rest of the document; nullopt when the document does not start with it (a state of an older
    /// release: such states are only used for their sums).
    static std::optional<UsageSnapshotRender> ofState(const std::string& stateBody);
};

}  // namespace statshost::aggregators::usagestats
