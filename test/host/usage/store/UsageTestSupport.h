#pragma once
/// Shared by the usage-store suites: event builders, reading back every stored row, and the reference
/// double-click computation the randomized tests compare against (written independently of the store:
/// sort everything, group, apply the rule).
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "storage/Database.h"
#include "support/TestBackends.h"
#include "usage/UsageEvent.h"
#include "usage/store/UsageStore.h"

namespace statshost::test {

using usage::EventType;
using usage::UsageEvent;

constexpr std::int64_t kSecond = 1000000;
constexpr std::int64_t kDay = 86400 * kSecond;
/// 2024-01-01 as a day number.
constexpr std::int64_t kDay2024 = 19723;

/// Epoch µs of 2024-01-01 + `day` days + hh:mm:ss (+ `micros`).
std::int64_t at(int day, int hh, int mm, int ss, std::int64_t micros = 0);

/// A record view of `recid` by `visitor` at `ts` (country "DE", referrer "example.org" unless changed).
UsageEvent view(const std::string& recid, const std::string& visitor, std::int64_t ts);
/// A download of file `fileId` of `recid`.
UsageEvent download(const std::string& recid, const std::string& fileId, const std::string& visitor, std::int64_t ts);

/// Every field of an event, for exact comparisons and readable assertion messages.
std::string describe(const UsageEvent& e);
/// describe() of each, sorted (a canonical form of a multiset of events).
std::vector<std::string> canonical(const std::vector<UsageEvent>& events);

/// Every stored event (scanDays over all days).
std::vector<UsageEvent> storedEvents(storage::Database& db);
/// The row count of `table`.
std::int64_t rowCount(storage::Database& db, const std::string& table);

/// The survivors of `events` (in ingestion order) under `mode`, computed from scratch.
std::vector<UsageEvent> referenceSurvivors(const std::vector<UsageEvent>& events, usage::DoubleClickMode mode);

/// Random click streams for the cross-checks: few records and visitors, clicks clustered within seconds
/// (and around midnight), some exact timestamp ties, views and downloads.
std::vector<UsageEvent> randomStream(std::mt19937_64& rng, std::size_t count);

}  // namespace statshost::test
