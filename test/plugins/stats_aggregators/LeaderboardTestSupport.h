#pragma once
/// The leaderboard data aggregators under test (issue 8): CommunityRecordUsageDeltaAggregator (F1 and
/// F2) and CommunityUploadersDeltaAggregator (F3), configured under names and aliases of the test's
/// choosing (a suffix), with their templates registered, plus small readers of their documents.
#include <functional>
#include <map>
#include <string>

#include <Poco/JSON/Object.h>

#include "AggregationHarness.h"

namespace statshost::test {

struct LeaderboardAggregations {
    TestAggregation recordUsage;  ///< F1 alias = recordUsage.alias
    std::string recordAlias;      ///< F2
    TestAggregation uploaders;    ///< F3
};

/// Names community-record-usage-delta-agg<suffix> / community-uploaders-delta-agg<suffix>, aliases
/// stats-community-record-usage-delta<suffix>, stats-record-usage-delta<suffix>,
/// stats-community-uploaders-delta<suffix>. `partBytes` > 0: the record usage family hands over
/// documents (and replaces F2 chunks) whenever that many bytes are buffered (1 = every day).
LeaderboardAggregations makeLeaderboard(DocumentStore& store, const std::string& suffix = "", std::size_t partBytes = 0);

/// Fails the test when `result` reports errors (naming the aggregation).
void expectNoErrors(const AggregationResult& result, const std::string& aggregation);
/// Runs one aggregation as of `asOfDay` in `ctx`; fails the test on reported errors.
void runOrFail(AggregationContext& ctx, TestAggregation& agg, const std::string& asOfDay,
               const std::function<void(AggregationRequest&)>& adjust = {});

/// The stored document of (community, day) parsed, or null.
Poco::JSON::Object::Ptr storedDoc(DocumentStore& store, const std::string& alias, const std::string& community,
                                  const std::string& day);
/// Days of the stored documents of a community ("" = all), joined by ",".
std::string storedDayList(DocumentStore& store, const std::string& alias, const std::string& community);
/// Every stored document as "community day" → canonical body without `timestamp`.
std::map<std::string, std::string> bodiesWithoutTimestamps(DocumentStore& store, const std::string& alias);

/// Asserts that two indices hold the same bodies (ignoring `timestamp`) under the same keys.
void assertSameBodies(DocumentStore& store, const std::string& aliasA, const std::string& aliasB);
/// "community day" → the integer member `key` of every stored document where it is > 0.
std::map<std::string, std::int64_t> positiveByDay(DocumentStore& store, const std::string& alias, const std::string& key);

/// "v<views>/<unique_views> d<downloads>/<unique_downloads>/<data_volume>" of a numbers object.
std::string usageLine(const Poco::JSON::Object::Ptr& numbers);
/// The entry of list `key` (records, parents, versions, uploaders) with `id` (null when absent).
Poco::JSON::Object::Ptr entry(const Poco::JSON::Object::Ptr& doc, const std::string& key, const std::string& id);
/// The ids of list `key`, in order, joined by ",".
std::string entryIds(const Poco::JSON::Object::Ptr& doc, const std::string& key);
/// An integer member (volumes are written as N.0).
std::int64_t integer(const Poco::JSON::Object::Ptr& object, const std::string& key);

}  // namespace statshost::test
