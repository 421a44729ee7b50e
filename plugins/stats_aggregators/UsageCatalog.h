#pragma once
/// The usage subcounts of a run (AggregationSettings::usageSubcounts) and their items: each subcount's
/// item ids numbered densely, and each item's label (SEMANTICS §10.9: taken from the earliest published
/// record — publish time, then record id — that has a real label for the id in one of the subcount's
/// facets, a record's label being its first non-empty one in the subcount's facet order; without one: the country name for `country` items (AggregationSource::countryLabel), the upper
/// case id for `file_type` items (§5), else the id; referrer labels are the host, i.e. the id).
///
/// Facets: `country` and `referrer` come from the event; `file_type` from the downloaded file for a
/// download and from the record's counted files for a view; every other facet name from the record's
/// FacetFacts. An item is packed as (subcount << 32 | item number).
#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "UsageInterner.h"
#include "statshost/Sources.h"

namespace statshost::aggregators::usagestats {

inline std::uint64_t packItem(std::uint32_t subcount, std::uint32_t item) {
    return (std::uint64_t(subcount) << 32) | item;
}
inline std::uint32_t itemSubcount(std::uint64_t packed) { return static_cast<std::uint32_t>(packed >> 32); }
inline std::uint32_t itemNumber(std::uint64_t packed) { return static_cast<std::uint32_t>(packed); }

class UsageCatalog {
public:
    struct Subcount {
        SubcountSpec spec;
        std::vector<std::string> recordFacets;  ///< facets read from RecordFacts::facets
        bool country = false;
        bool referrer = false;
        bool fileType = false;
    };

    /// At most 254 subcounts.
    explicit UsageCatalog(const std::vector<SubcountSpec>& subcounts);
    UsageCatalog(const UsageCatalog&) = delete;
    UsageCatalog& operator=(const UsageCatalog&) = delete;

    std::size_t size() const { return _subcounts.size(); }
    const Subcount& subcount(std::uint32_t s) const { return _subcounts[s]; }
    /// Subcounts reading `facet` from the record (not for the event facets).
    const std::vector<std::uint32_t>& subcountsOfFacet(const std::string& facet) const;
    /// The position of `facet` in a subcount's facets (its size when absent).
    std::size_t facetPosition(std::uint32_t subcount, const std::string& facet) const;

    std::uint32_t item(std::uint32_t subcount, const std::string& id) { return _items[subcount].intern(id); }
    const std::string& id(std::uint64_t packed) const { return _items[itemSubcount(packed)].text(itemNumber(packed)); }

    /// A record's real label for an item; kept when it is the earliest published so far (ties: the
    /// record offered first — offer records in record-id order).
    void offerLabel(std::uint64_t packed, std::int64_t publishedMicros, const std::string& label);
    /// The label of an item (see the class comment); kept once resolved (an offerLabel() for the item
    /// resolves it again), so the reference stays valid until the item's next offerLabel().
    const std::string& label(std::uint64_t packed, AggregationSource& source);

private:
    struct LabelChoice {
        std::int64_t publishedMicros;
        std::string label;
    };
    std::vector<Subcount> _subcounts;
    std::unordered_map<std::string, std::vector<std::uint32_t>> _byFacet;
    std::vector<UsageInterner> _items;  ///< per subcount
    std::unordered_map<std::uint64_t, LabelChoice> _labels;
    std::unordered_map<std::string, std::string> _countryLabels;
    std::string resolveLabel(std::uint64_t packed, AggregationSource& source);
    /// Resolved labels per subcount and item number ("resolved" flags alongside); deques, so growing
    /// them keeps the references label() returned.
    std::vector<std::deque<std::string>> _resolved;
    std::vector<std::vector<bool>> _isResolved;
};

}  // namespace statshost::aggregators::usagestats
