#include "RecordsDocuments.h"

#include <algorithm>

#include "JsonText.h"

namespace statshost::aggregators {

namespace {

using json::appendInt;
using json::appendKey;
using json::appendString;
using json::appendVolume;

void appendClasses(std::string& out, const ClassCounts& c) {
    out += "{\"metadata_only\":";
    appendInt(out, c[0]);
    out += ",\"with_files\":";
    appendInt(out, c[1]);
    out += '}';
}

void appendFiles(std::string& out, const FileTotals& f) {
    out += "{\"data_volume\":";
    appendVolume(out, f.volume);
    out += ",\"file_count\":";
    appendInt(out, f.count);
    out += '}';
}

void appendAddedRemoved(std::string& out, const ClassCounts& added, const ClassCounts& removed) {
    out += "{\"added\":";
    appendClasses(out, added);
    out += ",\"removed\":";
    appendClasses(out, removed);
    out += '}';
}

void appendFilesAddedRemoved(std::string& out, const FileTotals& added, const FileTotals& removed) {
    out += "{\"added\":";
    appendFiles(out, added);
    out += ",\"removed\":";
    appendFiles(out, removed);
    out += '}';
}

std::string idLabelText(const CatalogItem& item) {
    std::string out = ",\"id\":";
    appendString(out, item.id);
    out += ",\"label\":";
    appendString(out, item.label);
    return out;
}

bool sameState(const ItemState& a, const ItemState& b) {
    return a.records == b.records && a.parents == b.parents && a.files.count == b.files.count &&
           a.files.volume == b.files.volume;
}

std::int64_t sum(const ClassCounts& c) { return c[0] + c[1]; }

std::vector<std::pair<std::string, std::size_t>> sortedKeys(const std::vector<SubcountSpec>& specs, bool delta) {
    std::vector<std::pair<std::string, std::size_t>> keys;
    for (std::size_t s = 0; s < specs.size(); ++s) keys.emplace_back(delta ? specs[s].deltaKey : specs[s].snapshotKey, s);
    std::sort(keys.begin(), keys.end());
    return keys;
}

}  // namespace

std::string documentId(const std::string& community, DayNumber day) { return community + "-" + dayText(day); }

RecordsDocumentWriter::RecordsDocumentWriter(const RecordsCatalog& catalog, std::int64_t topLimit)
    : _catalog(catalog),
      _topLimit(topLimit),
      _deltaKeys(sortedKeys(catalog.specs(), true)),
      _snapshotKeys(sortedKeys(catalog.specs(), false)),
      _bySpec(catalog.specs().size()),
      _snapshotEntries(catalog.items().size()) {
    _idLabel.reserve(catalog.items().size());
    for (const CatalogItem& item : catalog.items()) _idLabel.push_back(idLabelText(item));
}

const std::string& RecordsDocumentWriter::snapshotEntry(std::int32_t item, const ItemState& state) {
    SnapshotEntry& entry = _snapshotEntries[item];
    if (entry.valid && sameState(entry.state, state)) return entry.json;
    entry.valid = true;
    entry.state = state;
    std::string& out = entry.json;
    out.clear();
    out += "{\"files\":";
    appendFiles(out, state.files);
    out += _idLabel[item];
    out += ",\"parents\":";
    appendClasses(out, state.parents);
    out += ",\"records\":";
    appendClasses(out, state.records);
    out += '}';
    return out;
}

std::string RecordsDocumentWriter::deltaBody(const std::string& community, const DayDelta& delta,
                                             const std::string& timestamp) {
    for (auto& list : _bySpec) list.clear();
    const auto& items = _catalog.items();
    for (const ItemDelta& d : delta.items) _bySpec[items[d.item].spec].push_back(&d);

    std::string out;
    out.reserve(1024 + 400 * delta.items.size());
    out += "{\"community_id\":";
    appendString(out, community);
    out += ",\"files\":";
    appendFilesAddedRemoved(out, delta.filesAdded, delta.filesRemoved);
    out += ",\"parents\":";
    appendAddedRemoved(out, delta.parentsAdded, delta.parentsRemoved);
    out += ",\"parents_added\":";
    appendInt(out, sum(delta.parentsAdded));
    out += ",\"parents_removed\":";
    appendInt(out, sum(delta.parentsRemoved));
    const std::string day = dayText(delta.day);
    out += ",\"period_end\":\"" + day + "T23:59:59\",\"period_start\":\"" + day + "T00:00:00\",\"records\":";
    appendAddedRemoved(out, delta.recordsAdded, delta.recordsRemoved);
    out += ",\"records_added\":";
    appendInt(out, sum(delta.recordsAdded));
    out += ",\"records_removed\":";
    appendInt(out, sum(delta.recordsRemoved));
    out += ",\"subcounts\":{";
    bool firstKey = true;
    for (const auto& [key, spec] : _deltaKeys) {
        auto& list = _bySpec[spec];
        std::sort(list.begin(), list.end(), [&](const ItemDelta* a, const ItemDelta* b) {
            const std::int64_t na = sum(a->recordsAdded) + sum(a->recordsRemoved);
            const std::int64_t nb = sum(b->recordsAdded) + sum(b->recordsRemoved);
            return na != nb ? na > nb : items[a->item].rank < items[b->item].rank;
        });
        if (!firstKey) out += ',';
        firstKey = false;
        appendKey(out, key);
        out += '[';
        for (std::size_t i = 0; i < list.size(); ++i) {
            const ItemDelta& d = *list[i];
            if (i) out += ',';
            out += "{\"files\":";
            appendFilesAddedRemoved(out, d.filesAdded, d.filesRemoved);
            out += _idLabel[d.item];
            out += ",\"parents\":";
            appendAddedRemoved(out, d.parentsAdded, d.parentsRemoved);
            out += ",\"records\":";
            appendAddedRemoved(out, d.recordsAdded, d.recordsRemoved);
            out += '}';
        }
        out += ']';
    }
    out += "},\"timestamp\":";
    appendString(out, timestamp);
    out += ",\"uploaders\":";
    appendInt(out, delta.uploaders);
    out += '}';
    return out;
}

SnapshotContent RecordsDocumentWriter::snapshotContent(const RecordsSweep& sweep) {
    SnapshotContent c;
    c.subcounts.reserve(_lastSubcountsSize + 64);
    c.subcounts = "{";
    bool firstKey = true;
    for (const auto& [key, spec] : _snapshotKeys) {
        if (!firstKey) c.subcounts += ',';
        firstKey = false;
        appendKey(c.subcounts, key);
        c.subcounts += '[';
        const auto& byRank = _catalog.itemsByRank(spec);
        const std::int64_t limit = _catalog.specs()[spec].top ? _topLimit : INT64_MAX;
        std::int64_t n = 0;
        for (auto it = sweep.ordered(spec).begin(); it != sweep.ordered(spec).end() && n < limit; ++it, ++n) {
            const std::int32_t item = byRank[it->second];
            if (n) c.subcounts += ',';
            c.subcounts += snapshotEntry(item, sweep.item(item));
        }
        c.subcounts += ']';
    }
    c.subcounts += '}';
    _lastSubcountsSize = c.subcounts.size();

    const SweepTotals& t = sweep.totals();
    c.totals = "\"total_files\":";
    appendFiles(c.totals, t.files);
    c.totals += ",\"total_parents\":";
    appendClasses(c.totals, t.parents);
    c.totals += ",\"total_records\":";
    appendClasses(c.totals, t.records);
    c.totals += ",\"total_uploaders\":";
    appendInt(c.totals, t.uploaders);
    return c;
}

std::string RecordsDocumentWriter::snapshotBody(const std::string& community, DayNumber day,
                                                const SnapshotContent& content, const std::string& timestamp) const {
    std::string out;
    out.reserve(content.subcounts.size() + content.totals.size() + 200);
    out += "{\"community_id\":";
    appendString(out, community);
    out += ",\"snapshot_date\":\"" + dayText(day) + "\",\"subcounts\":";
    out += content.subcounts;
    out += ",\"timestamp\":";
    appendString(out, timestamp);
    out += ',';
    out += content.totals;
    out += '}';
    return out;
}

}  // namespace statshost::aggregators
