// Reading the reference's inputs back from the repository, and the hand-written default settings.
#include "ReferenceInput.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "plugins/HostServices.h"
#include "records/Dates.h"
#include "repository/RepositoryTx.h"
#include "usage/store/UsageStore.h"

namespace statshost::test::reference {

namespace {

RecordFacts factsOf(const repository::RecordRow& row) {
    RecordFacts r;
    r.recordId = row.ref.recordId;
    r.parentId = row.ref.parentId;
    r.createdMicros = row.ref.createdMicros;
    r.publishedMicros = row.publishedMicros;
    r.publicationDay = row.publicationDay;
    r.filesEnabled = row.filesEnabled;
    r.owner = row.owner;
    r.isDeleted = row.ref.isDeleted;
    r.deletedMicros = row.ref.deletedMicros;
    for (const auto& f : row.files) r.files.push_back({f.fileId, f.key, f.ext, f.size});
    for (const auto& f : row.facets) r.facets.push_back({f.facet, f.valueId, f.label});
    return r;
}

UsageFact factOf(const usage::UsageEvent& e) {
    UsageFact u;
    u.download = e.type == usage::EventType::Download;
    u.timestampMicros = e.timestampMicros;
    u.day = e.day;
    u.recordId = e.recordId;
    u.parentId = e.parentId;
    u.visitorId = e.visitorId;
    u.country = e.country;
    u.referrerHost = e.referrerHost;
    u.isMachine = e.isMachine;
    u.fileId = e.fileId;
    u.fileType = e.fileType;
    u.size = e.size;
    return u;
}

SubcountSpec spec(const std::string& name, const std::string& delta, const std::string& snapshot, bool top,
                  std::vector<std::string> facets) {
    SubcountSpec s;
    s.name = name;
    s.deltaKey = delta;
    s.snapshotKey = snapshot;
    s.top = top;
    s.facets = std::move(facets);
    return s;
}

}  // namespace

Input readRepository(storage::Storage& storage) {
    Input in;
    plugins::ManualClock clock(0);
    storage.database().transaction([&](storage::Connection& c) {
        repository::RepositoryTx repo(c, clock);
        std::vector<std::string> ids;
        repo.forEachRecord(0, 0, {}, [&](const repository::RecordRow& row) { ids.push_back(row.ref.recordId); });
        std::sort(ids.begin(), ids.end());
        for (const auto& id : ids) in.records.push_back(factsOf(*repo.recordRow(id)));
        repo.forEachEvent("", [&](const CommunityEvent& e) { in.events.push_back(e); });
        repo.forEachCommunity([&](const repository::CommunityRow& row) { in.communityIds.push_back(row.id); });
    });
    usage::UsageStore::scanDays(storage.database(), -1000000, 3000000,
                                [&](const usage::UsageEvent& e) { in.usage.push_back(factOf(e)); });
    in.settings = defaultSettings();
    in.countryLabel = countryLabel;
    return in;
}

Input readSource(AggregationSource& source) {
    Input in;
    source.forEachRecord([&](const RecordFacts& r) { in.records.push_back(r); });
    source.forEachCommunityEvent("", [&](const CommunityEvent& e) { in.events.push_back(e); });
    auto range = source.usageDayRange();
    if (range.first <= range.second)
        source.scanUsage(range.first, range.second, [&](const UsageFact& u) { in.usage.push_back(u); });
    for (const auto& c : source.communities()) in.communityIds.push_back(c.id);
    in.settings = defaultSettings();
    in.countryLabel = [&source](const std::string& code) { return source.countryLabel(code); };
    return in;
}

AggregationSettings defaultSettings() {
    AggregationSettings s;
    s.recordSubcounts = {
        spec("resource_types", "by_resource_type", "all_resource_types", false, {"resource_type"}),
        spec("access_rights", "by_access_right", "all_access_rights", false, {"access_right"}),
        spec("languages", "by_language", "all_languages", false, {"language"}),
        spec("licenses", "by_license", "all_licenses", false, {"license"}),
        spec("affiliations_creator", "by_affiliation_creator", "top_affiliations_creator", true,
             {"affiliation_creator"}),
        spec("affiliations_contributor", "by_affiliation_contributor", "top_affiliations_contributor", true,
             {"affiliation_contributor"}),
        spec("funders", "by_funder", "top_funders", true, {"funder"}),
        spec("subjects", "by_subject", "top_subjects", true, {"subject"}),
        spec("keywords", "by_keyword", "top_keywords", true, {"keyword"}),
        spec("publishers", "by_publisher", "top_publishers", true, {"publisher"}),
        spec("periodicals", "by_periodical", "top_periodicals", true, {"periodical"}),
        spec("file_types", "by_file_type", "all_file_types", false, {"file_type"}),
    };
    s.usageSubcounts = {
        spec("resource_types", "by_resource_types", "all_resource_types", false, {"resource_type"}),
        spec("access_rights", "by_access_rights", "all_access_rights", false, {"access_right"}),
        spec("languages", "by_languages", "all_languages", false, {"language"}),
        spec("licenses", "by_licenses", "all_licenses", false, {"license"}),
        spec("funders", "by_funders", "top_funders", true, {"funder"}),
        spec("periodicals", "by_periodicals", "top_periodicals", true, {"periodical"}),
        spec("publishers", "by_publishers", "top_publishers", true, {"publisher"}),
        spec("affiliations", "by_affiliations", "top_affiliations", true,
             {"affiliation_creator", "affiliation_contributor"}),
        spec("subjects", "by_subjects", "top_subjects", true, {"subject"}),
        spec("countries", "by_countries", "top_countries", true, {"country"}),
        spec("referrers", "by_referrers", "top_referrers", true, {"referrer"}),
        spec("file_types", "by_file_types", "all_file_types", false, {"file_type"}),
    };
    s.topLimit = 20;
    s.publishedDateFloor = "1900-01-01";
    return s;
}

std::string countryLabel(const std::string& code) {
    static const std::map<std::string, std::string> labels = {
        {"BO", "Bolivia"}, {"DE", "Germany"}, {"GB", "United Kingdom"},
        {"TW", "Taiwan"},  {"US", "United States"}, {"FR", "France"},
    };
    auto it = labels.find(code);
    return it == labels.end() ? code : it->second;
}

std::string describe(const RecordFacts& r) {
    std::ostringstream s;
    s << r.recordId << " parent=" << r.parentId << " created=" << r.createdMicros << " published=" << r.publishedMicros
      << " pubday=" << r.publicationDay << " files=" << r.filesEnabled << " owner=" << r.owner
      << " deleted=" << r.isDeleted << "@" << r.deletedMicros;
    for (const auto& f : r.files) s << " file(" << f.fileId << "," << f.key << "," << f.ext << "," << f.size << ")";
    for (const auto& f : r.facets) s << " facet(" << f.facet << "," << f.id << "," << f.label << ")";
    return s.str();
}

std::string describe(const CommunityEvent& e) {
    std::ostringstream s;
    s << e.recordId << " " << e.communityId << " " << e.eventType << " " << records::formatSeconds(e.eventDateMicros)
      << (e.isDeleted ? " deleted " + records::formatSeconds(e.deletedDateMicros) : std::string());
    return s.str();
}

std::string describe(const UsageFact& u) {
    std::ostringstream s;
    s << (u.download ? "download " : "view ") << records::formatSeconds(u.timestampMicros) << " day=" << u.day
      << " rec=" << u.recordId << " parent=" << u.parentId << " visitor=" << u.visitorId << " country=" << u.country
      << " ref=" << u.referrerHost << " machine=" << u.isMachine << " file=" << u.fileId << " type=" << u.fileType
      << " size=" << u.size;
    return s.str();
}

namespace {
template <class T>
std::string firstListDifference(const std::string& what, const std::vector<T>& a, const std::vector<T>& b) {
    for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
        std::string x = i < a.size() ? describe(a[i]) : "(none)";
        std::string y = i < b.size() ? describe(b[i]) : "(none)";
        if (x != y) return what + " #" + std::to_string(i) + ": " + x + " | " + y;
    }
    return "";
}
}  // namespace

std::string firstInputDifference(const Input& a, const Input& b) {
    if (a.communityIds != b.communityIds) return "communities differ";
    for (auto text : {firstListDifference("record", a.records, b.records),
                      firstListDifference("event", a.events, b.events),
                      firstListDifference("usage", a.usage, b.usage)})
        if (!text.empty()) return text;
    return "";
}

}  // namespace statshost::test::reference
