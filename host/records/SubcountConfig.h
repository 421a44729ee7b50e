#pragma once
/// COMMUNITY_STATS_SUBCOUNTS: which subcount lists the aggregators write and which facets feed
/// them (SEMANTICS §5, §6, §10.17). YAML shape (the full defaults: defaultSubcountsYaml()):
///
///   COMMUNITY_STATS_SUBCOUNTS:
///     facets:                      # extraction rules by facet name
///       <facet>:
///         extractor: path          # path (default) | access_status | file_type | event
///         items: metadata.languages   # path only: where the items are
///         id: [id]                 # path only, required: id paths within an item, first non-empty wins
///         label: [title.en]        # path only: label paths, first non-empty wins (none: the id is shown)
///         filter: with_id          # path only: with_id | without_id (the item's own `id`)
///         labels: {open: Open Access}   # not for event: fixed labels by id
///     subcounts:
///       <subcount>:
///         records:                 # optional: the records delta/snapshot lists
///           delta: by_language     # key in delta documents
///           snapshot: all_languages   # key in snapshot documents
///           snapshot_type: all     # all | top (top: COMMUNITY_STATS_TOP_SUBCOUNT_LIMIT items)
///           facets: [language]     # source facets; a record counts once per id over all of them
///         usage: {...}             # optional: the same for the usage lists
///
/// An absent (or null) section means its defaults; a given section replaces them whole, so an
/// operator copies the default text and edits it. `COMMUNITY_STATS_SUBCOUNTS: {}` is the defaults.
/// Records sides may not use event facets. Unknown keys, wrong types, unknown facet names and
/// duplicate delta or snapshot keys within one side kind are ConfigErrors naming the key path.
#include <optional>
#include <string>
#include <vector>

#include "records/Facets.h"
#include "statshost/Params.h"

namespace statshost::records {

enum class SnapshotType { All, Top };

/// One side (records or usage) of a subcount.
struct SubcountSide {
    std::string deltaKey;
    std::string snapshotKey;
    SnapshotType snapshotType = SnapshotType::All;
    std::vector<std::string> facets;  ///< source facet names, in order

    bool operator==(const SubcountSide& o) const;
    bool operator!=(const SubcountSide& o) const { return !(*this == o); }
};

struct Subcount {
    std::string name;
    std::optional<SubcountSide> records;
    std::optional<SubcountSide> usage;

    bool operator==(const Subcount& o) const;
    bool operator!=(const Subcount& o) const { return !(*this == o); }
};

struct SubcountConfig {
    std::vector<FacetRule> facets;    ///< ordered by name
    std::vector<Subcount> subcounts;  ///< ordered by name

    /// The rule named `name`, or nullptr.
    const FacetRule* facet(const std::string& name) const;
    /// The records sides, in subcount order.
    std::vector<SubcountSide> recordSides() const;
    /// The usage sides, in subcount order.
    std::vector<SubcountSide> usageSides() const;

    bool operator==(const SubcountConfig& o) const { return facets == o.facets && subcounts == o.subcounts; }
    bool operator!=(const SubcountConfig& o) const { return !(*this == o); }
};

/// One item of a subcount for one record.
struct SubcountValue {
    std::string id;
    std::string label;  ///< empty: no real label on this record
    bool operator==(const SubcountValue& o) const { return id == o.id && label == o.label; }
};

/// The items `side` counts for a record with `values` (its RecordData::facets): the values of the
/// side's facets, in facet order, each id once (the first non-empty label kept).
std::vector<SubcountValue> subcountValues(const SubcountSide& side, const std::vector<FacetValue>& values);

/// Reads the value of COMMUNITY_STATS_SUBCOUNTS (empty Params or an empty mapping = the defaults).
SubcountConfig parseSubcounts(const statshost::Params& communityStatsSubcounts);

/// The built-in defaults, reproducing SEMANTICS §5 (records) and §6 (usage).
const SubcountConfig& defaultSubcountConfig();

/// The defaults as YAML text: a document whose single key is COMMUNITY_STATS_SUBCOUNTS, with
/// comments, ready for conf/stats.yaml and the docs. Parsing it gives defaultSubcountConfig().
const std::string& defaultSubcountsYaml();

}  // namespace statshost::records
