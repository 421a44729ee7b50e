// AggregatorDriver: the run algorithm of Family.h (see AggregatorDriver.h for the rules it adds).
#include "AggregatorDriver.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "DayText.h"
#include "DriverBatchWriter.h"
#include "statshost/Errors.h"

namespace statshost::aggregators {

namespace {

/// A batch of one replaceRange call ends after this many documents or bytes.
constexpr std::size_t kBatchDocuments = 1000;
constexpr std::size_t kBatchBytes = 4u << 20;
/// Documents of all windows waiting to be written: past this many bytes every window's are written.
constexpr std::size_t kPendingBytes = 16u << 20;
/// Batches handed to the background writer and not written yet: one being written, one waiting.
constexpr std::size_t kQueuedBytes = 2 * kBatchBytes;

/// One community's work in this run: the window [from, end] of the current round.
struct Window {
    std::string community;
    DayNumber firstFrom = 0;  ///< the first day recomputed in this run
    DayNumber from = 0;
    DayNumber end = 0;
    DayNumber nextWrite = 0;  ///< first day of the window not replaced yet
    std::vector<Document> pending;  ///< emitted, checked, not written yet (days from nextWrite on)
    std::size_t pendingBytes = 0;
    DayNumber lastPending = 0;      ///< day of the last pending document (nextWrite - 1 when none)
    std::optional<DayNumber> bookmark;
    std::optional<DayNumber> dirty;
    std::uint64_t documents = 0;  ///< written in this run
    bool failed = false;
};

std::uint64_t fnv1a(const std::string& text) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

void appendSpecs(std::string& out, const char* side, const std::vector<SubcountSpec>& specs) {
    for (const SubcountSpec& s : specs) {
        out += side;
        out += '|' + s.name + '|' + s.deltaKey + '|' + s.snapshotKey + '|' + (s.top ? "top" : "all");
        for (const std::string& f : s.facets) out += '|' + f;
        out += '\n';
    }
}

std::optional<std::int64_t> parseSeq(const std::optional<std::string>& text) {
    if (!text || text->empty()) return std::nullopt;
    try {
        std::size_t used = 0;
        const long long v = std::stoll(*text, &used);
        if (used != text->size()) return std::nullopt;
        return v;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::optional<DayNumber> minDay(std::optional<DayNumber> a, std::optional<DayNumber> b) {
    if (!a) return b;
    if (!b) return a;
    return std::min(*a, *b);
}

/// Everything one run keeps; execute() is the algorithm.
class DriverRun {
public:
    DriverRun(Family& family, const std::string& name, const std::string& alias, AggregationContext& ctx,
              const AggregationRequest& request, bool backgroundWrites)
        : _family(family),
          _name(name),
          _alias(alias),
          _ctx(ctx),
          _request(request),
          _writer(ctx.store, alias, backgroundWrites, kQueuedBytes) {}

    AggregationResult execute();

private:
    void readState();
    void markDirty();
    std::map<std::string, DayNumber> firstDaysForIgnoreBookmark();
    /// The first stored document's day, looking only at days up to `notAfter` (when given).
    std::optional<DayNumber> firstStoredDay(const std::string& community, std::optional<DayNumber> notAfter);
    void planWindows(const std::map<std::string, DayNumber>& firstDays);
    void runRounds();
    void computeGroup(DayNumber end, std::vector<Window*>& group);
    void writePart(Window& w, std::vector<Document>& docs, DayNumber end);
    /// Writes w's pending documents as the replacement of [nextWrite, through].
    void flush(Window& w, DayNumber through);
    /// Writes every window's pending documents (each through its last one).
    void flushAll(std::vector<Window*>& group);
    void replace(Window& w, DayNumber first, DayNumber last, std::vector<Document> docs, std::size_t bytes);
    /// Fails the communities whose writes failed since the last call.
    void takeWriteFailures();
    /// Waits for every submitted write, then takes its failures and document counts.
    void drainWrites(std::vector<Window*>& group);
    void finish(Window& w);
    void extendIdleBookmarks();
    void fail(Window& w, const std::string& what);
    void probeCancellation();
    std::optional<DayNumber> storedDay(const std::string& bookmarkName, const std::string& community);
    void setDirty(const std::string& community, std::optional<DayNumber> day);

    Family& _family;
    const std::string& _name;
    const std::string& _alias;
    AggregationContext& _ctx;
    const AggregationRequest& _request;
    AggregationResult _result;

    DayNumber _asOf = 0;
    DayNumber _to = 0;
    std::optional<DayNumber> _startDay;
    std::int64_t _seqAtStart = 0;
    bool _fromScratch = true;
    std::optional<std::int64_t> _watermark;
    std::optional<std::string> _storedSeq;          ///< the watermark bookmark as read at the start
    std::string _fingerprint;
    std::optional<std::string> _storedFingerprint;  ///< the settings bookmark as read at the start
    std::vector<std::string> _requested;  ///< in processing order ("global" last)
    std::vector<std::string> _universe;   ///< every community the state is kept for
    std::map<std::string, DayNumber> _bookmarks;
    std::map<std::string, DayNumber> _dirty;        ///< markers as stored (or as they would be)
    std::map<std::string, DayNumber> _storedDirty;  ///< markers as read at the start
    std::map<std::string, DayNumber> _collected;
    std::int64_t _newWatermark = 0;
    std::vector<Window> _windows;
    std::map<std::string, Window*> _windowOf;  ///< by community, once planned
    std::size_t _pendingBytes = 0;  ///< over all windows
    bool _aborting = false;
    DriverBatchWriter _writer;  ///< last: destroyed (joined) first
};

AggregationResult DriverRun::execute() {
    _asOf = _request.asOfDay.empty() ? dayOfMicros(_ctx.clock.nowMicros()) : dayNumber(_request.asOfDay);
    _to = _request.endDay.empty() ? _asOf : std::min(_asOf, dayNumber(_request.endDay));
    if (!_request.startDay.empty()) _startDay = dayNumber(_request.startDay);

    readState();
    markDirty();
    planWindows(firstDaysForIgnoreBookmark());
    for (Window& w : _windows) _windowOf[w.community] = &w;
    _ctx.logger.info(std::to_string(_windows.size()) + " of " + std::to_string(_requested.size()) +
                     " communities to recompute through " + dayText(_to) +
                     (_fromScratch ? " (from scratch)" : " (changes " + std::to_string(*_watermark) + ".." +
                                                             std::to_string(_newWatermark) + ")"));
    _ctx.progress.begin(_name, _windows.size(), "communities");
    runRounds();
    for (const Window& w : _windows) _result.documents += w.documents;
    extendIdleBookmarks();
    _ctx.progress.end();
    return _result;
}

std::optional<DayNumber> DriverRun::storedDay(const std::string& bookmarkName, const std::string& community) {
    auto text = _ctx.store.bookmark(bookmarkName, community);
    if (!text) return std::nullopt;
    auto day = parseDay(*text);
    if (!day) _ctx.logger.warning("ignoring bookmark " + bookmarkName + "/" + community + ": not a day: " + *text);
    return day;
}

void DriverRun::readState() {
    // The change number comes first: everything read afterwards is at least that new.
    _seqAtStart = _ctx.source.currentChangeSeq();
    _fingerprint = AggregatorDriver::settingsFingerprint(_ctx.settings);
    _storedSeq = _ctx.store.bookmark(AggregatorDriver::seqName(_name), AggregatorDriver::kRunKey);
    _watermark = parseSeq(_storedSeq);
    _storedFingerprint = _ctx.store.bookmark(AggregatorDriver::configName(_name), AggregatorDriver::kRunKey);
    _fromScratch = !_watermark || _storedFingerprint != _fingerprint;
    if (_watermark && _fromScratch) _ctx.logger.info("settings changed since the last run: recomputing everything");

    std::vector<std::string> all;
    for (const CommunityInfo& c : _ctx.source.communities()) all.push_back(c.id);
    std::sort(all.begin(), all.end());
    if (_request.communityIds.empty()) {
        _requested = all;
        _requested.push_back("global");
    } else {
        _requested = _request.communityIds;
        std::sort(_requested.begin(), _requested.end());
        _requested.erase(std::unique(_requested.begin(), _requested.end()), _requested.end());
        auto global = std::find(_requested.begin(), _requested.end(), "global");
        if (global != _requested.end()) {
            _requested.erase(global);
            _requested.push_back("global");
        }
    }
    _universe = all;
    _universe.push_back("global");
    for (const std::string& c : _requested)
        if (std::find(_universe.begin(), _universe.end(), c) == _universe.end()) _universe.push_back(c);
    for (const std::string& c : _universe) {
        if (auto b = storedDay(_name, c)) _bookmarks[c] = *b;
        if (auto d = storedDay(AggregatorDriver::dirtyName(_name), c)) _dirty[c] = _storedDirty[c] = *d;
    }
}

void DriverRun::setDirty(const std::string& community, std::optional<DayNumber> day) {
    auto it = _dirty.find(community);
    const std::optional<DayNumber> old = it == _dirty.end() ? std::nullopt : std::optional<DayNumber>(it->second);
    if (old == day) return;
    if (day)
        _dirty[community] = *day;
    else
        _dirty.erase(community);
    if (day)
        _ctx.store.setBookmark(AggregatorDriver::dirtyName(_name), community, dayText(*day));
    else
        _ctx.store.clearBookmarks(AggregatorDriver::dirtyName(_name), community);
}

void DriverRun::markDirty() {
    ChangeFeed feed;
    if (!_fromScratch) feed = _ctx.source.changesSince(*_watermark);
    _family.collectWork(_ctx, _fromScratch ? nullptr : &feed, _bookmarks, _asOf, _collected);
    _newWatermark = _fromScratch ? _seqAtStart : std::max(feed.toSeq, *_watermark);

    std::map<std::string, std::optional<DayNumber>> markers;
    for (const auto& [community, day] : _collected) markers[community] = day;
    if (_fromScratch) {
        // From scratch every kept community starts at its first stored document too, so documents of a
        // community whose first day moved later (or that has no data any more) are replaced.
        for (const std::string& c : _universe)
            if (_collected.count(c) || _bookmarks.count(c) || _dirty.count(c))
                markers[c] = minDay(markers[c], firstStoredDay(c, markers[c]));
    }
    // Markers before the watermark: a lost run re-reads the same changes and writes the same minimum.
    if (_request.updateBookmark) {
        for (const auto& [community, day] : markers) {
            if (!day) continue;
            auto it = _dirty.find(community);
            if (it == _dirty.end() || *day < it->second) setDirty(community, day);
        }
        // Written only when they change: an hourly run with nothing new writes nothing here.
        const std::string seq = std::to_string(_newWatermark);
        if (_storedSeq != seq) _ctx.store.setBookmark(AggregatorDriver::seqName(_name), AggregatorDriver::kRunKey, seq);
        if (_storedFingerprint != _fingerprint)
            _ctx.store.setBookmark(AggregatorDriver::configName(_name), AggregatorDriver::kRunKey, _fingerprint);
    } else {
        for (const auto& [community, day] : markers)
            if (day) _dirty[community] = _dirty.count(community) ? std::min(_dirty[community], *day) : *day;
    }
}

std::optional<DayNumber> DriverRun::firstStoredDay(const std::string& community, std::optional<DayNumber> notAfter) {
    std::optional<DayNumber> first;
    _ctx.store.scan(_alias, DocumentRange{community, "", notAfter ? dayText(*notAfter) : ""}, [&](const Document& d) {
        first = parseDay(d.day);
        return false;
    });
    return first;
}

std::map<std::string, DayNumber> DriverRun::firstDaysForIgnoreBookmark() {
    std::map<std::string, DayNumber> first;
    if (!_request.ignoreBookmark) return first;
    if (_fromScratch) {
        first = _collected;
    } else {
        _family.collectWork(_ctx, nullptr, _bookmarks, _asOf, first);
    }
    for (const std::string& c : _requested) {
        auto it = first.find(c);
        std::optional<DayNumber> day = it == first.end() ? std::nullopt : std::optional<DayNumber>(it->second);
        day = minDay(day, firstStoredDay(c, day));
        if (day) first[c] = *day;
    }
    return first;
}

void DriverRun::planWindows(const std::map<std::string, DayNumber>& firstDays) {
    for (const std::string& c : _requested) {
        std::optional<DayNumber> from;
        auto dirty = _dirty.find(c);
        if (dirty != _dirty.end()) from = dirty->second;
        if (_request.ignoreBookmark) {
            auto first = firstDays.find(c);
            if (first != firstDays.end()) from = minDay(from, first->second);
        }
        if (!from) continue;
        if (_startDay) from = std::max(*from, *_startDay);
        if (*from > _to) continue;
        Window w;
        w.community = c;
        w.firstFrom = w.from = w.nextWrite = *from;
        w.end = _request.tick ? std::min(_to, *from + std::max<std::int64_t>(1, _ctx.settings.catchupDays) - 1) : _to;
        auto b = _bookmarks.find(c);
        if (b != _bookmarks.end()) w.bookmark = b->second;
        if (dirty != _dirty.end()) w.dirty = dirty->second;
        _windows.push_back(w);
    }
}

void DriverRun::runRounds() {
    std::vector<Window*> pending;
    for (Window& w : _windows) pending.push_back(&w);
    const std::int64_t budget = std::max<std::int64_t>(1, _ctx.settings.catchupDays);
    while (!pending.empty()) {
        std::map<DayNumber, std::vector<Window*>> groups;
        for (Window* w : pending) groups[w->end].push_back(w);
        for (auto& [end, group] : groups) computeGroup(end, group);
        std::vector<Window*> next;
        for (Window* w : pending) {
            // A tick continues a community whose window held fewer documents than the catch-up budget:
            // days without documents cost almost nothing (sparse families), days with them count.
            const bool more = _request.tick && !w->failed && w->end < _to &&
                              w->documents < static_cast<std::uint64_t>(budget);
            if (more) {
                w->from = w->nextWrite = w->end + 1;
                w->end = std::min(_to, w->from + budget - 1);
                next.push_back(w);
            } else {
                finish(*w);
            }
        }
        pending.swap(next);
    }
}

void DriverRun::probeCancellation() {
    try {
        _ctx.progress.advance(0);
    } catch (...) {
        _aborting = true;
        throw;
    }
}

void DriverRun::computeGroup(DayNumber end, std::vector<Window*>& group) {
    std::map<std::string, Window*> byId;
    std::vector<WorkItem> items;
    for (Window* w : group) {
        byId[w->community] = w;
        items.push_back(WorkItem{w->community, w->from});
    }
    Window* current = nullptr;
    std::set<Window*> emitted;
    auto emit = [&](CommunityDocuments&& part) {
        auto it = byId.find(part.communityId);
        if (it == byId.end()) {
            _ctx.logger.warning("family emitted documents of community '" + part.communityId +
                                "' that was not asked for; ignored");
            return;
        }
        if (current && current != it->second) probeCancellation();
        current = it->second;
        emitted.insert(current);
        takeWriteFailures();
        if (current->failed) return;
        try {
            writePart(*current, part.docs, end);
        } catch (const std::exception& e) {
            fail(*current, e.what());
        }
        takeWriteFailures();
        if (_pendingBytes >= kPendingBytes) flushAll(group);
    };
    try {
        _family.compute(_ctx, items, end, emit);
    } catch (const std::exception& e) {
        if (_aborting) throw;
        // Communities emitted before the current one are complete; the rest are unknown.
        for (Window* w : group)
            if (!w->failed && (w == current || !emitted.count(w))) fail(*w, std::string("compute failed: ") + e.what());
    }
    // The rest of each window: its pending documents and the empty days after them, in one write.
    for (Window* w : group) {
        if (w->failed || w->nextWrite > end) continue;
        try {
            flush(*w, end);
        } catch (const std::exception& e) {
            fail(*w, e.what());
        }
    }
    drainWrites(group);
}

void DriverRun::takeWriteFailures() {
    for (auto& [community, what] : _writer.failures()) {
        auto it = _windowOf.find(community);
        if (it != _windowOf.end()) fail(*it->second, what);
    }
}

void DriverRun::drainWrites(std::vector<Window*>& group) {
    _writer.drain();
    takeWriteFailures();
    for (Window* w : group) w->documents = _writer.documents(w->community);
}

void DriverRun::flush(Window& w, DayNumber through) {
    std::vector<Document> docs;
    docs.swap(w.pending);
    const std::size_t bytes = w.pendingBytes;
    _pendingBytes -= bytes;
    w.pendingBytes = 0;
    replace(w, w.nextWrite, through, std::move(docs), bytes);
    w.nextWrite = through + 1;
    w.lastPending = through;
}

void DriverRun::flushAll(std::vector<Window*>& group) {
    for (Window* w : group) {
        if (w->failed || w->pending.empty()) continue;
        try {
            flush(*w, w->lastPending);
        } catch (const std::exception& e) {
            fail(*w, e.what());
        }
    }
}

void DriverRun::writePart(Window& w, std::vector<Document>& docs, DayNumber end) {
    // Documents wait in w.pending so that small parts (a day of every community at a time) become
    // few large writes; a write ends after kBatchDocuments / kBatchBytes, and all pending documents
    // are written when they exceed kPendingBytes together.
    if (w.pending.empty()) w.lastPending = w.nextWrite - 1;
    for (Document& d : docs) {
        if (d.communityId.empty()) d.communityId = w.community;
        if (d.communityId != w.community)
            throw std::runtime_error("document " + d.id + " belongs to '" + d.communityId + "'");
        const auto day = parseDay(d.day);
        if (!day || *day <= w.lastPending || *day > end)
            throw std::runtime_error("document " + d.id + " has day '" + d.day + "' outside " + dayText(w.lastPending + 1) +
                                     ".." + dayText(end) + " or out of order");
        w.lastPending = *day;
        w.pendingBytes += d.body.size();
        _pendingBytes += d.body.size();
        w.pending.push_back(std::move(d));
        if (w.pending.size() >= kBatchDocuments || w.pendingBytes >= kBatchBytes) flush(w, w.lastPending);
    }
}

void DriverRun::replace(Window& w, DayNumber first, DayNumber last, std::vector<Document> docs, std::size_t bytes) {
    // Committed (and counted in w.documents) by the writer; drainWrites() waits for it.
    _writer.submit(DocumentRange{w.community, dayText(first), dayText(last)}, std::move(docs), bytes);
}

void DriverRun::fail(Window& w, const std::string& what) {
    if (w.failed) return;
    w.failed = true;
    _pendingBytes -= w.pendingBytes;  // never written: the window stays dirty
    w.pendingBytes = 0;
    w.pending.clear();
    const std::string line = w.community + ": " + what;
    _result.errors.push_back(line);
    _ctx.logger.error(line);
}

void DriverRun::finish(Window& w) {
    ++_result.communities;
    if (!w.failed) {
        if (_request.updateBookmark) {
            // Documents first (done), then the bookmark, then the marker: a run killed in between redoes
            // the window from the old marker.
            const DayNumber newBookmark = w.bookmark ? std::max(*w.bookmark, w.end) : w.end;
            if (!w.bookmark || newBookmark != *w.bookmark)
                _ctx.store.setBookmark(_name, w.community, dayText(newBookmark));
            _bookmarks[w.community] = newBookmark;
            auto it = _dirty.find(w.community);
            const std::optional<DayNumber> dirty =
                it == _dirty.end() ? std::nullopt : std::optional<DayNumber>(it->second);
            if (dirty && *dirty < w.firstFrom) {
                // a narrowed window (startDay) left earlier days stale: the marker stays
            } else if (w.end < _to || (w.bookmark && w.end < *w.bookmark)) {
                setDirty(w.community, w.end + 1);  // stopped early, or stored days after the window are stale
            } else if (dirty && *dirty > w.end) {
                // not reached by this window
            } else {
                setDirty(w.community, std::nullopt);
            }
        } else {
            // Documents after the bookmark must stay covered by the marker until a run owns them.
            const DayNumber beyond = w.bookmark ? std::max(w.firstFrom, *w.bookmark + 1) : w.firstFrom;
            if (w.end >= beyond) {
                auto it = _storedDirty.find(w.community);
                if (it == _storedDirty.end() || it->second > beyond) {
                    _storedDirty[w.community] = beyond;
                    _ctx.store.setBookmark(AggregatorDriver::dirtyName(_name), w.community, dayText(beyond));
                }
            }
        }
    }
    _ctx.logger.debug(w.community + ": " + dayText(w.firstFrom) + ".." + dayText(w.end) + ", " +
                      std::to_string(w.documents) + " documents" + (w.failed ? " (failed)" : ""));
    _ctx.progress.advance(1);
}

void DriverRun::extendIdleBookmarks() {
    if (!_request.updateBookmark) return;
    std::set<std::string> worked;
    for (const Window& w : _windows) worked.insert(w.community);
    for (const std::string& c : _requested) {
        if (worked.count(c)) continue;
        auto b = _bookmarks.find(c);
        if (b == _bookmarks.end() || b->second >= _to) continue;
        auto d = _dirty.find(c);
        if (d != _dirty.end() && d->second <= _to) continue;  // stale days inside: not the fill of stored ones
        // Nothing changed in (bookmark, to]: the stored documents and their fill are that period.
        _ctx.store.setBookmark(_name, c, dayText(_to));
        b->second = _to;
    }
}

}  // namespace

AggregatorDriver::AggregatorDriver(Family& family, std::string name, std::string alias, bool backgroundWrites)
    : _family(family), _name(std::move(name)), _alias(std::move(alias)), _backgroundWrites(backgroundWrites) {}

AggregationResult AggregatorDriver::run(AggregationContext& ctx, const AggregationRequest& request) {
    struct EndRun {
        Family& family;
        ~EndRun() {
            if (auto* scoped = dynamic_cast<RunScopedFamily*>(&family)) scoped->endRun();
        }
    } endRun{_family};
    DriverRun run(_family, _name, _alias, ctx, request, _backgroundWrites);
    return run.execute();
}

std::string AggregatorDriver::settingsFingerprint(const AggregationSettings& settings) {
    std::string text;
    appendSpecs(text, "records", settings.recordSubcounts);
    appendSpecs(text, "usage", settings.usageSubcounts);
    text += "top|" + std::to_string(settings.topLimit) + "\nfloor|" + settings.publishedDateFloor + "\n";
    char hex[24];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a(text)));
    return std::string("v1-") + hex;
}

// ---------------------------------------------------------------------------------------------------

FamilyAggregator::FamilyAggregator(std::unique_ptr<Family> family) : _family(std::move(family)) {}

FamilyAggregator::~FamilyAggregator() = default;

void FamilyAggregator::configure(const AggregatorSetup& setup) {
    const std::string base = setup.params.path().size() > 7 &&
                                     setup.params.path().compare(setup.params.path().size() - 7, 7, ".params") == 0
                                 ? setup.params.path().substr(0, setup.params.path().size() - 7)
                                 : setup.name;
    if (setup.name.empty()) throw ConfigError(base, "the aggregation needs a name");
    if (setup.templates.empty()) throw ConfigError(base + ".templates", "the index alias to write is missing");
    if (!setup.params.isEmpty() && !setup.params.isMap())
        throw ConfigError(setup.params.path(), "expected a mapping of parameters");
    setup.params.requireOnlyKeys(allowedParams());
    _name = setup.name;
    _alias = setup.templates;
    _family->named(_name);
    _configured = true;
    configured(setup);
}

std::vector<IndexTemplate> FamilyAggregator::indexTemplates() const {
    if (!_configured) throw Error("aggregator used before configure()");
    return {_family->indexTemplate(_name, _alias)};
}

AggregationResult FamilyAggregator::run(AggregationContext& context, const AggregationRequest& request) {
    if (!_configured) throw Error("aggregator used before configure()");
    AggregatorDriver driver(*_family, _name, _alias, _backgroundWrites);
    return driver.run(context, request);
}

}  // namespace statshost::aggregators
