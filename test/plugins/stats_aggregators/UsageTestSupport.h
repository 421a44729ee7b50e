#pragma once
/// The usage aggregators under test on a real repository (AggregationHarness: real services and
/// stats_components plugin), real usage events (already-processed form through the real
/// UsagePipeline and UsageStore, so visitor ids, countries and referrers are the test's own), the
/// real host AggregationSource (with the Debian iso-codes country names) and the real DocumentStore.
#include <memory>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "AggregationHarness.h"
#include "usage/pipeline/UsagePipeline.h"

namespace statshost::test {

/// One delta + snapshot pair writing its own indices (`suffix` appended to names and aliases).
struct UsagePair {
    std::string suffix;
    TestAggregation delta;
    TestAggregation snapshot;
    std::string deltaAlias() const { return delta.alias; }
    std::string snapshotAlias() const { return snapshot.alias; }
};

class UsageHarness {
public:
    explicit UsageHarness(TestBackend& backend);
    ~UsageHarness();

    AggregationHarness& h() { return _h; }
    storage::Storage& storage() { return _h.storage(); }

    /// Buffers a record view / file download at `timestamp` (ISO, UTC) by `visitor`; country and
    /// referrer (a URL) are optional ("").
    void view(const std::string& timestamp, const std::string& recid, const std::string& visitor,
              const std::string& country = "", const std::string& referrer = "");
    void download(const std::string& timestamp, const std::string& recid, const std::string& visitor,
                  const std::string& fileKey, const std::string& country = "", const std::string& referrer = "");
    /// Stores the buffered events in one transaction; every one must be accepted.
    void ingest();

    /// A configured pair (templates registered): names community-usage-{delta,snapshot}-agg<suffix>,
    /// aliases stats-community-usage-{delta,snapshot}<suffix>. `tinyParts`: the families hand every
    /// document to the driver as a part of its own (the same families, not the plugin's classes).
    UsagePair makePair(const std::string& suffix = "", bool tinyParts = false);
    /// Runs the delta, then the snapshot, as of `asOfDay`; fails the test on reported errors.
    void run(UsagePair& pair, const std::string& asOfDay, const std::function<void(AggregationRequest&)>& adjust = {});
    AggregationResult runOne(TestAggregation& agg, const std::string& asOfDay,
                             const std::function<void(AggregationRequest&)>& adjust = {});

    /// Dense documents (parsed) and the dense document of one day (null outside the extent).
    std::vector<Poco::JSON::Object::Ptr> dense(const std::string& alias, const std::string& community,
                                               const std::string& first, const std::string& last) {
        return _h.dense(alias, community, first, last);
    }
    Poco::JSON::Object::Ptr day(const std::string& alias, const std::string& community, const std::string& day) {
        return _h.day(alias, community, day);
    }
    /// Days of the stored (sparse) documents of a community, joined by ",".
    std::string storedDays(const std::string& alias, const std::string& community);

private:
    struct Pending;
    AggregationHarness _h;
    std::unique_ptr<usage::Classifiers> _classifiers;
    std::unique_ptr<usage::VisitorHasher> _hasher;
    std::unique_ptr<usage::UsageStore> _store;
    std::unique_ptr<usage::UsagePipeline> _pipeline;
    std::unique_ptr<aggregation::HostAggregationSource> _source;
    SilentProgress _progress;
    std::vector<usage::Parsed<usage::ProcessedDoc>> _pending;
};

/// `view.total_events`-style access to an item or totals object: "view.unique_visitors".
std::int64_t number(const Poco::JSON::Object::Ptr& object, const std::string& path);
/// The numbers of an item or totals object as one line:
/// "v<events>/<visitors>/<records>/<parents> d<events>/<visitors>/<records>/<parents>/<files>/<volume>".
std::string numbers(const Poco::JSON::Object::Ptr& object);
/// The numbers of a document's totals.
std::string totals(const Poco::JSON::Object::Ptr& doc);
/// "id:label" of each item of subcounts.<key>, joined by ",".
std::string itemLabels(const Poco::JSON::Object::Ptr& doc, const std::string& key);

/// A record with one file per key (sizes given), in the given communities ("-": none).
TestRecord recordWithFiles(const std::string& id, const std::string& parent, const std::string& communities,
                           const std::vector<std::pair<std::string, std::int64_t>>& files);

/// Worlds several usage tests start from (each ingests its events; the caller runs the aggregations).
/// Community "ca" (2024-01-01) with r1 (parent p1; a.csv 100 B, b.txt 50 B), then on 2024-01-02 r2 (a
/// new version of p1; c.csv 30 B) and r3 (p3, metadata only). On 2024-02-01: views r1 by v1 at 10:00:00
/// and 10:00:30 (two double-click buckets: both count), r2 by v2, r3 by v1; downloads r1 a.csv by v1 and
/// by v2, r1 b.txt by v2, r2 c.csv by v1.
void versionsWorld(UsageHarness& u);
/// Community "ca" (2024-01-01) with r1 (p1; a.csv 100 B). On 2024-02-01 between 10:00 and 10:20 one view
/// each by a different visitor from 21 countries (BN first, then AD … BJ in id order), then two views of
/// US (visitors w1, w2) at 11:00 and 11:01: US leads, the 21 others tie.
void countriesWorld(UsageHarness& u);

}  // namespace statshost::test
