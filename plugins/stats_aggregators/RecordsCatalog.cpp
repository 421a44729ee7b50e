#include "RecordsCatalog.h"

#include <algorithm>
#include <numeric>

#include "DayText.h"

namespace statshost::aggregators {

namespace {

/// The facet that yields file types: its values carry only the files of their type.
const char* const kFileTypeFacet = "file_type";

/// One value of one subcount on the record being added (pointing into the record's facts).
struct PendingValue {
    const std::string* id;
    const std::string* label;
    bool fileType = false;
};

}  // namespace

RecordsCatalog::RecordsCatalog(AggregationSource& source, const AggregationSettings& settings)
    : _specs(settings.recordSubcounts), _specIndex(_specs.size()), _factsBySpec(_specs.size()), _byRank(_specs.size()) {
    for (std::size_t s = 0; s < _specs.size(); ++s)
        for (std::size_t p = 0; p < _specs[s].facets.size(); ++p) _facetUses[_specs[s].facets[p]].emplace_back(s, p);
    const DayNumber floorDay = parseDay(settings.publishedDateFloor).value_or(dayNumber("1900-01-01"));
    source.forEachRecord([&](const RecordFacts& facts) { addRecord(facts, floorDay); });
    source.forEachCommunityEvent("", [&](const CommunityEvent& event) { addEvent(event); });
    finishItems();
}

std::int32_t RecordsCatalog::recordIndex(const std::string& id) const {
    auto it = _recordById.find(id);
    return it == _recordById.end() ? -1 : it->second;
}

bool RecordsCatalog::earlier(std::int64_t microsA, std::int32_t recordA, std::int64_t microsB,
                             std::int32_t recordB) const {
    if (microsA != microsB) return microsA < microsB;
    return _recordIds[recordA] < _recordIds[recordB];
}

std::int32_t RecordsCatalog::internLabel(const std::string& label) {
    auto [it, inserted] = _labelIds.emplace(label, static_cast<std::int32_t>(_labelTexts.size()));
    if (inserted) _labelTexts.push_back(label);
    return it->second;
}

void RecordsCatalog::offerLabel(LabelCandidate& best, std::int32_t record, std::int64_t micros,
                                std::int32_t label) const {
    if (best.record < 0 || earlier(micros, record, best.publishedMicros, best.record)) {
        best.record = record;
        best.publishedMicros = micros;
        best.label = label;
    }
}

void RecordsCatalog::addRecord(const RecordFacts& facts, DayNumber floorDay) {
    if (_recordById.count(facts.recordId)) return;
    const auto index = static_cast<std::int32_t>(_records.size());
    _recordById.emplace(facts.recordId, index);
    _recordIds.push_back(facts.recordId);
    _publishedMicros.push_back(facts.publishedMicros);

    CatalogRecord r;
    auto parent = _parentById.find(facts.parentId);
    if (parent == _parentById.end()) {
        parent = _parentById.emplace(facts.parentId, static_cast<std::int32_t>(_parentVersions.size())).first;
        _parentVersions.push_back(0);
    }
    r.parent = parent->second;
    ++_parentVersions[r.parent];
    if (!facts.owner.empty()) {
        auto owner = _ownerById.find(facts.owner);
        if (owner == _ownerById.end())
            owner = _ownerById.emplace(facts.owner, static_cast<std::int32_t>(_ownerCount++)).first;
        r.owner = owner->second;
    }
    r.withFiles = facts.filesEnabled;
    r.deleted = facts.isDeleted;
    r.deletedMicros = facts.deletedMicros;
    r.createdDay = dayOfMicros(facts.createdMicros);
    r.publishedDay = std::max(parseDay(facts.publicationDay).value_or(r.createdDay), floorDay);
    for (const FileFact& f : facts.files) {
        ++r.fileCount;
        r.volume += f.size;
    }

    r.valuesBegin = static_cast<std::uint32_t>(_values.size());
    // Facts by subcount: (position of the fact's facet in the subcount's list, fact index), then in
    // facet order and document order.
    for (auto& uses : _factsBySpec) uses.clear();
    for (std::size_t f = 0; f < facts.facets.size(); ++f) {
        auto uses = _facetUses.find(facts.facets[f].facet);
        if (uses == _facetUses.end() || facts.facets[f].id.empty()) continue;
        for (const auto& [spec, position] : uses->second) _factsBySpec[spec].emplace_back(position, f);
    }
    std::vector<PendingValue> pending;
    for (std::size_t s = 0; s < _specs.size(); ++s) {
        pending.clear();
        std::sort(_factsBySpec[s].begin(), _factsBySpec[s].end());
        for (const auto& [position, f] : _factsBySpec[s]) {
            const FacetFact& fact = facts.facets[f];
            auto same = std::find_if(pending.begin(), pending.end(),
                                     [&](const PendingValue& v) { return *v.id == fact.id; });
            if (same == pending.end())
                pending.push_back({&fact.id, &fact.label, fact.facet == kFileTypeFacet});
            else if (same->label->empty())
                same->label = &fact.label;
        }
        for (const PendingValue& v : pending) {
            auto& byValue = _specIndex[s].itemByValue;
            auto item = byValue.find(*v.id);
            if (item == byValue.end()) {
                item = byValue.emplace(*v.id, static_cast<std::int32_t>(_items.size())).first;
                CatalogItem it;
                it.spec = static_cast<std::int32_t>(s);
                it.id = *v.id;
                _items.push_back(std::move(it));
                _bestLabel.emplace_back();
            }
            CatalogValue value;
            value.item = item->second;
            if (v.fileType) {
                for (const FileFact& f : facts.files)
                    if (f.ext == *v.id) {
                        ++value.fileCount;
                        value.volume += f.size;
                    }
            } else {
                value.fileCount = static_cast<std::int32_t>(r.fileCount);
                value.volume = r.volume;
            }
            if (!v.label->empty()) {
                value.label = internLabel(*v.label);
                offerLabel(_bestLabel[value.item], index, facts.publishedMicros, value.label);
            }
            _values.push_back(value);
        }
    }
    r.valuesEnd = static_cast<std::uint32_t>(_values.size());
    _records.push_back(r);
}

void RecordsCatalog::addEvent(const CommunityEvent& event) {
    const std::int32_t record = recordIndex(event.recordId);
    if (record < 0 || (event.eventType != "added" && event.eventType != "removed")) {
        ++_skippedEvents;
        return;
    }
    auto community = _communityById.find(event.communityId);
    if (community == _communityById.end()) {
        community = _communityById.emplace(event.communityId, static_cast<std::int32_t>(_communityIds.size())).first;
        _communityIds.push_back(event.communityId);
        _events.emplace_back();
    }
    _events[community->second].push_back({record, event.eventType == "added", event.eventDateMicros});
}

void RecordsCatalog::finishItems() {
    for (std::size_t i = 0; i < _items.size(); ++i) _byRank[_items[i].spec].push_back(static_cast<std::int32_t>(i));
    for (auto& ranked : _byRank) {
        std::sort(ranked.begin(), ranked.end(),
                  [&](std::int32_t a, std::int32_t b) { return _items[a].id < _items[b].id; });
        for (std::size_t r = 0; r < ranked.size(); ++r) _items[ranked[r]].rank = static_cast<std::int32_t>(r);
    }
    for (std::size_t i = 0; i < _items.size(); ++i) {
        const LabelCandidate& best = _bestLabel[i];
        _items[i].labelRecord = best.record;
        _items[i].label = best.record >= 0 ? _labelTexts[best.label] : _items[i].id;
    }
    _bestLabel.clear();
    _bestLabel.shrink_to_fit();
}

std::vector<std::int32_t> RecordsCatalog::labelSuspects(const ChangeFeed& feed) const {
    std::vector<char> inFeed(_records.size(), 0);
    for (const std::string& id : feed.recordIds)
        if (const std::int32_t r = recordIndex(id); r >= 0) inFeed[r] = 1;
    // A label can only have changed where the record deciding it now is a changed one.
    std::vector<char> candidate(_items.size(), 0);
    bool anyCandidate = false;
    for (std::size_t i = 0; i < _items.size(); ++i)
        if (_items[i].labelRecord >= 0 && inFeed[_items[i].labelRecord]) candidate[i] = 1, anyCandidate = true;
    if (!anyCandidate) return {};

    // What the label was before depends on which changed records already existed: the earliest label
    // outside the feed, or any feed record's label that is earlier still. If any possibility differs
    // from the current label, every record carrying the item is recomputed.
    std::vector<LabelCandidate> stable(_items.size());
    std::unordered_map<std::int32_t, std::vector<LabelCandidate>> feedLabels;
    for (std::size_t r = 0; r < _records.size(); ++r) {
        const auto record = static_cast<std::int32_t>(r);
        for (std::uint32_t v = _records[r].valuesBegin; v < _records[r].valuesEnd; ++v) {
            const CatalogValue& value = _values[v];
            if (!candidate[value.item] || value.label < 0) continue;
            if (inFeed[r])
                feedLabels[value.item].push_back({_publishedMicros[r], record, value.label});
            else
                offerLabel(stable[value.item], record, _publishedMicros[r], value.label);
        }
    }
    std::vector<char> changedItem(_items.size(), 0);
    bool anyChanged = false;
    for (std::size_t i = 0; i < _items.size(); ++i) {
        if (!candidate[i]) continue;
        const std::string& current = _items[i].label;
        const LabelCandidate& before = stable[i];
        bool differs = (before.record < 0 ? _items[i].id : _labelTexts[before.label]) != current;
        auto changed = feedLabels.find(static_cast<std::int32_t>(i));
        for (std::size_t k = 0; !differs && changed != feedLabels.end() && k < changed->second.size(); ++k) {
            const LabelCandidate& c = changed->second[k];
            const bool couldDecide =
                before.record < 0 || earlier(c.publishedMicros, c.record, before.publishedMicros, before.record);
            differs = couldDecide && _labelTexts[c.label] != current;
        }
        changedItem[i] = differs;
        anyChanged = anyChanged || differs;
    }
    std::vector<std::int32_t> suspects;
    if (!anyChanged) return suspects;
    for (std::size_t r = 0; r < _records.size(); ++r) {
        for (std::uint32_t v = _records[r].valuesBegin; v < _records[r].valuesEnd; ++v)
            if (changedItem[_values[v].item]) {
                suspects.push_back(static_cast<std::int32_t>(r));
                break;
            }
    }
    return suspects;
}

}  // namespace statshost::aggregators
