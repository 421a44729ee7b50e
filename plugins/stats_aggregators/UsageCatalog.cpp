#include "UsageCatalog.h"

#include <algorithm>
#include <stdexcept>

namespace statshost::aggregators::usagestats {

namespace {
std::string upperAscii(std::string text) {
    for (char& c : text)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return text;
}
const std::vector<std::uint32_t> kNone;
}  // namespace

UsageCatalog::UsageCatalog(const std::vector<SubcountSpec>& subcounts) : _items(subcounts.size()) {
    if (subcounts.size() > 254) throw std::invalid_argument("too many usage subcounts");
    for (std::uint32_t s = 0; s < subcounts.size(); ++s) {
        Subcount sc;
        sc.spec = subcounts[s];
        for (const auto& facet : sc.spec.facets) {
            if (facet == "country") {
                sc.country = true;
            } else if (facet == "referrer") {
                sc.referrer = true;
            } else {
                if (facet == "file_type") sc.fileType = true;
                sc.recordFacets.push_back(facet);  // file_type labels may also come from records
                _byFacet[facet].push_back(s);
            }
        }
        _subcounts.push_back(std::move(sc));
    }
}

const std::vector<std::uint32_t>& UsageCatalog::subcountsOfFacet(const std::string& facet) const {
    auto it = _byFacet.find(facet);
    return it == _byFacet.end() ? kNone : it->second;
}

std::size_t UsageCatalog::facetPosition(std::uint32_t subcount, const std::string& facet) const {
    const auto& facets = _subcounts[subcount].spec.facets;
    return static_cast<std::size_t>(std::find(facets.begin(), facets.end(), facet) - facets.begin());
}

void UsageCatalog::offerLabel(std::uint64_t packed, std::int64_t publishedMicros, const std::string& label) {
    if (label.empty()) return;
    const std::uint32_t s = itemSubcount(packed), n = itemNumber(packed);
    if (s < _isResolved.size() && n < _isResolved[s].size()) _isResolved[s][n] = false;
    auto it = _labels.find(packed);
    if (it == _labels.end()) {
        _labels.emplace(packed, LabelChoice{publishedMicros, label});
    } else if (publishedMicros < it->second.publishedMicros) {
        it->second = {publishedMicros, label};
    }
}

const std::string& UsageCatalog::label(std::uint64_t packed, AggregationSource& source) {
    const std::uint32_t s = itemSubcount(packed), n = itemNumber(packed);
    if (_resolved.size() < _subcounts.size()) {
        _resolved.resize(_subcounts.size());
        _isResolved.resize(_subcounts.size());
    }
    if (_resolved[s].size() <= n) {
        const std::size_t size = std::max<std::size_t>(n + 1, _items[s].size());
        _resolved[s].resize(size);
        _isResolved[s].resize(size, false);
    }
    if (!_isResolved[s][n]) {
        _resolved[s][n] = resolveLabel(packed, source);
        _isResolved[s][n] = true;
    }
    return _resolved[s][n];
}

std::string UsageCatalog::resolveLabel(std::uint64_t packed, AggregationSource& source) {
    auto it = _labels.find(packed);
    if (it != _labels.end()) return it->second.label;
    const Subcount& sc = _subcounts[itemSubcount(packed)];
    const std::string& id = this->id(packed);
    if (sc.country) {
        auto known = _countryLabels.find(id);
        if (known == _countryLabels.end()) known = _countryLabels.emplace(id, source.countryLabel(id)).first;
        return known->second;
    }
    if (sc.fileType) return upperAscii(id);
    return id;
}

}  // namespace statshost::aggregators::usagestats
