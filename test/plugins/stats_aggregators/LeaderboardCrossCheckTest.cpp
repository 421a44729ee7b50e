// Randomized cross-check of the leaderboard data (issue 8) on seeded streams (ReferenceGenerator:
// versions, moves, same-day add+remove, deletions, restorations, owners and none, double clicks,
// machines, late usage), both backends:
//   - F1 totals equal the usage delta's totals for every (community, day), and F1 has a document
//     exactly where the usage delta has one;
//   - F2 equals a reference computed here from the raw stored events (per parent and day: per version
//     and over all versions, views / distinct viewers / downloads / distinct downloaders / bytes);
//   - F3 records_added equals records_added of the created-basis records delta on every day it is not 0;
//   - incremental (half the stream, a run, the rest plus late usage, a run) equals from scratch.
#include <cppunit/extensions/HelperMacros.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <iostream>
#include <set>

#include "LeaderboardTestSupport.h"
#include "RecordsAggregators.h"
#include "ReferenceAggregators.h"
#include "ReferenceRun.h"
#include "UsageAggregators.h"
#include "aggregation/HostAggregationSource.h"

using namespace statshost;
using namespace statshost::test;
using namespace statshost::test::reference;

namespace {

Poco::JSON::Object::Ptr parse(const std::string& body) {
    return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
}

/// One day's usage of a version or a parent, from raw events.
struct Tally {
    std::int64_t views = 0, downloads = 0, volume = 0;
    std::set<std::string> viewers, downloaders;
    void add(const UsageFact& e) {
        if (e.download) {
            ++downloads;
            volume += e.size;
            downloaders.insert(e.visitorId);
        } else {
            ++views;
            viewers.insert(e.visitorId);
        }
    }
    std::string line() const {
        return "v" + std::to_string(views) + "/" + std::to_string(viewers.size()) + " d" + std::to_string(downloads) +
               "/" + std::to_string(downloaders.size()) + "/" + std::to_string(volume);
    }
};

/// "parent day" → "r1 v…;r2 v…;* v…" from the raw events.
std::map<std::string, std::string> referenceParentDays(AggregationSource& source) {
    std::map<std::string, std::map<std::string, Tally>> tallies;
    const auto [first, last] = source.usageDayRange();
    if (first <= last)
        source.scanUsage(first, last, [&](const UsageFact& e) {
            if (e.parentId.empty()) return;
            auto& day = tallies[e.parentId + " " + dayText(e.day)];
            day[e.recordId].add(e);
            day["\x7f*"].add(e);  // sorts after every record id
        });
    std::map<std::string, std::string> out;
    for (const auto& [key, byRecord] : tallies) {
        std::string text;
        for (const auto& [id, tally] : byRecord)
            text += (text.empty() ? "" : ";") + (id == "\x7f*" ? std::string("*") : id) + " " + tally.line();
        out[key] = text;
    }
    return out;
}

/// The same text from the stored F2 documents.
std::map<std::string, std::string> storedParentDays(DocumentStore& store, const std::string& alias) {
    std::map<std::string, std::string> out;
    store.scan(alias, DocumentRange{}, [&](const Document& d) {
        auto doc = parse(d.body);
        std::string text;
        auto versions = doc->getArray("versions");
        for (std::size_t i = 0; i < versions->size(); ++i) {
            auto v = versions->getObject(static_cast<unsigned>(i));
            text += (text.empty() ? "" : ";") + v->getValue<std::string>("id") + " " + usageLine(v);
        }
        out[d.communityId + " " + d.day] = text + ";* " + usageLine(doc->getObject("all_versions"));
        return true;
    });
    return out;
}

std::string firstDifference(const std::map<std::string, std::string>& expected,
                            const std::map<std::string, std::string>& actual) {
    for (const auto& [key, text] : expected) {
        auto it = actual.find(key);
        if (it == actual.end()) return key + ": missing (expected " + text + ")";
        if (it->second != text) return key + ": expected " + text + ", got " + it->second;
    }
    for (const auto& [key, text] : actual)
        if (!expected.count(key)) return key + ": unexpected " + text;
    return "";
}

/// "community day" → F1-style totals line of the usage delta documents.
std::map<std::string, std::string> usageDeltaTotals(DocumentStore& store, const std::string& alias) {
    std::map<std::string, std::string> out;
    store.scan(alias, DocumentRange{}, [&](const Document& d) {
        auto t = parse(d.body)->getObject("totals");
        auto n = [&](const char* side, const char* key) {
            return std::to_string(static_cast<std::int64_t>(t->getObject(side)->get(key).convert<double>()));
        };
        out[d.communityId + " " + d.day] = "v" + n("view", "total_events") + "/" + n("view", "unique_visitors") + " d" +
                                           n("download", "total_events") + "/" + n("download", "unique_visitors") +
                                           "/" + n("download", "total_volume");
        return true;
    });
    return out;
}

std::map<std::string, std::string> recordUsageTotals(DocumentStore& store, const std::string& alias) {
    std::map<std::string, std::string> out;
    store.scan(alias, DocumentRange{}, [&](const Document& d) {
        out[d.communityId + " " + d.day] = usageLine(parse(d.body)->getObject("totals"));
        return true;
    });
    return out;
}

/// "community day" → records_added (days where it is not 0), as text.
std::map<std::string, std::string> recordsAdded(DocumentStore& store, const std::string& alias) {
    std::map<std::string, std::string> out;
    for (const auto& [key, n] : positiveByDay(store, alias, "records_added")) out[key] = std::to_string(n);
    return out;
}

/// Builds the repository of `seed` in two halves with runs in between; returns "" or the failure.
std::string checkSeed(std::uint64_t seed, TestBackend& backend) {
    const std::string who = "seed " + std::to_string(seed) + " on " + backendName(backend) + ": ";
    Stream stream = generate(seed, optionsFor(seed));
    Repository repo(backend, modeFor(seed));
    storage::Storage& store = repo.storage();
    aggregation::HostAggregationSource source(store.database(), isoCodesPath());
    const AggregationSettings settings = settingsFor(seed);
    CollectingLogger logger;
    SilentProgress progress;
    AggregationContext ctx{store, source, settings, repo.harness().clock(), logger, progress};

    LeaderboardAggregations incremental = makeLeaderboard(store, "-inc", 2048);
    const std::size_t half = stream.operations.size() / 2;
    std::string rejected = repo.apply(stream, 0, half);
    runOrFail(ctx, incremental.recordUsage, dayText(dayOf(stream.operations[half - 1].at) + 1));
    runOrFail(ctx, incremental.uploaders, dayText(dayOf(stream.operations[half - 1].at) + 1));
    rejected += repo.apply(stream, half, stream.operations.size());
    const Operation late = lateUsage(stream, stream.operations.size(), stream.lastMicros, seed * 31 + 7, 25);
    if (!late.events.empty()) rejected += reference::apply(repo.harness(), repo.usageStore(), late);
    if (!rejected.empty()) return who + "the services rejected generated input:\n" + rejected;

    const std::string asOf = dayText(dayOf(stream.lastMicros) + 2);
    runOrFail(ctx, incremental.recordUsage, asOf);
    runOrFail(ctx, incremental.uploaders, asOf);
    LeaderboardAggregations fresh = makeLeaderboard(store, "-fresh");
    runOrFail(ctx, fresh.recordUsage, asOf);
    runOrFail(ctx, fresh.uploaders, asOf);

    TestAggregation usageDelta{"community-usage-delta-agg", "stats-community-usage-delta",
                               std::make_unique<aggregators::CommunityUsageDeltaAggregator>()};
    TestAggregation recordsDelta{"community-records-delta-created-agg", "stats-community-records-delta-created",
                                 std::make_unique<aggregators::CommunityRecordsDeltaCreatedAggregator>()};
    for (TestAggregation* agg : {&usageDelta, &recordsDelta}) {
        agg->aggregator->configure(AggregatorSetup{agg->name, agg->alias, Params()});
        for (const IndexTemplate& t : agg->aggregator->indexTemplates()) store.registerTemplate(t);
        runOrFail(ctx, *agg, asOf);
    }

    const auto f1 = recordUsageTotals(store, fresh.recordUsage.alias);
    const auto f2 = storedParentDays(store, fresh.recordAlias);
    std::cerr << "  " << who << f1.size() << " F1, " << f2.size() << " F2, "
              << recordsAdded(store, fresh.uploaders.alias).size() << " F3 documents\n";
    if (f1.empty() || f2.empty()) return who + "no usage documents: the check would be vacuous";
    std::string d = firstDifference(usageDeltaTotals(store, usageDelta.alias), f1);
    if (!d.empty()) return who + "F1 totals vs usage delta: " + d;
    d = firstDifference(referenceParentDays(source), f2);
    if (!d.empty()) return who + "F2 vs raw events: " + d;
    d = firstDifference(recordsAdded(store, recordsDelta.alias), recordsAdded(store, fresh.uploaders.alias));
    if (!d.empty()) return who + "F3 records_added vs records delta (created): " + d;
    for (const auto& [mine, theirs] : {std::pair{incremental.recordUsage.alias, fresh.recordUsage.alias},
                                       std::pair{incremental.recordAlias, fresh.recordAlias},
                                       std::pair{incremental.uploaders.alias, fresh.uploaders.alias}}) {
        d = firstDifference(bodiesWithoutTimestamps(store, theirs), bodiesWithoutTimestamps(store, mine));
        if (!d.empty()) return who + "incremental " + mine + " vs from scratch: " + d;
    }
    return "";
}

}  // namespace

class LeaderboardCrossCheckTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(LeaderboardCrossCheckTest);
    CPPUNIT_TEST(randomizedStreamsMatchTheUsageAndRecordsDeltas);
    CPPUNIT_TEST_SUITE_END();

public:
    void randomizedStreamsMatchTheUsageAndRecordsDeltas() {
        for (std::uint64_t seed : seedsToRun(1, 6))
            onBothBackends([&](TestBackend& backend) {
                const std::string failure = checkSeed(seed, backend);
                CPPUNIT_ASSERT_MESSAGE(failure, failure.empty());
            });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(LeaderboardCrossCheckTest);
