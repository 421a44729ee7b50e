#pragma once
/// The repository lookups the host lends blueprints (Blueprint.h): communities (repo_communities) and
/// record versions (repo_records with their parent's communities). Each call runs indexed queries on
/// a pooled connection, so both are thread safe and always read the current committed state.
#include "statshost/Blueprint.h"

namespace statshost::storage {
class Database;
}

namespace statshost::app {

class RepositoryCommunityDirectory : public CommunityDirectory {
public:
    explicit RepositoryCommunityDirectory(storage::Database& db) : _db(db) {}
    std::optional<CommunityAccess> find(const std::string& idOrSlug) override;
    std::vector<CommunityAccess> all() override;

private:
    storage::Database& _db;
};

class RepositoryRecordDirectory : public RecordDirectory {
public:
    explicit RepositoryRecordDirectory(storage::Database& db) : _db(db) {}
    std::vector<RecordSummary> find(const std::vector<std::string>& recordIds) override;
    std::vector<RecordSummary> versionsOf(const std::string& parentId) override;

private:
    /// Adds the parent's current communities to each summary (one query per distinct parent).
    void addCommunities(std::vector<RecordSummary>& records);
    storage::Database& _db;
};

/// The parent community id of a community JSON (`parent.id`, or `parent` as a string); "" = none
/// (also for text that is not a JSON object).
std::string communityParentId(const std::string& communityJson);

}  // namespace statshost::app
