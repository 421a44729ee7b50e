#pragma once
/// The labels the stored usage delta documents carry, so that a label change reaches them.
///
/// Labels are a function of the whole repository (UsageCatalog, SEMANTICS §10.9): publishing a record
/// can change the label of an item that stored documents already show (the first real label of an id
/// shown by itself until then, or a record imported with an earlier publish time). The ledger keeps, per
/// item of the subcounts fed by records, the label written and the first day the item appears in a
/// stored document. collectWork() compares it with the current labels: a changed label makes every
/// community dirty from that item's first day (the item can be in no document before it).
///
/// Storage: an index of its own (`<delta alias>-labels`, FillRule::None), kShards documents per
/// subcount (community "*", day 1970-01-01), rewritten only when one of their entries changed.
/// Not thread safe.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "Family.h"
#include "UsageCatalog.h"
#include "statshost/Store.h"

namespace statshost::aggregators::usagestats {

class UsageLabelLedger {
public:
    static constexpr std::uint32_t kShards = 16;

    static std::string aliasFor(const std::string& deltaAlias) { return deltaAlias + "-labels"; }
    static IndexTemplate indexTemplate(const std::string& alias);

    explicit UsageLabelLedger(std::string alias) : _alias(std::move(alias)) {}

    /// Reads every entry.
    void load(DocumentStore& store);
    /// The label written for item `id` of the subcount with delta key `deltaKey` (nullptr when the ledger
    /// has no entry for it).
    const std::string* labelOf(const std::string& deltaKey, const std::string& id) const {
        auto sc = _byDeltaKey.find(deltaKey);
        if (sc == _byDeltaKey.end()) return nullptr;
        auto it = sc->second.items.find(id);
        return it == sc->second.items.end() ? nullptr : &it->second.label;
    }
    /// The earliest first day of the items whose current label differs from the ledger's.
    std::optional<DayNumber> firstRelabelledDay(UsageCatalog& catalog, AggregationSource& source);

    /// An item written with `label` in a document of `day` (record-fed subcounts only; others ignored).
    void written(UsageCatalog& catalog, std::uint64_t packed, const std::string& label, DayNumber day);
    /// Writes the shards whose entries changed since load().
    void save(DocumentStore& store);

private:
    struct Entry {
        std::string label;
        DayNumber firstDay = 0;
    };
    struct Subcount {
        std::unordered_map<std::string, Entry> items;
        std::vector<bool> dirtyShards = std::vector<bool>(kShards, false);
    };
    static std::uint32_t shardOf(const std::string& id);

    std::string _alias;
    std::map<std::string, Subcount> _byDeltaKey;
};

}  // namespace statshost::aggregators::usagestats
