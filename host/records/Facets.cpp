#include "records/Facets.h"

#include <optional>
#include <tuple>

#include "records/JsonAccess.h"

namespace statshost::records {

namespace {

/// Collects values, keeping each (facet, id) once.
class ValueSet {
public:
    void add(const FacetRule& rule, const std::string& id, std::string label) {
        auto fixed = rule.labels.find(id);
        if (fixed != rule.labels.end()) label = fixed->second;
        for (auto& v : _values) {
            if (v.facet != rule.name || v.id != id) continue;
            if (v.label.empty()) v.label = std::move(label);
            return;
        }
        _values.push_back({rule.name, id, std::move(label)});
    }
    std::vector<FacetValue> take() { return std::move(_values); }

private:
    std::vector<FacetValue> _values;
};

/// The first non-empty id text found at any of `paths` within `item`.
std::optional<std::string> firstText(const Poco::Dynamic::Var& item, const std::vector<std::string>& paths) {
    for (const auto& path : paths)
        for (const auto& value : collect(item, splitPath(path)))
            if (auto text = idText(value)) return text;
    return std::nullopt;
}

bool keeps(ItemFilter filter, const Poco::Dynamic::Var& item) {
    if (filter == ItemFilter::None) return true;
    const auto object = asObject(item);
    const bool hasId = object && idText(object->get("id"));
    return filter == ItemFilter::WithId ? hasId : !hasId;
}

std::string upperAscii(std::string text) {
    for (auto& c : text)
        if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
    return text;
}

void extractPath(const FacetRule& rule, const Poco::JSON::Object::Ptr& record, ValueSet& out) {
    for (const auto& item : collect(Poco::Dynamic::Var(record), splitPath(rule.items))) {
        if (!keeps(rule.filter, item)) continue;
        auto id = firstText(item, rule.idPaths);
        if (!id) continue;
        out.add(rule, *id, firstText(item, rule.labelPaths).value_or(""));
    }
}

}  // namespace

bool FacetRule::operator==(const FacetRule& o) const {
    return std::tie(name, extractor, items, idPaths, labelPaths, filter, labels) ==
           std::tie(o.name, o.extractor, o.items, o.idPaths, o.labelPaths, o.filter, o.labels);
}

std::vector<FacetValue> extractFacets(const std::vector<FacetRule>& rules, const Poco::JSON::Object::Ptr& record,
                                      const FacetInputs& inputs) {
    ValueSet out;
    for (const auto& rule : rules) {
        switch (rule.extractor) {
            case FacetExtractor::Path:
                extractPath(rule, record, out);
                break;
            case FacetExtractor::AccessStatus:
                if (!inputs.accessStatus.empty()) out.add(rule, inputs.accessStatus, "");
                break;
            case FacetExtractor::FileType:
                for (const auto& file : inputs.files)
                    if (!file.ext.empty()) out.add(rule, file.ext, upperAscii(file.ext));
                break;
            case FacetExtractor::Event:
                break;
        }
    }
    return out.take();
}

}  // namespace statshost::records
