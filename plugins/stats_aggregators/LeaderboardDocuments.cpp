#include "LeaderboardDocuments.h"

#include "DayText.h"
#include "JsonText.h"

namespace statshost::aggregators::leaderboard {

namespace {

using json::appendInt;
using json::appendString;
using json::appendVolume;

/// `{"<idKey>":"<id>","period_start":…,"period_end":…,"timestamp":…` (object left open).
void appendHead(std::string& out, const char* idKey, const std::string& id, DayNumber day, const std::string& timestamp) {
    const std::string d = dayText(day);
    out += "{\"";
    out += idKey;
    out += "\":";
    appendString(out, id);
    out += ",\"period_start\":\"" + d + "T00:00:00\",\"period_end\":\"" + d + "T23:59:59\",\"timestamp\":";
    appendString(out, timestamp);
}

/// `"views":…,"unique_views":…,"downloads":…,"unique_downloads":…,"data_volume":…`
void appendNumbers(std::string& out, const usagestats::UsageMetrics& m) {
    out += "\"views\":";
    appendInt(out, m.view.events);
    out += ",\"unique_views\":";
    appendInt(out, m.view.visitors);
    out += ",\"downloads\":";
    appendInt(out, m.download.events);
    out += ",\"unique_downloads\":";
    appendInt(out, m.download.visitors);
    out += ",\"data_volume\":";
    appendVolume(out, m.download.volume);
}

/// `[{"id":…<rest>}, …]`: `rest(out, item)` appends the members after the id (with their leading commas).
template <class Item, class Rest>
void appendList(std::string& out, const std::vector<Item>& items, Rest&& rest) {
    out += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += i ? ",{\"id\":" : "{\"id\":";
        appendString(out, items[i].id);
        rest(out, items[i]);
        out += '}';
    }
    out += ']';
}

void appendVersions(std::string& out, const std::vector<VersionUsage>& versions, bool withParent) {
    appendList(out, versions, [&](std::string& o, const VersionUsage& v) {
        if (withParent) {
            o += ",\"parent\":";
            appendString(o, v.parent);
        }
        o += ',';
        appendNumbers(o, v.metrics);
    });
}

}  // namespace

std::string communityRecordUsageBody(const std::string& communityId, DayNumber day, const std::string& timestamp,
                                     const usagestats::UsageMetrics& totals, const std::vector<VersionUsage>& records,
                                     const std::vector<ParentUsage>& parents) {
    std::string out;
    out.reserve(256 + records.size() * 160 + parents.size() * 150);
    appendHead(out, "community_id", communityId, day, timestamp);
    out += ",\"totals\":{";
    appendNumbers(out, totals);
    out += "},\"records\":";
    appendVersions(out, records, true);
    out += ",\"parents\":";
    appendList(out, parents, [](std::string& o, const ParentUsage& p) {
        o += ',';
        appendNumbers(o, p.metrics);
        o += ",\"versions\":";
        appendInt(o, p.versions);
    });
    out += '}';
    return out;
}

std::string parentUsageBody(const std::string& parentId, DayNumber day, const std::string& timestamp,
                            const std::vector<VersionUsage>& versions, const usagestats::UsageMetrics& allVersions) {
    std::string out;
    appendHead(out, "parent_id", parentId, day, timestamp);
    out += ",\"versions\":";
    appendVersions(out, versions, false);
    out += ",\"all_versions\":{";
    appendNumbers(out, allVersions);
    out += "}}";
    return out;
}

std::string uploadersBody(const std::string& communityId, DayNumber day, const std::string& timestamp,
                          std::int64_t recordsAdded, const std::vector<UploaderAdded>& uploaders) {
    std::string out;
    appendHead(out, "community_id", communityId, day, timestamp);
    out += ",\"records_added\":";
    appendInt(out, recordsAdded);
    out += ",\"uploaders\":";
    appendList(out, uploaders, [](std::string& o, const UploaderAdded& u) {
        o += ",\"records\":";
        appendInt(o, u.records);
        o += ",\"parents\":";
        appendInt(o, u.parents);
        o += ",\"data_volume\":";
        appendVolume(o, u.volume);
    });
    out += '}';
    return out;
}

}  // namespace statshost::aggregators::leaderboard
