#include "records/SubcountConfig.h"

#include <map>
#include <tuple>

#include "records/JsonAccess.h"

namespace statshost::records {

namespace {

void requireMap(const Params& node) {
    if (!node.isMap()) throw ConfigError(node.path(), "expected a mapping");
}

std::string requiredString(const Params& node, const std::string& key) {
    const auto child = node.child(key);
    if (child.isEmpty()) throw ConfigError(child.path(), "missing");
    auto text = child.asString();
    if (text.empty()) throw ConfigError(child.path(), "must not be empty");
    return text;
}

std::string pathString(const Params& node) {
    auto path = node.asString();
    if (!isValidPath(path)) throw ConfigError(node.path(), "expected a dot path such as metadata.languages or .");
    return path;
}

std::vector<std::string> pathList(const Params& node) {
    std::vector<std::string> out;
    for (const auto& item : node.items()) out.push_back(pathString(item));
    return out;
}

FacetExtractor extractorOf(const Params& node) {
    static const std::map<std::string, FacetExtractor> kNames = {{"path", FacetExtractor::Path},
                                                                 {"access_status", FacetExtractor::AccessStatus},
                                                                 {"file_type", FacetExtractor::FileType},
                                                                 {"event", FacetExtractor::Event}};
    if (node.isEmpty()) return FacetExtractor::Path;
    auto it = kNames.find(node.asString());
    if (it == kNames.end()) throw ConfigError(node.path(), "expected path, access_status, file_type or event");
    return it->second;
}

ItemFilter filterOf(const Params& node) {
    if (node.isEmpty()) return ItemFilter::None;
    const auto text = node.asString();
    if (text == "with_id") return ItemFilter::WithId;
    if (text == "without_id") return ItemFilter::WithoutId;
    throw ConfigError(node.path(), "expected with_id or without_id");
}

std::map<std::string, std::string> labelMap(const Params& node) {
    std::map<std::string, std::string> out;
    if (node.isEmpty()) return out;
    requireMap(node);
    for (const auto& id : node.keys()) out[id] = node.child(id).asString();
    return out;
}

FacetRule parseFacet(const std::string& name, const Params& node) {
    requireMap(node);
    node.requireOnlyKeys({"extractor", "items", "id", "label", "filter", "labels"});
    FacetRule rule;
    rule.name = name;
    rule.extractor = extractorOf(node.child("extractor"));
    if (rule.extractor == FacetExtractor::Path) {
        const auto items = node.child("items");
        if (items.isEmpty()) throw ConfigError(items.path(), "missing");
        rule.items = pathString(items);
        rule.idPaths = pathList(node.child("id"));
        if (rule.idPaths.empty()) throw ConfigError(node.child("id").path(), "expected at least one id path");
        rule.labelPaths = pathList(node.child("label"));
        rule.filter = filterOf(node.child("filter"));
    } else {
        for (const char* key : {"items", "id", "label", "filter"})
            if (node.has(key)) throw ConfigError(node.child(key).path(), "only allowed with extractor: path");
    }
    if (rule.extractor == FacetExtractor::Event && node.has("labels"))
        throw ConfigError(node.child("labels").path(), "not allowed with extractor: event");
    rule.labels = labelMap(node.child("labels"));
    return rule;
}

std::vector<FacetRule> parseFacets(const Params& node) {
    requireMap(node);
    std::vector<FacetRule> out;
    for (const auto& name : node.keys()) out.push_back(parseFacet(name, node.child(name)));
    return out;
}

/// Checks one side kind (records or usage) for delta or snapshot keys used twice.
class KeyRegistry {
public:
    void claim(const Params& node, const std::string& key) {
        auto [it, fresh] = _owners.emplace(key, node.path());
        if (!fresh) throw ConfigError(node.path(), "'" + key + "' is already used by " + it->second);
    }

private:
    std::map<std::string, std::string> _owners;
};

/// Why facet `name` cannot feed a records (or usage) side; empty when it can.
std::string facetProblem(const std::string& name, bool records, const std::vector<FacetRule>& facets) {
    for (const auto& f : facets) {
        if (f.name != name) continue;
        if (records && f.extractor == FacetExtractor::Event)
            return "facet '" + name + "' comes from usage events and has no record values";
        return "";
    }
    return "unknown facet '" + name + "'";
}

SubcountSide parseSide(const Params& node, bool records, const std::vector<FacetRule>& facets, KeyRegistry& keys) {
    requireMap(node);
    node.requireOnlyKeys({"delta", "snapshot", "snapshot_type", "facets"});
    SubcountSide side;
    side.deltaKey = requiredString(node, "delta");
    keys.claim(node.child("delta"), side.deltaKey);
    side.snapshotKey = requiredString(node, "snapshot");
    keys.claim(node.child("snapshot"), side.snapshotKey);
    const auto type = requiredString(node, "snapshot_type");
    if (type == "all")
        side.snapshotType = SnapshotType::All;
    else if (type == "top")
        side.snapshotType = SnapshotType::Top;
    else
        throw ConfigError(node.child("snapshot_type").path(), "expected all or top");

    const auto list = node.child("facets");
    for (const auto& item : list.items()) {
        const auto name = item.asString();
        const auto problem = facetProblem(name, records, facets);
        if (!problem.empty()) throw ConfigError(item.path(), problem);
        for (const auto& seen : side.facets)
            if (seen == name) throw ConfigError(item.path(), "facet '" + name + "' is listed twice");
        side.facets.push_back(name);
    }
    if (side.facets.empty()) throw ConfigError(list.path(), "expected at least one facet");
    return side;
}

std::vector<Subcount> parseSubcountList(const Params& node, const std::vector<FacetRule>& facets) {
    requireMap(node);
    KeyRegistry recordKeys, usageKeys;
    std::vector<Subcount> out;
    for (const auto& name : node.keys()) {
        const auto entry = node.child(name);
        requireMap(entry);
        entry.requireOnlyKeys({"records", "usage"});
        Subcount subcount;
        subcount.name = name;
        if (!entry.child("records").isEmpty())
            subcount.records = parseSide(entry.child("records"), true, facets, recordKeys);
        if (!entry.child("usage").isEmpty()) subcount.usage = parseSide(entry.child("usage"), false, facets, usageKeys);
        if (!subcount.records && !subcount.usage) throw ConfigError(entry.path(), "expected records or usage");
        out.push_back(std::move(subcount));
    }
    return out;
}

/// The default subcounts kept with an operator's facets section: every facet they use must be
/// there, fit for its side.
void checkFacetsOfDefaults(const Params& facetsNode, const std::vector<FacetRule>& facets) {
    for (const auto& subcount : defaultSubcountConfig().subcounts) {
        for (const auto& [side, records] :
             {std::make_pair(&subcount.records, true), std::make_pair(&subcount.usage, false)}) {
            if (!*side) continue;
            for (const auto& name : (*side)->facets) {
                const auto problem = facetProblem(name, records, facets);
                if (!problem.empty())
                    throw ConfigError(facetsNode.path(),
                                      problem + " (needed by the default subcount '" + subcount.name + "')");
            }
        }
    }
}

}  // namespace

bool SubcountSide::operator==(const SubcountSide& o) const {
    return std::tie(deltaKey, snapshotKey, snapshotType, facets) ==
           std::tie(o.deltaKey, o.snapshotKey, o.snapshotType, o.facets);
}

bool Subcount::operator==(const Subcount& o) const {
    return std::tie(name, records, usage) == std::tie(o.name, o.records, o.usage);
}

const FacetRule* SubcountConfig::facet(const std::string& name) const {
    for (const auto& f : facets)
        if (f.name == name) return &f;
    return nullptr;
}

std::vector<SubcountSide> SubcountConfig::recordSides() const {
    std::vector<SubcountSide> out;
    for (const auto& s : subcounts)
        if (s.records) out.push_back(*s.records);
    return out;
}

std::vector<SubcountSide> SubcountConfig::usageSides() const {
    std::vector<SubcountSide> out;
    for (const auto& s : subcounts)
        if (s.usage) out.push_back(*s.usage);
    return out;
}

std::vector<SubcountValue> subcountValues(const SubcountSide& side, const std::vector<FacetValue>& values) {
    std::vector<SubcountValue> out;
    for (const auto& facet : side.facets) {
        for (const auto& v : values) {
            if (v.facet != facet) continue;
            bool merged = false;
            for (auto& existing : out) {
                if (existing.id != v.id) continue;
                if (existing.label.empty()) existing.label = v.label;
                merged = true;
            }
            if (!merged) out.push_back({v.id, v.label});
        }
    }
    return out;
}

SubcountConfig parseSubcounts(const statshost::Params& node) {
    const auto& defaults = defaultSubcountConfig();
    if (node.isEmpty()) return defaults;
    requireMap(node);
    node.requireOnlyKeys({"facets", "subcounts"});
    SubcountConfig out;
    const auto facets = node.child("facets");
    out.facets = facets.isEmpty() ? defaults.facets : parseFacets(facets);
    const auto subcounts = node.child("subcounts");
    if (subcounts.isEmpty()) {
        checkFacetsOfDefaults(facets, out.facets);
        out.subcounts = defaults.subcounts;
    } else {
        out.subcounts = parseSubcountList(subcounts, out.facets);
    }
    return out;
}

}  // namespace statshost::records
