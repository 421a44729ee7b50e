#pragma once
/// The real aggregators for the cross-check: the stats_aggregators module loaded through the
/// host's ExtensionRegistry from a configuration listing the nine STATS_AGGREGATIONS (deltas
/// before their snapshots), run through the host AggregationRunner with the host
/// AggregationSource over the repository database and a given DocumentStore (which may be a
/// different database, for "from scratch on a second store").
#include <memory>
#include <string>

#include "plugins/ExtensionRegistry.h"
#include "statshost/Sources.h"
#include "storage/Storage.h"

namespace statshost::test::reference {

class Aggregators {
public:
    Aggregators();
    ~Aggregators();

    /// Registers every aggregator's index templates in `store`.
    void registerTemplates(DocumentStore& store) const;

    /// Runs all nine as of `asOfDay` (YYYY-MM-DD), reading the repository of `source` and writing to
    /// `store`. `tick`: a scheduler tick (may stop after settings.catchupDays per community).
    /// Returns "" on success, else what failed (aggregation names and errors).
    std::string run(DocumentStore& store, storage::Database& source, const AggregationSettings& settings,
                    const std::string& asOfDay, bool tick = false) const;

    std::size_t count() const;

private:
    std::unique_ptr<plugins::ExtensionRegistry> _registry;
};

/// The iso-codes file the host source reads country labels from.
std::string isoCodesPath();

}  // namespace statshost::test::reference
