#pragma once
/// The reference computation of the cross-check: for each of the 8 document families, each
/// community (and "global") and each day from the community's first day through the as-of day,
/// the document SEMANTICS §4–§9 defines, built by brute force:
///   - records: S(C,b,D) evaluated for every record on every day (Membership), deltas as set
///     differences of S(D) and S(D-1), every count recomputed from the record sets, distinct
///     counts with std::set, each subcount item as the same computation on the subset of records
///     carrying the value;
///   - usage: each day's stored events filtered by day and by membership at the event instant,
///     distinct counts with std::set; snapshots as running sums of those daily documents.
/// Slow on purpose; written from SEMANTICS.md alone. `timestamp` is not produced.
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "ReferenceInput.h"
#include "ReferenceMembership.h"

namespace statshost::test::reference {

struct Family {
    enum class Kind { RecordsDelta, RecordsSnapshot, UsageDelta, UsageSnapshot };
    Kind kind;
    Basis basis;        ///< records families only
    std::string alias;  ///< e.g. "stats-community-records-delta-added"
    bool delta() const { return kind == Kind::RecordsDelta || kind == Kind::UsageDelta; }
    bool usage() const { return kind == Kind::UsageDelta || kind == Kind::UsageSnapshot; }
};

/// The 8 families, in a fixed order.
const std::vector<Family>& families();

/// Usage numbers of one set of events (SEMANTICS §6): view and download sides.
struct UsageNumbers {
    Poco::Int64 viewEvents = 0, viewVisitors = 0, viewRecords = 0, viewParents = 0;
    Poco::Int64 downloadEvents = 0, downloadVisitors = 0, downloadRecords = 0, downloadParents = 0;
    Poco::Int64 downloadFiles = 0, downloadVolume = 0;
    void add(const UsageNumbers& o);
    Poco::Int64 events() const { return viewEvents + downloadEvents; }
};

/// One community-day of usage: the totals and, per subcount name, the numbers of each item id.
struct UsageDay {
    UsageNumbers totals;
    std::map<std::string, std::map<std::string, UsageNumbers>> items;
    void add(const UsageDay& o);
};

struct ExpectedDoc {
    std::int64_t day = 0;
    Poco::JSON::Object::Ptr body;
};

class Reference {
public:
    explicit Reference(Input input);

    /// Every community to check: the communities table, the log's communities and "global", sorted.
    std::vector<std::string> communities() const;

    /// The expected documents of `family` for `community`, one per day from its first day through
    /// `asOfDay` (day numbers), in day order; empty when it has none by then.
    std::vector<ExpectedDoc> documents(const Family& family, const std::string& community, std::int64_t asOfDay) const;

    /// Day of the first document of `family` for `community` (nothing when there is none at all).
    std::optional<std::int64_t> firstDay(const Family& family, const std::string& community) const;

    const Input& input() const { return _input; }
    const Membership& membership() const { return *_membership; }

private:
    using RecordSet = std::set<std::string>;

    Poco::JSON::Object::Ptr recordsDelta(const std::string& community, std::int64_t day, const RecordSet& now,
                                         const RecordSet& before) const;
    Poco::JSON::Object::Ptr recordsSnapshot(const std::string& community, std::int64_t day, const RecordSet& now) const;
    /// The `subcounts` objects, functions of the record sets only (memoised: read-only, shared).
    Poco::JSON::Object::Ptr deltaSubcounts(const RecordSet& now, const RecordSet& before) const;
    Poco::JSON::Object::Ptr snapshotSubcounts(const RecordSet& now) const;
    /// The stored events of `day` that count for `community` (global: all of them).
    std::vector<const UsageFact*> usageOf(const std::string& community, std::int64_t day) const;
    UsageDay usageDay(const std::string& community, std::int64_t day) const;
    Poco::JSON::Object::Ptr usageJson(const std::string& community, std::int64_t day, const UsageDay& numbers,
                                      bool snapshot) const;
    std::vector<ExpectedDoc> usageDocuments(const Family& family, const std::string& community, std::int64_t first,
                                            std::int64_t asOfDay) const;

    /// The subcount ids a record carries for `spec` (file_type: its files' types); memoised.
    const std::set<std::string>& recordValues(const RecordFacts& r, const SubcountSpec& spec) const;
    /// The ids a usage event carries for `spec` (country, referrer and a download's file type from the
    /// event); memoised.
    const std::set<std::string>& usageValues(const UsageFact& u, const SubcountSpec& spec) const;
    /// SEMANTICS §9.7, §10.9: the label of `id` for `spec` (memoised findLabel).
    std::string label(const SubcountSpec& spec, const std::string& id) const;
    std::string findLabel(const SubcountSpec& spec, const std::string& id) const;
    const RecordFacts* record(const std::string& id) const;

    Input _input;
    std::unique_ptr<Membership> _membership;
    std::map<std::string, const RecordFacts*> _records;
    std::vector<const RecordFacts*> _byPublication;  ///< (publishedMicros, recordId) order
    std::map<std::int64_t, std::vector<const UsageFact*>> _usageByDay;
    /// Memos keyed by (record or usage event, subcount spec of _input.settings) addresses.
    mutable std::map<std::pair<const void*, const void*>, std::set<std::string>> _recordValues;
    mutable std::map<std::string, std::string> _labels;
    mutable std::map<std::pair<RecordSet, RecordSet>, Poco::JSON::Object::Ptr> _deltaSubcounts;
    mutable std::map<RecordSet, Poco::JSON::Object::Ptr> _snapshotSubcounts;
    mutable std::map<std::pair<const void*, const void*>, std::set<std::string>> _usageValues;
};

}  // namespace statshost::test::reference
