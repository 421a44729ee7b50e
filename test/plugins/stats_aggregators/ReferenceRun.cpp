// Per-seed settings and the repository a cross-check run builds.
#include "ReferenceRun.h"

#include <algorithm>
#include <cstdlib>

#include "aggregation/HostAggregationSource.h"
#include "records/Dates.h"

namespace statshost::test::reference {

AggregationSettings settingsFor(std::uint64_t seed) {
    AggregationSettings s = defaultSettings();
    s.publishedDateFloor = seed % 7 == 3 ? "2024-03-01" : "2024-06-01";
    s.topLimit = seed % 3 == 1 ? 2 : 20;
    if (seed % 5 == 2) {
        // Fewer subcounts: every other one of each side.
        std::vector<SubcountSpec> records, usage;
        for (std::size_t i = 0; i < s.recordSubcounts.size(); i += 2) records.push_back(s.recordSubcounts[i]);
        for (std::size_t i = 1; i < s.usageSubcounts.size(); i += 2) usage.push_back(s.usageSubcounts[i]);
        s.recordSubcounts = records;
        s.usageSubcounts = usage;
    }
    return s;
}

GeneratorOptions optionsFor(std::uint64_t seed) {
    GeneratorOptions o;
    o.operations = 80 + static_cast<int>(seed % 4) * 10;
    o.communities = 2 + static_cast<int>(seed % 3);
    return o;
}

std::vector<std::uint64_t> seedsToRun(std::uint64_t first, std::uint64_t last) {
    if (const char* chosen = std::getenv("STATSHOST_CROSSCHECK_SEED")) {
        std::string text = chosen;
        auto dash = text.find('-');
        if (dash == std::string::npos) return {std::stoull(text)};
        first = std::stoull(text.substr(0, dash));
        last = std::stoull(text.substr(dash + 1));
    }
    std::vector<std::uint64_t> seeds;
    for (std::uint64_t s = first; s <= last; ++s) seeds.push_back(s);
    return seeds;
}

std::string backendName(const TestBackend& backend) {
    return backend.url().rfind("sqlite:", 0) == 0 ? "sqlite" : "postgresql";
}

usage::DoubleClickMode modeFor(std::uint64_t seed) {
    return seed % 4 == 3 ? usage::DoubleClickMode::Counter30s : usage::DoubleClickMode::Fixed10s;
}

Repository::Repository(TestBackend& backend, usage::DoubleClickMode mode)
    : _harness(std::make_unique<ServiceHarness>(backend)), _usage(mode) {
    aggregation::ensureSourceTables(_harness->storage().database());
}

Repository::~Repository() = default;

std::string Repository::apply(const Stream& stream, std::size_t from, std::size_t to) {
    to = std::min(to, stream.operations.size());
    for (std::size_t i = from; i < to; ++i) {
        const Operation& op = stream.operations[i];
        _tally.note(op, reference::apply(*_harness, _usage, op));
    }
    std::string problems;
    for (const auto& p : _tally.rejectedPublishes) problems += p + "\n";
    return problems;
}

std::string dayText(std::int64_t day) { return records::formatDay(day); }
std::int64_t dayOf(std::int64_t micros) { return records::dayOfMicros(micros); }

}  // namespace statshost::test::reference
