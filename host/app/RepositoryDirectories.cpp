#include "app/RepositoryDirectories.h"

#include <map>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "storage/Database.h"

namespace statshost::app {

namespace {

Poco::JSON::Object::Ptr parseObject(const std::string& json) {
    try {
        Poco::JSON::Parser parser;
        return parser.parse(json).extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception&) {  // Poco::Exception included: not JSON, or not an object
        return nullptr;
    }
}

/// A string member, "" when absent or not a string.
std::string stringMember(const Poco::JSON::Object::Ptr& object, const std::string& name) {
    if (!object || !object->has(name) || !object->get(name).isString()) return "";
    return object->getValue<std::string>(name);
}

CommunityAccess communityFrom(const storage::Row& row) {
    return CommunityAccess{row.getString(0), row.getString(1), row.getString(2), row.getString(3),
                           row.getInt(4) != 0, communityParentId(row.getString(5))};
}

const char* const kCommunityColumns = "SELECT id, slug, title, visibility, dashboard_enabled, source_json FROM repo_communities";
const char* const kRecordColumns = "SELECT record_id, parent_id, created, owner, is_deleted, source_json FROM repo_records";

RecordSummary recordFrom(const storage::Row& row) {
    RecordSummary r;
    r.recordId = row.getString(0);
    r.parentId = row.getString(1);
    r.created = row.getString(2);
    r.owner = row.getString(3);
    r.isDeleted = row.getInt(4) != 0;
    Poco::JSON::Object::Ptr json = parseObject(row.getString(5));
    if (json) {
        r.title = stringMember(json->getObject("metadata"), "title");
        const std::string access = stringMember(json->getObject("access"), "record");
        r.isPublic = access.empty() || access == "public";
    }
    return r;
}

}  // namespace

std::string communityParentId(const std::string& communityJson) {
    Poco::JSON::Object::Ptr json = parseObject(communityJson);
    if (!json || !json->has("parent")) return "";
    if (json->get("parent").isString()) return json->getValue<std::string>("parent");
    return stringMember(json->getObject("parent"), "id");
}

std::optional<CommunityAccess> RepositoryCommunityDirectory::find(const std::string& idOrSlug) {
    std::optional<CommunityAccess> byId, bySlug;
    _db.query(std::string(kCommunityColumns) + " WHERE id = $1 OR slug = $1", {idOrSlug}, [&](const storage::Row& row) {
        CommunityAccess c = communityFrom(row);
        (c.id == idOrSlug ? byId : bySlug) = std::move(c);
    });
    return byId ? byId : bySlug;
}

std::vector<CommunityAccess> RepositoryCommunityDirectory::all() {
    std::vector<CommunityAccess> out;
    _db.query(std::string(kCommunityColumns) + " ORDER BY id", {},
              [&](const storage::Row& row) { out.push_back(communityFrom(row)); });
    return out;
}

std::vector<RecordSummary> RepositoryRecordDirectory::find(const std::vector<std::string>& recordIds) {
    std::vector<RecordSummary> out;
    for (const std::string& id : recordIds)
        _db.query(std::string(kRecordColumns) + " WHERE record_id = $1", {id},
                  [&](const storage::Row& row) { out.push_back(recordFrom(row)); });
    addCommunities(out);
    return out;
}

std::vector<RecordSummary> RepositoryRecordDirectory::versionsOf(const std::string& parentId) {
    std::vector<RecordSummary> out;
    _db.query(std::string(kRecordColumns) + " WHERE parent_id = $1 ORDER BY version_seq", {parentId},
              [&](const storage::Row& row) { out.push_back(recordFrom(row)); });
    addCommunities(out);
    return out;
}

void RepositoryRecordDirectory::addCommunities(std::vector<RecordSummary>& records) {
    std::map<std::string, std::vector<std::string>> byParent;
    for (const RecordSummary& r : records) {
        if (byParent.count(r.parentId)) continue;
        std::vector<std::string>& ids = byParent[r.parentId];
        _db.query("SELECT community_id FROM repo_parent_communities WHERE parent_id = $1 ORDER BY community_id",
                  {r.parentId}, [&](const storage::Row& row) { ids.push_back(row.getString(0)); });
    }
    for (RecordSummary& r : records) r.communityIds = byParent[r.parentId];
}

}  // namespace statshost::app
