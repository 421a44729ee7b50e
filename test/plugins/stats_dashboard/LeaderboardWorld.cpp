#include "LeaderboardWorld.h"

#include "LeaderboardSources.h"

namespace statshost::test {

namespace {

/// One F1 record entry.
std::string rec(const std::string& id, const std::string& parent, int views, int uniqueViews, int downloads,
                int uniqueDownloads, int volume) {
    return "{\"id\":\"" + id + "\",\"parent\":\"" + parent + "\",\"views\":" + std::to_string(views) +
           ",\"unique_views\":" + std::to_string(uniqueViews) + ",\"downloads\":" + std::to_string(downloads) +
           ",\"unique_downloads\":" + std::to_string(uniqueDownloads) + ",\"data_volume\":" + std::to_string(volume) + "}";
}

std::string usage(int views, int uniqueViews, int downloads, int uniqueDownloads, int volume) {
    return "{\"views\":" + std::to_string(views) + ",\"unique_views\":" + std::to_string(uniqueViews) +
           ",\"downloads\":" + std::to_string(downloads) + ",\"unique_downloads\":" + std::to_string(uniqueDownloads) +
           ",\"data_volume\":" + std::to_string(volume) + "}";
}

std::string par(const std::string& id, int views, int uniqueViews, int downloads, int uniqueDownloads, int volume,
                int versions) {
    std::string u = usage(views, uniqueViews, downloads, uniqueDownloads, volume);
    return "{\"id\":\"" + id + "\"," + u.substr(1, u.size() - 2) + ",\"versions\":" + std::to_string(versions) + "}";
}

std::string f1(const std::string& community, const std::string& day, const std::string& totals,
               const std::string& records, const std::string& parents) {
    return "{\"community_id\":\"" + community + "\",\"period_start\":\"" + day + "T00:00:00\",\"period_end\":\"" + day +
           "T23:59:59\",\"timestamp\":\"" + day + "T23:59:59\",\"totals\":" + totals + ",\"records\":[" + records +
           "],\"parents\":[" + parents + "]}";
}

std::string dayDoc(const std::string& day, const std::string& members) {
    return "{\"period_start\":\"" + day + "T00:00:00\",\"period_end\":\"" + day + "T23:59:59\"," + members + "}";
}

RecordSummary summary(const std::string& id, const std::string& parent, const std::string& title, bool deleted,
                      bool isPublic, std::vector<std::string> communities) {
    RecordSummary r;
    r.recordId = id;
    r.parentId = parent;
    r.title = title;
    r.isDeleted = deleted;
    r.isPublic = isPublic;
    r.communityIds = std::move(communities);
    return r;
}

}  // namespace

std::vector<CommunityAccess> HierarchyDirectory::all() {
    return {{"c1", "one", "Community One", "public", true, ""},
            {"c2", "two", "Community Two", "restricted", true, "c1"},
            {"c3", "three", "Community Three", "public", true, "c1"},
            {"c4", "four", "Community Four", "public", true, ""}};
}

std::optional<CommunityAccess> HierarchyDirectory::find(const std::string& idOrSlug) {
    for (const auto& c : all())
        if (c.id == idOrSlug || c.slug == idOrSlug) return c;
    return std::nullopt;
}

LeaderboardWorld::LeaderboardWorld(DashboardWorld& world) : base(world) {
    for (const FamilyIndex* index : {&communityRecordUsageIndex(), &recordUsageIndex(), &communityUploadersIndex()})
        base.store.registerTemplate(IndexTemplate{index->alias, "period_start", "{}", FillRule::None, index->aggregation});
    LeaderboardSettings settings;
    settings.recordUrlTemplate = "https://repo.example/records/{id}?parent={parent_id}";
    settings.uploaderNames = {{"17", "Jane Doe"}};
    service = std::make_unique<LeaderboardService>(base.store, communities, base.records, AccessPolicy{}, base.cache,
                                                   settings);
}

void LeaderboardWorld::write(const std::string& alias, const std::string& communityId,
                             const std::vector<std::string>& bodies) {
    std::vector<Document> docs;
    for (const auto& body : bodies) {
        const std::string day = body.substr(body.find("\"period_start\":\"") + 16, 10);
        docs.push_back({communityId + "-" + day, communityId, day, body});
    }
    base.store.upsert(alias, docs);
}

void LeaderboardWorld::writeFixtures() {
    const std::string d1 = "2025-01-01", d2 = "2025-01-02";
    // Global, version level: r1 5 views, r2 3+4 = 7, r3 5, r4 9. Parent p1 (r1, r2): 8+4 = 12 views,
    // unique views 6+4 = 10 (distinct visitors per day; the versions' would give 4+3+4 = 11).
    write(communityRecordUsageIndex().alias, "global",
          {f1("global", d1, usage(13, 11, 3, 3, 150),
              rec("r1", "p1", 5, 4, 2, 2, 100) + "," + rec("r2", "p1", 3, 3, 1, 1, 50) + "," + rec("r3", "p3", 5, 5, 0, 0, 0),
              par("p1", 8, 6, 3, 2, 150, 2) + "," + par("p3", 5, 5, 0, 0, 0, 1)),
           f1("global", d2, usage(13, 5, 3, 3, 300), rec("r2", "p1", 4, 4, 3, 3, 300) + "," + rec("r4", "p4", 9, 1, 0, 0, 0),
              par("p1", 4, 4, 3, 3, 300, 1) + "," + par("p4", 9, 1, 0, 0, 0, 1))});
    // r1 moves from c1 (day 1) to c4 (day 2): each community's documents say where its usage was.
    write(communityRecordUsageIndex().alias, "c1",
          {f1("c1", d1, usage(10, 8, 2, 2, 100), rec("r1", "p1", 5, 4, 2, 2, 100) + "," + rec("r3", "p3", 5, 5, 0, 0, 0),
              par("p1", 5, 4, 2, 2, 100, 1) + "," + par("p3", 5, 5, 0, 0, 0, 1))});
    write(communityRecordUsageIndex().alias, "c4",
          {f1("c4", d2, usage(7, 7, 0, 0, 0), rec("r1", "p1", 7, 7, 0, 0, 0), par("p1", 7, 7, 0, 0, 0, 1))});
    write(communityRecordUsageIndex().alias, "c2",
          {f1("c2", d1, usage(50, 50, 0, 0, 0), rec("r9", "p9", 50, 50, 0, 0, 0), par("p9", 50, 50, 0, 0, 0, 1))});
    // Records added: c1 3, c2 5, c3 1 (c4 none).
    const std::string recordDelta = familyIndex(Family::RecordDelta, "added").alias;
    write(recordDelta, "c1", {dayDoc(d1, "\"records_added\":2"), dayDoc(d2, "\"records_added\":1")});
    write(recordDelta, "c2", {dayDoc(d1, "\"records_added\":5")});
    write(recordDelta, "c3", {dayDoc(d2, "\"records_added\":1")});
    // Uploaders (global): "17" 2+1 = 3, "9" 3, "jane@example.org" 1.
    write(communityUploadersIndex().alias, "global",
          {dayDoc(d1, "\"records_added\":3,\"uploaders\":[{\"id\":\"17\",\"records\":2,\"parents\":1,\"data_volume\":10},"
                      "{\"id\":\"jane@example.org\",\"records\":1,\"parents\":1,\"data_volume\":5}]"),
           dayDoc(d2, "\"records_added\":4,\"uploaders\":[{\"id\":\"17\",\"records\":1,\"parents\":1,\"data_volume\":1},"
                      "{\"id\":\"9\",\"records\":3,\"parents\":2,\"data_volume\":30}]")});
    // Per parent p1: r1 5 views (day 1); r2 3 + 4 = 7; all versions 8 + 4 = 12 views, unique 6 + 4 = 10.
    write(recordUsageIndex().alias, "p1",
          {dayDoc(d1, "\"parent_id\":\"p1\",\"versions\":[" + rec("r1", "p1", 5, 4, 2, 2, 100) + "," +
                          rec("r2", "p1", 3, 3, 1, 1, 50) + "],\"all_versions\":" + usage(8, 6, 3, 2, 150)),
           dayDoc(d2, "\"parent_id\":\"p1\",\"versions\":[" + rec("r2", "p1", 4, 4, 3, 3, 300) +
                          "],\"all_versions\":" + usage(4, 4, 3, 3, 300))});
    base.records.summaries = {summary("r1", "p1", "Old title", false, true, {"c1"}),
                              summary("r2", "p1", "New title", false, true, {"c4"}),
                              summary("r3", "p3", "Gone", true, true, {"c1"}),
                              summary("r4", "p4", "Embargoed", false, false, {}),
                              summary("r9", "p9", "Hidden circle", false, true, {"c2"})};
}

std::string LeaderboardWorld::run(Leaderboard board, const std::string& params, const Caller& caller) {
    return service->run(board, DashboardWorld::params(params), caller);
}

void onBothBackendsWithLeaderboards(const std::function<void(LeaderboardWorld&)>& body) {
    onBothBackends([&](DashboardWorld& w) {
        LeaderboardWorld lw(w);
        lw.writeFixtures();
        body(lw);
    });
}

}  // namespace statshost::test
