#pragma once
/// The deterministic event stream of the ingest benchmark (scripts/bench/ingest): live-looking traffic in
/// time order over ~28 hours from 2024-03-01, 70 % views / 30 % downloads over 5000 records and 20000
/// visitors (56-hex ids, as the visitor hash), ~5 % double clicks (a repeat of one of the last 32 events
/// in the same 10 s bucket), ~1 % late events (back-dated up to 6 hours), ~10 % without a country.
/// Same `count` and `seed` → the same events on every machine (own splitmix64, no std distributions).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "usage/UsageEvent.h"

namespace statshost::test {

std::vector<usage::UsageEvent> benchEvents(std::size_t count, std::uint64_t seed = 20240301);

}  // namespace statshost::test
