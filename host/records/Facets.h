#pragma once
/// Facets: the values a record carries for the subcounts of SEMANTICS §5 (resource type, access
/// right, languages, ...), each extracted by a configurable rule. A subcount (SubcountConfig.h)
/// counts the records carrying each value of one or more facets.
#include <map>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "records/RecordFiles.h"

namespace statshost::records {

/// Where a facet's values come from.
enum class FacetExtractor {
    Path,          ///< items at a dot path of the record JSON, id and label paths within each item
    AccessStatus,  ///< the record's access status (RecordData::accessStatus)
    FileType,      ///< the file type of each counted file (lower case; label = upper case)
    Event,         ///< a usage-event field (country, referrer): nothing comes from the record
};

/// Which items a Path facet keeps, judged by the item's own `id` (trimmed, empty = missing).
enum class ItemFilter { None, WithId, WithoutId };

/// An extraction rule. Paths are dot paths (JsonAccess.h): lists are traversed automatically and
/// `.` is the item itself.
struct FacetRule {
    std::string name;
    FacetExtractor extractor = FacetExtractor::Path;
    std::string items;                          ///< Path: where the items are, from the record's top
    std::vector<std::string> idPaths;           ///< Path: within an item; the first non-empty id wins
    std::vector<std::string> labelPaths;        ///< Path: within an item; the first non-empty label wins
    ItemFilter filter = ItemFilter::None;       ///< Path only
    std::map<std::string, std::string> labels;  ///< fixed labels by id; win over label paths

    bool operator==(const FacetRule& o) const;
    bool operator!=(const FacetRule& o) const { return !(*this == o); }
};

/// One value of one facet on one record. An empty label means the record has no real label for
/// the id (SEMANTICS §10.9: readers then show the id).
struct FacetValue {
    std::string facet;
    std::string id;
    std::string label;

    bool operator==(const FacetValue& o) const { return facet == o.facet && id == o.id && label == o.label; }
};

/// What a record offers to the built-in extractors.
struct FacetInputs {
    const std::vector<RecordFile>& files;  ///< the counted files
    const std::string& accessStatus;       ///< empty when the record has none
};

/// The values of every rule for one record, rules in the given order, values in document order.
/// Ids are trimmed (strings) or decimal (integers); anything else, and empty ids, are skipped.
/// Values are distinct per (facet, id); a repeated id keeps its first non-empty label.
std::vector<FacetValue> extractFacets(const std::vector<FacetRule>& rules, const Poco::JSON::Object::Ptr& record,
                                      const FacetInputs& inputs);

}  // namespace statshost::records
