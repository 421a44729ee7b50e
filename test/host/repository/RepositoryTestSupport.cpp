#include "RepositoryTestSupport.h"

#include <iostream>

#include "statshost/Errors.h"

namespace statshost::test {


repository::CommunityRow makeCommunity(const std::string& id, const std::string& slug) {
    repository::CommunityRow c;
    c.id = id;
    c.slug = slug;
    c.title = "Community " + slug + " \"ü\"";
    c.visibility = "public";
    c.dashboardEnabled = true;
    c.sourceJson = "{\"id\":\"" + id + "\",\"slug\":\"" + slug + "\"}";
    c.createdMicros = dayMicros(0);
    c.updatedMicros = dayMicros(1);
    return c;
}

std::int64_t dayMicros(int days) { return 1704067200000000 + std::int64_t{days} * 86400000000; }

repository::RecordRow bareRecord(const std::string& id, const std::string& parentId, std::int64_t createdMicros) {
    repository::RecordRow r;
    r.ref.recordId = id;
    r.ref.parentId = parentId;
    r.ref.created = "created@" + std::to_string(createdMicros);
    r.ref.createdMicros = createdMicros;
    r.ref.publicationDate = "2024";
    r.ref.normalisedPublishedDate = "2024-01-01";
    r.publishedMicros = createdMicros + 5;
    r.publicationDay = "2024-01-01";
    r.accessStatus = "open";
    r.sourceJson = "{\"id\":\"" + id + "\"}";
    return r;
}

repository::RecordRow makeRecord(const std::string& id, const std::string& parentId, std::int64_t createdMicros) {
    repository::RecordRow r = bareRecord(id, parentId, createdMicros);
    r.filesEnabled = true;
    r.fileCount = 2;
    r.dataVolume = 3000000000;  // beyond 32 bits
    r.owner = "17";
    r.files = {{"paper.pdf", "f-1", "pdf", 1000000000}, {"data\ttab.csv", "f-2", "csv", 2000000000}};
    r.facets = {{"resource_type", "publication-article", "Journal article"},
                {"languages", "eng", "English"},
                {"languages", "deu", ""}};
    return r;
}

CommunityEvent makeEvent(const std::string& recordId, const std::string& communityId, const std::string& type,
                         std::int64_t eventDateMicros) {
    CommunityEvent e;
    e.recordId = recordId;
    e.communityId = communityId;
    e.eventType = type;
    e.eventDateMicros = eventDateMicros;
    e.recordCreatedDate = "2024-01-01T00:00:00+02:00";
    e.recordPublishedDate = "2023-12-31";
    return e;
}

}  // namespace statshost::test
