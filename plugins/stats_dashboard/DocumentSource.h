#pragma once
/// Reading the aggregation documents a query needs, and the cache generation of what was read.
///
/// Index names follow conf/stats.yaml: record families `stats-community-records-{delta,snapshot}-<basis>`
/// written by `community-records-{delta,snapshot}-<basis>-agg`, usage families
/// `stats-community-usage-{delta,snapshot}` written by `community-usage-{delta,snapshot}-agg`.
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "SeriesTransform.h"
#include "statshost/Store.h"

namespace statshost::dashboard {

struct FamilyIndex {
    std::string alias;        ///< index alias read
    std::string aggregation;  ///< the aggregation writing it (its bookmarks make the generation)
};

/// The index of `family` under `dateBasis` (usage families have no basis).
FamilyIndex familyIndex(Family family, const std::string& dateBasis);

/// The stored-or-filled document bodies of `communityId` for each day of [startDate, endDate]
/// (empty = unbounded) inside the community's extent, in day order (DocumentStore::readDense).
std::vector<std::string> readDocuments(DocumentStore& store, const FamilyIndex& index, const std::string& communityId,
                                       const std::string& startDate, const std::string& endDate);

/// Parses document bodies (RapidJSON: the documents of a year of a large community are tens of MB).
/// A body that is not a JSON object is an Error.
std::vector<rapidjson::Document> parseDocuments(const std::vector<std::string>& bodies);

/// A text that changes whenever an aggregation run may have rewritten documents of `communityId` in
/// `index`: the aggregation's bookmark and dirty marker for the community, and its change watermark
/// and settings fingerprint (bookmarks `<aggregation>`, `#dirty`, `#seq`, `#config`). The aggregation
/// driver writes documents first and moves the watermark/bookmark afterwards, so an answer read after
/// this text was taken is never older than the text says: a later rewrite always yields a new text.
std::string readGeneration(DocumentStore& store, const FamilyIndex& index, const std::string& communityId);

}  // namespace statshost::dashboard
