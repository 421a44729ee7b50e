#pragma once
/// The repository services of SEMANTICS.md §1–§2 and REPLAY.md, applied inside one storage
/// transaction: communities (create/update), records (publish, delete_record, restore_record),
/// record-communities (add, bulk_add, remove) and request events (accept). Each method validates
/// its input (ServiceError 400/404/409 naming the field or id), applies the service's own change
/// to the repository tables, then runs the configured component chain (stats_components writes
/// the community-events log there). Nothing is committed until the surrounding transaction is;
/// an exception from a method leaves the transaction to be rolled back (or rolled back to a
/// savepoint, see RepositoryServices::transaction).
///
/// Threading: one ServiceTx per transaction and thread.
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "records/SubcountConfig.h"
#include "repository/RepositoryTx.h"

namespace statshost::services {

class ComponentChains;

/// What a call did, for API answers and import reports.
struct Outcome {
    std::string status;   ///< "created", "updated", "unchanged", "membership-changed", "deleted", "restored", ...
    std::string id;       ///< the record or community id
};

class ServiceTx {
public:
    ServiceTx(storage::Connection& connection, const Clock& clock, const ComponentChains& chains,
              const records::SubcountConfig& subcounts, bool communityOptIn);

    /// Communities service: create or update {id, slug, metadata{title}, access{visibility},
    /// custom_fields{"stats:dashboard_enabled"}}.
    Outcome putCommunity(const Poco::JSON::Object::Ptr& community);

    /// Records service `publish` of a full record JSON: a new parent, a new version, or (same id,
    /// metadata equal except `parent.communities`) a membership change; same id with other
    /// metadata → 409; identical → "unchanged".
    Outcome publish(const Poco::JSON::Object::Ptr& record);
    Outcome deleteRecord(const std::string& recordId);
    Outcome restoreRecord(const std::string& recordId);

    /// Record-communities service (membership is the parent's).
    Outcome add(const std::string& recordId, const std::vector<std::string>& communityIds);
    Outcome bulkAdd(const std::string& communityId, const std::vector<std::string>& recordIds);
    Outcome remove(const std::string& recordId, const std::vector<std::string>& communityIds);

    /// Request-events service `create` with the accept action: `requestType` is
    /// community-inclusion, community-submission or community-transfer.
    Outcome acceptRequest(const std::string& requestType, const std::string& receiverCommunityId,
                          const std::string& recordId);

    repository::RepositoryTx& repository() { return _repo; }
    storage::Connection& connection() { return _connection; }
    const Clock& clock() const { return _clock; }

private:
    RecordRef existingRecord(const std::string& recordId, const std::string& field);
    void requireCommunities(const std::vector<std::string>& ids, const std::string& field);

    storage::Connection& _connection;
    repository::RepositoryTx _repo;
    const Clock& _clock;
    const ComponentChains& _chains;
    const records::SubcountConfig& _subcounts;
    bool _communityOptIn;
};

}  // namespace statshost::services
