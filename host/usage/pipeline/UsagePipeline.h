#pragma once
/// The usage-event pipeline (SEMANTICS.md §6): raw hits → robots dropped, machines flagged, API
/// views dropped, visitor identity hashed with the daily salt, country from the hit or GeoIP,
/// referrer host, record and file resolved → stored through UsageStore (double clicks merged).
/// Already-processed exports take the same path minus identity and GeoIP (§10.6).
///
/// Runs inside a ServiceTx (records are resolved in the same transaction). A hit that cannot be
/// accepted (unknown record, bad field) is reported by its index; with `atomic` the first such
/// hit throws ServiceError naming its index and the caller's transaction must roll back.
/// Community attribution is not frozen here: aggregators resolve it from the membership log at
/// the event instant (§9.4). Thread safe: the pipeline holds only read-only classifiers.
#include <string>
#include <vector>

#include "services/ServiceTx.h"
#include "usage/classify/ClassifierConfig.h"
#include "usage/classify/VisitorHasher.h"
#include "usage/pipeline/Hits.h"
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

class UsagePipeline {
public:
    /// All references must outlive the pipeline.
    UsagePipeline(const Classifiers& classifiers, const VisitorHasher& hasher, const UsageStore& store);

    BatchResult ingestRaw(services::ServiceTx& tx, const std::vector<Parsed<RawHit>>& hits, bool atomic) const;
    BatchResult ingestProcessed(services::ServiceTx& tx, const std::vector<Parsed<ProcessedDoc>>& docs,
                                bool atomic) const;

private:
    template <class T, class Fn>
    BatchResult run(services::ServiceTx& tx, const std::vector<Parsed<T>>& inputs, bool atomic, Fn&& process) const;

    const Classifiers& _classifiers;
    const VisitorHasher& _hasher;
    const UsageStore& _store;
};

}  // namespace statshost::usage
