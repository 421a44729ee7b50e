#pragma once
/// The usage-event pipeline (SEMANTICS.md §6): raw hits → robots dropped, machines flagged, API
/// views dropped, visitor identity hashed with the daily salt, country from the hit or GeoIP,
/// referrer host, record and file resolved → stored through UsageStore (double clicks merged).
/// Already-processed exports take the same path minus identity and GeoIP (§10.6).
///
/// Two steps, so the costly part can run outside the write transaction (and, for imports, on
/// another thread): prepare*() classifies, hashes and resolves records through a TargetLookup —
/// any connection, no transaction needed, since records are never removed — and commit*() stores the
/// prepared events inside a ServiceTx. ingest*() does both inside the transaction. A hit that cannot be
/// accepted (unknown record, bad field) is reported by its index; with `atomic` the first such hit
/// throws ServiceError naming its index at commit and the caller's transaction must roll back.
/// Community attribution is not frozen here: aggregators resolve it from the membership log at
/// the event instant (§9.4). Thread safe: the pipeline holds read-only classifiers and a thread-safe
/// TargetCache.
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "services/ServiceTx.h"
#include "usage/classify/ClassifierConfig.h"
#include "usage/classify/VisitorHasher.h"
#include "usage/pipeline/Hits.h"
#include "usage/pipeline/TargetCache.h"
#include "usage/store/UsageStore.h"

namespace statshost::usage {

/// One input of a batch: a parsed hit, or the parse error of that input.
template <class T>
struct Parsed {
    std::optional<T> value;
    std::string error;
};

struct HitOutcome {
    enum class Kind { Accepted, Robot, ApiView, Rejected };
    Kind kind = Kind::Accepted;
    std::string message;  ///< why it was rejected
};

struct BatchResult {
    std::vector<HitOutcome> outcomes;  ///< one per input, same order
    IngestCounters counters;           ///< of the accepted ones (stored / suppressed as double clicks)
    std::size_t accepted = 0, robots = 0, apiViews = 0, rejected = 0;
};

/// Resolves record ids to what usage ingestion needs (unknown ids are absent from the result).
using TargetLookup =
    std::function<std::unordered_map<std::string, repository::UsageTarget>(const std::vector<std::string>&)>;

/// A batch processed up to storage.
struct PreparedBatch {
    std::vector<HitOutcome> outcomes;  ///< one per input
    std::vector<UsageEvent> events;    ///< the accepted ones, in input order
    /// (month, type) → (robots, api views) dropped
    std::map<std::pair<std::string, EventType>, std::pair<std::int64_t, std::int64_t>> dropped;
    std::size_t accepted = 0, robots = 0, apiViews = 0, rejected = 0;
    bool unknownRecords = false;  ///< some input was rejected because its record was not found
};

class UsagePipeline {
public:
    /// All references must outlive the pipeline.
    UsagePipeline(const Classifiers& classifiers, const VisitorHasher& hasher, const UsageStore& store);

    BatchResult ingestRaw(services::ServiceTx& tx, const std::vector<Parsed<RawHit>>& hits, bool atomic) const;
    BatchResult ingestProcessed(services::ServiceTx& tx, const std::vector<Parsed<ProcessedDoc>>& docs,
                                bool atomic) const;

    PreparedBatch prepareRaw(const std::vector<Parsed<RawHit>>& hits, const TargetLookup& lookup) const;
    PreparedBatch prepareProcessed(const std::vector<Parsed<ProcessedDoc>>& docs, const TargetLookup& lookup) const;
    /// Stores `prepared` (made from the same inputs) in `tx`. When some record was unknown at prepare
    /// time and exists now (published meanwhile), the batch is prepared again inside the transaction.
    BatchResult commitRaw(services::ServiceTx& tx, const std::vector<Parsed<RawHit>>& hits, PreparedBatch prepared,
                          bool atomic) const;
    BatchResult commitProcessed(services::ServiceTx& tx, const std::vector<Parsed<ProcessedDoc>>& docs,
                                PreparedBatch prepared, bool atomic) const;
    /// commitRaw in a transaction the caller runs on `c` without a ServiceTx (IngestWriter); `repo` works on `c`.
    BatchResult commitRaw(storage::Connection& c, repository::RepositoryTx& repo, const std::vector<Parsed<RawHit>>& hits,
                          PreparedBatch prepared, bool atomic) const;

    /// A lookup through `tx`'s own connection.
    static TargetLookup lookupIn(services::ServiceTx& tx);
    static TargetLookup lookupIn(repository::RepositoryTx& repo);
    /// A lookup through a pooled connection of `db` (outside any transaction).
    static TargetLookup lookupIn(storage::Database& db);
    /// lookupIn(db) behind this pipeline's TargetCache: records already resolved by an earlier batch cost
    /// no query (committed targets never change, see TargetCache.h).
    TargetLookup cachedLookupIn(storage::Database& db) const;

private:
    template <class T, class Fn>
    PreparedBatch prepare(const std::vector<Parsed<T>>& inputs, const TargetLookup& lookup, Fn&& process) const;
    template <class T>
    BatchResult commit(storage::Connection& c, repository::RepositoryTx& repo, const std::vector<Parsed<T>>& inputs,
                       PreparedBatch prepared,
                       bool atomic, PreparedBatch (UsagePipeline::*reprepare)(const std::vector<Parsed<T>>&,
                                                                            const TargetLookup&) const) const;

    const Classifiers& _classifiers;
    const VisitorHasher& _hasher;
    const UsageStore& _store;
    mutable TargetCache _targets;
};

}  // namespace statshost::usage
