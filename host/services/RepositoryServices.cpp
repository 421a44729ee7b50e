#include "services/RepositoryServices.h"

namespace statshost::services {

RepositoryServices::RepositoryServices(storage::Storage& storage, const ComponentChains& chains,
                                       const records::SubcountConfig& subcounts, bool communityOptIn)
    : _storage(storage), _chains(chains), _subcounts(subcounts), _communityOptIn(communityOptIn) {
    repository::createSchema(storage.database());
}

void RepositoryServices::transaction(const Clock& clock, const std::function<void(ServiceTx&)>& body) {
    _storage.database().transaction([&](storage::Connection& c) {
        ServiceTx tx(c, clock, _chains, _subcounts, _communityOptIn);
        body(tx);
    });
}

void RepositoryServices::savepoint(ServiceTx& tx, const std::function<void()>& body) {
    tx.connection().exec("SAVEPOINT statshost_call");
    try {
        body();
    } catch (...) {
        tx.connection().exec("ROLLBACK TO SAVEPOINT statshost_call");
        tx.connection().exec("RELEASE SAVEPOINT statshost_call");
        throw;
    }
    tx.connection().exec("RELEASE SAVEPOINT statshost_call");
}

}  // namespace statshost::services
