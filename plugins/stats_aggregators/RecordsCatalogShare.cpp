#include "RecordsCatalogShare.h"

#include <chrono>
#include <cstdio>
#include <random>

namespace statshost::aggregators {

namespace {

/// What of the settings a catalog depends on: the record subcounts and the published-date floor.
std::string catalogSettingsKey(const AggregationSettings& settings) {
    std::string key = "floor|" + settings.publishedDateFloor + "\n";
    for (const SubcountSpec& s : settings.recordSubcounts) {
        key += s.name + '|' + s.deltaKey + '|' + s.snapshotKey + '|' + (s.top ? "top" : "all");
        for (const std::string& f : s.facets) key += '|' + f;
        key += '\n';
    }
    return key;
}

/// A text no other load (this process or another) writes: 128 random bits.
std::string newToken() {
    static std::mt19937_64 generator{std::random_device{}() ^
                                     static_cast<std::uint64_t>(
                                         std::chrono::high_resolution_clock::now().time_since_epoch().count())};
    char text[40];
    std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(generator()),
                  static_cast<unsigned long long>(generator()));
    return text;
}

constexpr std::size_t basisSlot(DateBasis basis) { return static_cast<std::size_t>(basis); }

}  // namespace

SharedRecords::SharedRecords(std::unique_ptr<RecordsCatalog> catalog, double loadSeconds)
    : _catalog(std::move(catalog)), _loadSeconds(loadSeconds) {
    for (std::size_t c = 0; c < _catalog->communities().size(); ++c) _communityIndex.emplace(_catalog->communities()[c], c);
}

std::int64_t SharedRecords::communityIndex(const std::string& community) const {
    auto it = _communityIndex.find(community);
    return it == _communityIndex.end() ? -1 : static_cast<std::int64_t>(it->second);
}

const std::vector<std::vector<Presence>>& SharedRecords::intervals(DateBasis basis) const {
    std::lock_guard<std::mutex> hold(_mutex);
    auto& slot = _intervals[basisSlot(basis)];
    if (!slot) {
        auto all = std::make_unique<std::vector<std::vector<Presence>>>();
        all->reserve(_catalog->communities().size());
        for (std::size_t c = 0; c < _catalog->communities().size(); ++c)
            all->push_back(presenceIntervals(*_catalog, c, basis));
        slot = std::move(all);
    }
    return *slot;
}

RecordsCatalogShare& RecordsCatalogShare::instance() {
    // Never destroyed: families may leave it during exit, after function-local statics are gone.
    static RecordsCatalogShare* const share = new RecordsCatalogShare;
    return *share;
}

void RecordsCatalogShare::join(const void* family) {
    std::lock_guard<std::mutex> hold(_mutex);
    _members.insert(family);
}

void RecordsCatalogShare::leave(const void* family) {
    std::lock_guard<std::mutex> hold(_mutex);
    _members.erase(family);
    _endedSinceLoad.erase(family);
    if (_members.empty()) _current.reset();
}

std::shared_ptr<const SharedRecords> RecordsCatalogShare::acquire(AggregationContext& ctx, bool& reused) {
    std::lock_guard<std::mutex> hold(_mutex);
    const std::string settingsKey = catalogSettingsKey(ctx.settings);
    const std::int64_t seq = ctx.source.currentChangeSeq();
    if (_current && seq == _seq && settingsKey == _settingsKey &&
        ctx.store.bookmark(kTokenBookmark, "*").value_or("") == _token) {
        reused = true;
        return _current;
    }
    reused = false;
    _current.reset();  // the old one's memory goes before the new one is read
    const auto started = std::chrono::steady_clock::now();
    auto catalog = std::make_unique<RecordsCatalog>(ctx.source, ctx.settings);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    auto loaded = std::make_shared<const SharedRecords>(std::move(catalog), seconds);
    // The token goes to the store last: a failed load leaves no token naming it.
    const std::string token = newToken();
    ctx.store.setBookmark(kTokenBookmark, "*", token);
    _current = loaded;
    _token = token;
    _seq = seq;
    _settingsKey = settingsKey;
    _endedSinceLoad.clear();
    ++_loads;
    return loaded;
}

void RecordsCatalogShare::endRun(const void* family) {
    std::lock_guard<std::mutex> hold(_mutex);
    if (!_current || !_members.count(family)) return;
    _endedSinceLoad.insert(family);
    if (_endedSinceLoad.size() >= _members.size()) {
        _current.reset();
        _endedSinceLoad.clear();
    }
}

std::uint64_t RecordsCatalogShare::loads() const {
    std::lock_guard<std::mutex> hold(_mutex);
    return _loads;
}

}  // namespace statshost::aggregators
