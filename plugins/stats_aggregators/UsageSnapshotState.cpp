#include "UsageSnapshotState.h"

#include <algorithm>

#include "UsageDocuments.h"

namespace statshost::aggregators::usagestats {

UsageSnapshotState::UsageSnapshotState(const std::vector<SubcountSpec>& subcounts)
    : _specs(subcounts), _items(subcounts.size()) {
    for (std::uint32_t s = 0; s < subcounts.size(); ++s) {
        _byDeltaKey.emplace(subcounts[s].deltaKey, s);
        _bySnapshotKey.emplace(subcounts[s].snapshotKey, s);
        _deltaKeys.push_back(subcounts[s].deltaKey);
        _snapshotKeys.push_back(subcounts[s].snapshotKey);
    }
}

void UsageSnapshotState::addItems(std::uint32_t subcount, const JsonValue& list) {
    Items& items = _items[subcount];
    for (const JsonValue& item : list.items) {
        const JsonValue* id = item.find("id");
        if (!id || id->type != JsonValue::Type::String) continue;
        Entry& entry = items[id->text];
        const JsonValue* label = item.find("label");
        if (entry.label.empty() && label && label->type == JsonValue::Type::String) entry.label = label->text;
        entry.metrics.add(readMetrics(item));
    }
}

void UsageSnapshotState::addDelta(const JsonValue& delta) {
    if (const JsonValue* totals = delta.find("totals")) _totals.add(readMetrics(*totals));
    if (const JsonValue* subcounts = delta.find("subcounts"))
        for (const auto& [key, list] : subcounts->members) {
            auto it = _byDeltaKey.find(key);
            if (it != _byDeltaKey.end()) addItems(it->second, list);
        }
    _empty = false;
}

void UsageSnapshotState::readState(const JsonValue& state) {
    _totals = UsageMetrics{};
    for (auto& items : _items) items.clear();
    if (const JsonValue* totals = state.find("totals")) _totals = readMetrics(*totals);
    if (const JsonValue* subcounts = state.find("subcounts"))
        for (const auto& [key, list] : subcounts->members) {
            auto it = _bySnapshotKey.find(key);
            if (it != _bySnapshotKey.end()) addItems(it->second, list);
        }
    _empty = false;
}

void UsageSnapshotState::addRead() {
    _totals.add(_reader.totals());
    _reader.forEachItem([&](std::uint32_t subcount, std::string_view id, std::string_view label,
                            const UsageMetrics& metrics) {
        _key.assign(id.data(), id.size());
        Entry& entry = _items[subcount][_key];
        if (entry.label.empty()) entry.label.assign(label.data(), label.size());
        entry.metrics.add(metrics);
    });
    _empty = false;
}

void UsageSnapshotState::addDeltaText(std::string_view text) {
    _reader.read(text, _deltaKeys);
    addRead();
}

void UsageSnapshotState::readStateText(std::string_view text) {
    _reader.read(text, _snapshotKeys);
    _totals = UsageMetrics{};
    for (auto& items : _items) items.clear();
    addRead();
}

std::string UsageSnapshotState::snapshotDocument(const std::string& communityId, const std::string& day,
                                                 const std::string& timestamp, std::int64_t topLimit) const {
    std::vector<UsageList> lists(_specs.size());
    for (std::uint32_t s = 0; s < _specs.size(); ++s) {
        lists[s].first = _specs[s].snapshotKey;
        std::vector<UsageItem>& out = lists[s].second;
        out.reserve(_items[s].size());
        for (const auto& [id, entry] : _items[s])
            if (!entry.metrics.isZero()) out.push_back({id, entry.label, entry.metrics});
        if (_specs[s].top)
            sortItems(out, static_cast<std::size_t>(std::max<std::int64_t>(0, topLimit)));
        else
            sortItems(out);
    }
    return usagestats::snapshotDocument(communityId, day, timestamp, _totals, lists);
}

std::string UsageSnapshotState::stateDocument(const std::string& communityId, const std::string& day,
                                              const UsageSnapshotRender& render) const {
    std::string out = "{" + render.member() + ",\"community_id\":";
    appendString(out, communityId);
    out += ",\"state_date\":\"" + day + "\",\"subcounts\":{";
    for (std::uint32_t s = 0; s < _specs.size(); ++s) {
        if (s) out += ',';
        appendString(out, _specs[s].snapshotKey);
        out += ":[";
        bool first = true;
        for (const auto& [id, entry] : _items[s]) {
            if (!first) out += ',';
            first = false;
            appendItem(out, id, entry.label, entry.metrics);
        }
        out += ']';
    }
    out += "},\"totals\":";
    appendTotals(out, _totals);
    out += '}';
    return out;
}

}  // namespace statshost::aggregators::usagestats
