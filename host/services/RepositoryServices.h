#pragma once
/// Entry point to the repository services: runs ServiceTx calls in storage transactions.
/// One instance per process, shared by HTTP workers, the importer and the CLI; thread safe
/// (each call takes its own pooled connection and transaction).
#include <functional>

#include "records/SubcountConfig.h"
#include "services/ComponentChains.h"
#include "services/ServiceTx.h"
#include "storage/Storage.h"

namespace statshost::services {

class RepositoryServices {
public:
    /// Creates the repository tables if needed. All references must outlive this object.
    RepositoryServices(storage::Storage& storage, const ComponentChains& chains,
                       const records::SubcountConfig& subcounts, bool communityOptIn);

    /// Runs `body` in one transaction with `clock` as the calls' time: commit when it returns,
    /// rollback when it throws (the exception propagates).
    void transaction(const Clock& clock, const std::function<void(ServiceTx&)>& body);

    /// Inside a transaction: runs `body` under a savepoint; on an exception everything `body`
    /// wrote is undone, the transaction stays usable, and the exception propagates.
    static void savepoint(ServiceTx& tx, const std::function<void()>& body);

    storage::Storage& storage() { return _storage; }

private:
    storage::Storage& _storage;
    const ComponentChains& _chains;
    const records::SubcountConfig& _subcounts;
    bool _communityOptIn;
};

}  // namespace statshost::services
