#include "UsageLabelLedger.h"

#include <algorithm>

#include "UsageJson.h"

namespace statshost::aggregators::usagestats {

namespace {
const char* kCommunity = "*";
const char* kDay = "1970-01-01";
}  // namespace

IndexTemplate UsageLabelLedger::indexTemplate(const std::string& alias) {
    IndexTemplate t;
    t.alias = alias;
    t.dateField = "";
    t.mappingJson = R"({"subcount":"keyword","shard":"long","items":"[[id, label, first day number], ...]"})";
    t.fill = FillRule::None;
    return t;
}

std::uint32_t UsageLabelLedger::shardOf(const std::string& id) {
    std::uint32_t h = 2166136261u;
    for (unsigned char c : id) h = (h ^ c) * 16777619u;
    return h % kShards;
}

void UsageLabelLedger::load(DocumentStore& store) {
    _byDeltaKey.clear();
    store.scan(_alias, DocumentRange{kCommunity, "", ""}, [&](const Document& d) {
        const JsonValue doc = parseJson(d.body);
        const JsonValue* key = doc.find("subcount");
        const JsonValue* items = doc.find("items");
        if (!key || !items) return true;
        Subcount& sc = _byDeltaKey[key->text];
        for (const JsonValue& item : items->items) {
            if (item.items.size() != 3) continue;
            sc.items[item.items[0].text] = Entry{item.items[1].text, item.items[2].asInt()};
        }
        return true;
    });
}

std::optional<DayNumber> UsageLabelLedger::firstRelabelledDay(UsageCatalog& catalog, AggregationSource& source) {
    std::optional<DayNumber> first;
    for (std::uint32_t s = 0; s < catalog.size(); ++s) {
        auto it = _byDeltaKey.find(catalog.subcount(s).spec.deltaKey);
        if (it == _byDeltaKey.end()) continue;
        for (const auto& [id, entry] : it->second.items) {
            if (first && *first <= entry.firstDay) continue;
            if (catalog.label(packItem(s, catalog.item(s, id)), source) != entry.label) first = entry.firstDay;
        }
    }
    return first;
}

void UsageLabelLedger::written(UsageCatalog& catalog, std::uint64_t packed, const std::string& label, DayNumber day) {
    const auto& sc = catalog.subcount(itemSubcount(packed));
    if (sc.recordFacets.empty()) return;
    Subcount& ledger = _byDeltaKey[sc.spec.deltaKey];
    const std::string& id = catalog.id(packed);
    auto [it, inserted] = ledger.items.emplace(id, Entry{label, day});
    if (!inserted) {
        if (it->second.label == label && it->second.firstDay <= day) return;
        if (it->second.label != label) it->second.label = label;
        it->second.firstDay = std::min(it->second.firstDay, day);
    }
    ledger.dirtyShards[shardOf(id)] = true;
}

void UsageLabelLedger::save(DocumentStore& store) {
    std::vector<Document> docs;
    for (auto& [key, sc] : _byDeltaKey) {
        std::vector<std::string> bodies(kShards);
        std::vector<bool> first(kShards, true);
        for (const auto& [id, entry] : sc.items) {
            const std::uint32_t shard = shardOf(id);
            if (!sc.dirtyShards[shard]) continue;
            std::string& out = bodies[shard];
            out += first[shard] ? "" : ",";
            first[shard] = false;
            out += '[';
            appendString(out, id);
            out += ',';
            appendString(out, entry.label);
            out += ',';
            appendInt(out, entry.firstDay);
            out += ']';
        }
        for (std::uint32_t shard = 0; shard < kShards; ++shard) {
            if (!sc.dirtyShards[shard]) continue;
            std::string body = "{\"subcount\":";
            appendString(body, key);
            body += ",\"shard\":" + std::to_string(shard) + ",\"items\":[" + bodies[shard] + "]}";
            docs.push_back(Document{"labels-" + key + "-" + std::to_string(shard), kCommunity, kDay, std::move(body)});
            sc.dirtyShards[shard] = false;
        }
    }
    if (!docs.empty()) store.upsert(_alias, docs);
}

}  // namespace statshost::aggregators::usagestats
