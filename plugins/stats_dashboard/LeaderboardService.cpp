#include "LeaderboardService.h"

#include <algorithm>
#include <optional>
#include <set>
#include <unordered_map>

#include <Poco/URI.h>

#include "LeaderboardAnswer.h"
#include "statshost/Errors.h"

namespace statshost::dashboard {

namespace {

/// What a ranked record (or parent) is shown as, from the repository's current state.
struct ShownRecord {
    std::string linkId;  ///< the version the URL points to
    std::string title;
    bool deleted = false;
    bool isPublic = true;
    std::vector<std::string> communityIds;
};

ShownRecord shownVersion(const RecordSummary& r) {
    return {r.recordId, r.title, r.isDeleted, r.isPublic, r.communityIds};
}

/// A parent as its latest version shows it; deleted only when every version is.
std::optional<ShownRecord> shownParent(const std::vector<RecordSummary>& versions) {
    if (versions.empty()) return std::nullopt;
    ShownRecord shown = shownVersion(versions.back());
    shown.deleted = std::all_of(versions.begin(), versions.end(), [](const RecordSummary& v) { return v.isDeleted; });
    return shown;
}

bool visibleRecord(const ShownRecord& r, bool privileged, const std::set<std::string>& restricted) {
    if (privileged) return true;
    if (!r.isPublic) return false;
    if (r.communityIds.empty()) return true;
    return !std::all_of(r.communityIds.begin(), r.communityIds.end(),
                        [&](const std::string& id) { return restricted.count(id) > 0; });
}

bool visibleCommunity(const CommunityAccess& c, bool privileged) { return privileged || c.visibility == "public"; }

std::string firstDay(const std::vector<rapidjson::Document>& docs) {
    return docs.empty() ? "" : stringMember(docs.front(), "period_start").substr(0, 10);
}

std::string lastDay(const std::vector<rapidjson::Document>& docs) {
    return docs.empty() ? "" : stringMember(docs.back(), "period_start").substr(0, 10);
}

void replaceAll(std::string& text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

}  // namespace

LeaderboardSettings parseLeaderboardSettings(const Params& params) {
    LeaderboardSettings s;
    s.recordUrlTemplate = params.getString("STATS_DASHBOARD_RECORD_URL_TEMPLATE", s.recordUrlTemplate);
    if (s.recordUrlTemplate.find("{id}") == std::string::npos &&
        s.recordUrlTemplate.find("{parent_id}") == std::string::npos)
        throw ConfigError(params.child("STATS_DASHBOARD_RECORD_URL_TEMPLATE").path(),
                          "expected a URL containing {id} or {parent_id}");
    const Params names = params.child("STATS_DASHBOARD_UPLOADER_NAMES");
    if (!names.isEmpty() && !names.isMap())
        throw ConfigError(names.path(), "expected a mapping of owner id to display name");
    for (const auto& key : names.keys()) s.uploaderNames[key] = names.child(key).asString();
    return s;
}

std::string shownOwnerId(const std::string& ownerId) {
    const std::size_t at = ownerId.find('@');
    if (at == std::string::npos) return ownerId;
    const std::string local = at > 0 ? ownerId.substr(0, 1) : "";
    const std::string domain = at + 1 < ownerId.size() ? ownerId.substr(at + 1, 1) : "";
    return local + "***@" + domain + "***";
}

std::string recordUrl(const std::string& tmpl, const std::string& id, const std::string& parentId) {
    auto encoded = [](const std::string& text) {
        std::string out;
        Poco::URI::encode(text, "/?#&=+%", out);
        return out;
    };
    std::string url = tmpl;
    replaceAll(url, "{id}", encoded(id));
    replaceAll(url, "{parent_id}", encoded(parentId));
    return url;
}

LeaderboardService::LeaderboardService(DocumentStore& store, CommunityDirectory& communities, RecordDirectory& records,
                                       AccessPolicy policy, ResponseCache& cache, LeaderboardSettings settings)
    : _store(store), _communities(communities), _records(records), _policy(policy), _cache(cache),
      _settings(std::move(settings)) {}

QueryService::ExternalCall LeaderboardService::prepare(Leaderboard board, const Params& params, const Caller& caller) {
    auto call = std::make_shared<Call>();
    call->board = board;
    call->params = parseLeaderboardParams(board, params);
    call->access = requireAccess(_communities, call->params.range.communityId, caller, _policy);
    call->privileged = caller.hasScope("read-restricted");
    QueryService::ExternalCall out;
    out.access = call->access;
    out.answer = [this, call]() -> std::shared_ptr<const std::string> {
        const std::vector<CommunityAccess> communities = _communities.all();
        const std::string key = cacheKey(*call, communities);
        if (auto hit = _cache.get(key)) return hit;
        auto value = std::make_shared<const std::string>(compute(*call, communities));
        _cache.put(key, value);
        return value;
    };
    return out;
}

std::string LeaderboardService::run(Leaderboard board, const Params& params, const Caller& caller) {
    return *prepare(board, params, caller).answer();
}

void LeaderboardService::registerWith(QueryService& service) {
    for (Leaderboard board :
         {Leaderboard::Records, Leaderboard::Uploaders, Leaderboard::Communities, Leaderboard::Subcommunities})
        service.addExternalQuery(leaderboardName(board), [this, board](const Params& params, const Caller& caller) {
            return prepare(board, params, caller);
        });
}

std::string LeaderboardService::cacheKey(const Call& call, const std::vector<CommunityAccess>& communities) {
    const LeaderboardParams& p = call.params;
    std::string key = std::string(leaderboardName(call.board)) + '\x1f' + call.access.communityId + '\x1f' +
                      p.range.startDate + '\x1f' + p.range.endDate + '\x1f' + p.metric + '\x1f' +
                      (p.parentLevel ? "parent" : "version") + '\x1f' + std::to_string(p.size) + '\x1f' +
                      (call.privileged ? "privileged" : "public");
    switch (call.board) {
        case Leaderboard::Records:
            key += '\x1f' + readGeneration(_store, communityRecordUsageIndex(), call.access.communityId);
            break;
        case Leaderboard::Uploaders:
            key += '\x1f' + readGeneration(_store, communityUploadersIndex(), call.access.communityId);
            break;
        default:
            // Every community's documents are read; the global community is aggregated in every run.
            key += '\x1f' + readGeneration(_store, communityRecordUsageIndex(), "global") + '\x1f' +
                   readGeneration(_store, familyIndex(Family::RecordDelta, "added"), "global");
    }
    // The communities' visibility and hierarchy decide what is shown (titles for the lists).
    for (const auto& c : communities)
        key += '\x1f' + c.id + '\x1e' + c.slug + '\x1e' + c.title + '\x1e' + c.visibility + '\x1e' + c.parentId;
    return key;
}

std::string LeaderboardService::compute(const Call& call, const std::vector<CommunityAccess>& communities) {
    switch (call.board) {
        case Leaderboard::Records: return topRecords(call, communities);
        case Leaderboard::Uploaders: return topUploaders(call);
        default: return topCommunities(call, communities);
    }
}

std::string LeaderboardService::topRecords(const Call& call, const std::vector<CommunityAccess>& communities) {
    const LeaderboardParams& p = call.params;
    const auto docs = scanDocuments(_store, communityRecordUsageIndex(), call.access.communityId, p.range.startDate,
                                    p.range.endDate);
    std::vector<RecordUsage> ranked = sumRecordUsage(docs, p.parentLevel);
    rankRecords(ranked, p.metric);
    std::set<std::string> restricted;
    for (const auto& c : communities)
        if (c.visibility != "public") restricted.insert(c.id);

    LeaderboardAnswer answer(call.board, p, call.access.communityId, p.range.startDate.empty() ? firstDay(docs) : p.range.startDate,
                             p.range.endDate.empty() ? lastDay(docs) : p.range.endDate);
    const std::size_t batchSize = std::max<std::size_t>(p.size, 16);
    int shown = 0;
    for (std::size_t from = 0; from < ranked.size() && shown < p.size; from += batchSize) {
        const std::size_t to = std::min(ranked.size(), from + batchSize);
        std::unordered_map<std::string, ShownRecord> found;
        if (p.parentLevel) {
            for (std::size_t i = from; i < to; ++i)
                if (auto parent = shownParent(_records.versionsOf(ranked[i].id))) found[ranked[i].id] = *parent;
        } else {
            std::vector<std::string> ids;
            for (std::size_t i = from; i < to; ++i) ids.push_back(ranked[i].id);
            for (const RecordSummary& r : _records.find(ids)) found[r.recordId] = shownVersion(r);
        }
        for (std::size_t i = from; i < to && shown < p.size; ++i) {
            const RecordUsage& item = ranked[i];
            const auto it = found.find(item.id);
            // Unknown to the repository (purged): shown only to privileged callers, flagged deleted.
            const ShownRecord record = it != found.end() ? it->second : ShownRecord{item.id, "", true, false, {}};
            if (!visibleRecord(record, call.privileged, restricted)) continue;
            answer.beginEntry();
            answer.field("id", item.id);
            answer.field("parent", item.parent);
            answer.field("title", record.title);
            answer.usage(item.numbers);
            answer.field("deleted", record.deleted);
            answer.field("url", recordUrl(_settings.recordUrlTemplate, record.linkId, item.parent));
            answer.endEntry();
            ++shown;
        }
    }
    return answer.finish();
}

std::string LeaderboardService::topUploaders(const Call& call) {
    const LeaderboardParams& p = call.params;
    const auto docs = scanDocuments(_store, communityUploadersIndex(), call.access.communityId, p.range.startDate,
                                    p.range.endDate);
    const auto ranked = rankUploaders(docs, p.metric);
    LeaderboardAnswer answer(call.board, p, call.access.communityId, p.range.startDate.empty() ? firstDay(docs) : p.range.startDate,
                             p.range.endDate.empty() ? lastDay(docs) : p.range.endDate);
    for (std::size_t i = 0; i < ranked.size() && static_cast<int>(i) < p.size; ++i) {
        const UploaderTotals& u = ranked[i];
        const auto name = _settings.uploaderNames.find(u.id);
        answer.beginEntry();
        answer.field("id", shownOwnerId(u.id));
        if (name != _settings.uploaderNames.end()) answer.field("name", name->second);
        else answer.nullField("name");
        answer.field("records", u.records);
        answer.field("parents", u.parents);
        answer.volume("data_volume", u.dataVolume);
        answer.endEntry();
    }
    return answer.finish();
}

std::string LeaderboardService::topCommunities(const Call& call, const std::vector<CommunityAccess>& communities) {
    const LeaderboardParams& p = call.params;
    const bool subcommunities = call.board == Leaderboard::Subcommunities;
    struct Row {
        const CommunityAccess* community;
        CommunityTotals totals;
    };
    std::vector<Row> rows;
    for (const auto& c : communities) {
        if (!visibleCommunity(c, call.privileged)) continue;
        if (subcommunities && c.parentId != call.access.communityId) continue;
        Row row{&c, {}};
        row.totals.records = sumRecordsAdded(scanDocuments(_store, familyIndex(Family::RecordDelta, "added"), c.id,
                                                           p.range.startDate, p.range.endDate));
        const UsageNumbers usage =
            sumTotals(scanDocuments(_store, communityRecordUsageIndex(), c.id, p.range.startDate, p.range.endDate));
        row.totals.views = usage.views;
        row.totals.downloads = usage.downloads;
        if (row.totals.records || row.totals.views || row.totals.downloads) rows.push_back(row);
    }
    std::sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
        const std::int64_t va = communityMetric(a.totals, p.metric), vb = communityMetric(b.totals, p.metric);
        return va != vb ? va > vb : a.community->id < b.community->id;
    });
    LeaderboardAnswer answer(call.board, p, call.access.communityId, p.range.startDate, p.range.endDate);
    for (std::size_t i = 0; i < rows.size() && static_cast<int>(i) < p.size; ++i) {
        const CommunityAccess& c = *rows[i].community;
        answer.beginEntry();
        answer.field("id", c.id);
        answer.field("slug", c.slug);
        answer.field("title", c.title);
        answer.field("records", rows[i].totals.records);
        answer.field("views", rows[i].totals.views);
        answer.field("downloads", rows[i].totals.downloads);
        answer.field("dashboard_enabled", dashboardEnabled(c, _policy));
        answer.endEntry();
    }
    return answer.finish();
}

}  // namespace statshost::dashboard
