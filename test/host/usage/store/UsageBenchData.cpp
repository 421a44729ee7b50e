// The ingest benchmark's deterministic event generator.
#include "UsageBenchData.h"

#include <cstdio>
#include <string>

namespace statshost::test {

namespace {

using usage::EventType;
using usage::UsageEvent;

constexpr std::int64_t kSecond = 1000000;
constexpr std::int64_t kDay = 86400 * kSecond;
constexpr std::int64_t kStart = 19783 * kDay;  // 2024-03-01T00:00:00Z

struct SplitMix64 {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    std::uint64_t below(std::uint64_t n) { return next() % n; }
};

/// 56 hex characters derived from (kind, n), like a SHA-224 hex digest.
std::string hexId(std::uint64_t kind, std::uint64_t n) {
    SplitMix64 mix{kind * 0x100000001B3ULL ^ n};
    std::string id;
    char chunk[17];
    while (id.size() < 56) {
        std::snprintf(chunk, sizeof chunk, "%016llx", static_cast<unsigned long long>(mix.next()));
        id += chunk;
    }
    id.resize(56);
    return id;
}

const char* const kCountries[] = {"DE", "US", "FR", "GB", "IT", "ES", "NL", "CH", "JP", "BR", "IN", "CN"};
const char* const kReferrers[] = {"www.google.com", "scholar.google.com", "zenodo.org", "github.com", "doi.org"};

std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && (a < 0)); }

}  // namespace

std::vector<UsageEvent> benchEvents(std::size_t count, std::uint64_t seed) {
    SplitMix64 rng{seed};
    std::vector<UsageEvent> events;
    events.reserve(count);
    std::int64_t now = kStart;
    for (std::size_t n = 0; n < count; ++n) {
        now += static_cast<std::int64_t>(rng.below(1000000));  // 0.5 s apart on average
        if (n >= 32 && rng.below(100) < 5) {
            // A double click: an earlier event of the same stream again, later in its 10 s bucket.
            UsageEvent e = events[n - 1 - rng.below(32)];
            const std::int64_t bucketEnd = (floorDiv(e.timestampMicros, 10 * kSecond) + 1) * 10 * kSecond;
            e.timestampMicros +=
                static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(bucketEnd - e.timestampMicros)));
            e.day = floorDiv(e.timestampMicros, kDay);
            events.push_back(e);
            continue;
        }
        UsageEvent e;
        e.timestampMicros = rng.below(100) == 0 ? now - static_cast<std::int64_t>(rng.below(6 * 3600)) * kSecond : now;
        e.day = floorDiv(e.timestampMicros, kDay);
        const std::uint64_t record = rng.below(5000);
        const std::uint64_t visitor = rng.below(20000);
        e.recordId = "rec" + std::to_string(record) + "-x1y2";
        e.parentId = "par" + std::to_string(record / 3) + "-x1y2";
        e.visitorId = hexId(1, visitor);
        e.sessionId = hexId(2, visitor * 24 + static_cast<std::uint64_t>(e.timestampMicros / (3600 * kSecond)) % 24);
        e.country = rng.below(10) == 0 ? "" : kCountries[rng.below(12)];
        e.referrerHost = rng.below(2) == 0 ? "" : kReferrers[rng.below(5)];
        e.isMachine = rng.below(50) == 0;
        if (rng.below(10) < 7) {
            e.type = EventType::View;
            e.uniqueId = "ui_" + e.recordId;
        } else {
            e.type = EventType::Download;
            const std::uint64_t file = rng.below(3);
            e.bucketId = hexId(3, record).substr(0, 36);
            e.fileId = hexId(4, record * 3 + file).substr(0, 36);
            e.fileKey = "data-" + std::to_string(file) + (file == 2 ? ".csv" : ".pdf");
            e.fileType = file == 2 ? "csv" : "pdf";
            e.size = static_cast<std::int64_t>(1000 + rng.below(50000000));
            e.uniqueId = e.bucketId + "_" + e.fileId;
        }
        events.push_back(e);
    }
    return events;
}

}  // namespace statshost::test
