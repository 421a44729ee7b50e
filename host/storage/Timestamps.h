#pragma once
/// Wall-clock values as the internal tables store them (UTC, comparable across processes on one host).
#include <cstdint>
#include <string>

namespace statshost::storage {

/// Now as ISO 8601 UTC with milliseconds, e.g. "2024-05-01T12:00:00.123Z".
std::string utcNowIso();
/// Now as milliseconds since the Unix epoch.
std::int64_t epochMillisNow();

}  // namespace statshost::storage
