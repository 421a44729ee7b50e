#include "QueryCatalog.h"

namespace statshost::dashboard {

namespace {

std::vector<QuerySpec> build() {
    const auto all = std::vector<Family>{Family::RecordDelta, Family::RecordSnapshot, Family::UsageDelta,
                                         Family::UsageSnapshot};
    std::vector<QuerySpec> out;
    for (const char* basis : {"created", "published", "added"}) {
        out.push_back({std::string("community-record-delta-") + basis, QueryKind::Documents, {Family::RecordDelta}, basis});
        out.push_back(
            {std::string("community-record-snapshot-") + basis, QueryKind::Documents, {Family::RecordSnapshot}, basis});
    }
    out.push_back({"community-usage-delta", QueryKind::Documents, {Family::UsageDelta}, ""});
    out.push_back({"community-usage-snapshot", QueryKind::Documents, {Family::UsageSnapshot}, ""});
    out.push_back({"community-stats", QueryKind::Composite, all, ""});
    out.push_back({"global-stats", QueryKind::Composite, all, "", true});
    const std::pair<const char*, Family> families[] = {{"record-delta", Family::RecordDelta},
                                                       {"record-snapshot", Family::RecordSnapshot},
                                                       {"usage-delta", Family::UsageDelta},
                                                       {"usage-snapshot", Family::UsageSnapshot}};
    for (const auto& [prefix, family] : families)
        out.push_back({std::string(prefix) + "-series", QueryKind::Series, {family}, ""});
    for (const auto& [prefix, family] : families)
        out.push_back({std::string(prefix) + "-category", QueryKind::Category, {family}, ""});
    return out;
}

}  // namespace

const std::vector<QuerySpec>& queryCatalog() {
    static const std::vector<QuerySpec> catalog = build();
    return catalog;
}

const std::vector<QuerySpec>& leaderboardCatalog() {
    static const std::vector<QuerySpec> catalog = [] {
        std::vector<QuerySpec> out;
        for (const char* name : {"top-records", "top-uploaders", "top-communities", "top-subcommunities"})
            out.push_back({name, QueryKind::Documents, {}, "", false, true});
        return out;
    }();
    return catalog;
}

const QuerySpec* findQuery(const std::string& name) {
    for (const auto& q : queryCatalog())
        if (q.name == name) return &q;
    for (const auto& q : leaderboardCatalog())
        if (q.name == name) return &q;
    return nullptr;
}

}  // namespace statshost::dashboard
