#pragma once
/// The inputs of the reference computation (ReferenceDocuments.h), read back plainly from a
/// repository the test built: every stored record version (deleted ones too) with its facts, the
/// whole community-events log, every stored usage event, the community ids, plus the settings and
/// the country labels the aggregators are given. Nothing here interprets the data.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "statshost/Sources.h"
#include "storage/Storage.h"

namespace statshost::test::reference {

struct Input {
    std::vector<RecordFacts> records;       ///< in record-id order
    std::vector<CommunityEvent> events;     ///< the whole log, in (event date, insertion) order
    std::vector<UsageFact> usage;           ///< stored usage events (double-click survivors)
    std::vector<std::string> communityIds;  ///< the communities table, ordered by id (no "global")
    AggregationSettings settings;
    /// English label of an ISO alpha-2 code (SEMANTICS §9.7); the code itself when unknown.
    std::function<std::string(const std::string&)> countryLabel;
};

/// Reads records, log, usage events and communities straight from the repository and usage
/// tables of `storage` (RepositoryTx and UsageStore reads, not the aggregators' source).
Input readRepository(storage::Storage& storage);

/// Reads the same through an AggregationSource (for checking a source against readRepository).
Input readSource(AggregationSource& source);

/// The default COMMUNITY_STATS_SUBCOUNTS as AggregationSettings (SEMANTICS §5 and §6, written out
/// here by hand from the tables there, with the repository's facet names).
AggregationSettings defaultSettings();

/// Country labels of the codes the generator uses (iso-codes: common_name, else name).
std::string countryLabel(const std::string& code);

/// A readable one-line description of each, for messages when two inputs differ.
std::string describe(const RecordFacts& r);
std::string describe(const CommunityEvent& e);
std::string describe(const UsageFact& u);

/// "" when both inputs hold the same records, log, usage and communities; else the first difference.
std::string firstInputDifference(const Input& a, const Input& b);

}  // namespace statshost::test::reference
