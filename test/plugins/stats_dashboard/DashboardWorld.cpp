#include "DashboardWorld.h"

#include <Poco/JSON/Parser.h>

#include "DashboardFixtures.h"
#include "DocumentSource.h"
#include "statshost/Errors.h"

namespace statshost::test {

std::vector<CommunityAccess> FixtureDirectory::all() {
    return {{"c1", "one", "Community One", "public", true, ""},
            {"c2", "two", "Community Two", "restricted", true, ""},
            {"c3", "three", "Community Three", "public", false, ""}};
}

std::optional<CommunityAccess> FixtureDirectory::find(const std::string& idOrSlug) {
    const std::vector<CommunityAccess> communities = all();
    for (const auto& c : communities)
        if (c.id == idOrSlug) return c;
    for (const auto& c : communities)
        if (c.slug == idOrSlug) return c;
    return std::nullopt;
}

std::vector<RecordSummary> FixtureRecords::find(const std::vector<std::string>& recordIds) {
    std::vector<RecordSummary> out;
    for (const std::string& id : recordIds)
        for (const RecordSummary& r : summaries)
            if (r.recordId == id) out.push_back(r);
    return out;
}

std::vector<RecordSummary> FixtureRecords::versionsOf(const std::string& parentId) {
    std::vector<RecordSummary> out;
    for (const RecordSummary& r : summaries)
        if (r.parentId == parentId) out.push_back(r);
    return out;
}

DashboardWorld::DashboardWorld(storage::Storage& s) : store(s), settings(fixtureSettings()) {
    for (const char* basis : {"added", "created", "published"})
        for (Family f : {Family::RecordDelta, Family::RecordSnapshot, Family::UsageDelta, Family::UsageSnapshot}) {
            const FamilyIndex index = familyIndex(f, basis);
            store.registerTemplate(IndexTemplate{index.alias, isSnapshot(f) ? "snapshot_date" : "period_start", "{}",
                                                 isSnapshot(f) ? FillRule::CarryForward : FillRule::Zero,
                                                 index.aggregation});
        }
    service = std::make_unique<QueryService>(store, directory, settings, AccessPolicy{}, cache);
}

void DashboardWorld::write(Family family, const std::string& communityId, const std::vector<std::string>& bodies,
                           const std::string& bookmarkDay) {
    const FamilyIndex index = familyIndex(family, "added");
    std::vector<Document> docs;
    for (const auto& body : bodies) {
        auto doc = parseJson(body).extract<Poco::JSON::Object::Ptr>();
        const std::string day =
            (isSnapshot(family) ? doc->getValue<std::string>("snapshot_date") : doc->getValue<std::string>("period_start"))
                .substr(0, 10);
        docs.push_back({communityId + "-" + day, communityId, day, body});
    }
    store.upsert(index.alias, docs);
    store.setBookmark(index.aggregation, communityId, bookmarkDay);
}

void DashboardWorld::bumpWatermark(Family family) {
    store.setBookmark(familyIndex(family, "added").aggregation + "#seq", "*", std::to_string(++watermark));
}

Params DashboardWorld::params(const std::string& json) {
    Poco::JSON::Parser parser;
    return Params::fromJson(parser.parse(json), "");
}

void onBothBackends(const std::function<void(DashboardWorld&)>& body) {
    std::vector<std::unique_ptr<statshost::test::TestBackend>> backends;
    backends.push_back(std::make_unique<statshost::test::SqliteBackend>());
    backends.push_back(std::make_unique<statshost::test::PostgresBackend>());
    for (auto& backend : backends) {
        if (!backend->available()) continue;
        auto store = backend->open();
        store->initialize();
        DashboardWorld world(*store);
        body(world);
    }
}

std::pair<int, std::string> errorOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const HttpError& e) {
        return {e.status(), e.what()};
    } catch (const ConfigError& e) {
        return {-1, e.what()};
    }
    return {0, ""};
}

}  // namespace statshost::test
