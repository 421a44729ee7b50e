#include "RecordsFamily.h"

#include <algorithm>
#include <chrono>
#include <optional>

#include "DayText.h"
#include "RecordsDocuments.h"
#include "RecordsQuiet.h"
#include "RecordsSweep.h"

namespace statshost::aggregators {

namespace {

/// A community's documents are handed to the driver in parts of at most this many documents or bytes.
constexpr std::size_t kPartDocuments = 256;
constexpr std::size_t kPartBytes = 8u << 20;

/// Collects the documents of one community over [from, to] and hands them on in parts.
class DocumentCollector : public SweepVisitor {
public:
    DocumentCollector(std::string community, DayNumber from, std::string timestamp,
                      const std::function<void(CommunityDocuments&&)>& emit)
        : _community(std::move(community)), _from(from), _timestamp(std::move(timestamp)), _emit(emit) {}

    void flush() {
        if (_part.docs.empty()) return;
        _part.communityId = _community;
        _emit(std::move(_part));
        _part = CommunityDocuments{};
        _bytes = 0;
    }

protected:
    void add(DayNumber day, std::string body) {
        _bytes += body.size();
        _part.docs.push_back(Document{documentId(_community, day), _community, dayText(day), std::move(body)});
        if (_part.docs.size() >= kPartDocuments || _bytes >= kPartBytes) flush();
    }

    std::string _community;
    DayNumber _from;
    std::string _timestamp;

private:
    const std::function<void(CommunityDocuments&&)>& _emit;
    CommunityDocuments _part;
    std::size_t _bytes = 0;
};

class DeltaCollector : public DocumentCollector {
public:
    DeltaCollector(RecordsDocumentWriter& writer, std::string community, DayNumber from, std::string timestamp,
                   const std::function<void(CommunityDocuments&&)>& emit)
        : DocumentCollector(std::move(community), from, std::move(timestamp), emit), _writer(writer) {}

    void before(DayNumber, const RecordsSweep&) override {}
    void after(const DayDelta& delta, const RecordsSweep&) override {
        if (delta.day >= _from) add(delta.day, _writer.deltaBody(_community, delta, _timestamp));
    }

private:
    RecordsDocumentWriter& _writer;
};

class SnapshotCollector : public DocumentCollector {
public:
    SnapshotCollector(RecordsDocumentWriter& writer, std::string community, DayNumber from, std::string timestamp,
                      const std::function<void(CommunityDocuments&&)>& emit)
        : DocumentCollector(std::move(community), from, std::move(timestamp), emit), _writer(writer) {}

    void before(DayNumber day, const RecordsSweep& sweep) override {
        // The content of the day before the window's first boundary, once: the first document inside
        // the window is written only if it differs from it.
        if (day >= _from && !_previousKnown) {
            if (_anyBoundary) _previous = _writer.snapshotContent(sweep);
            _previousKnown = true;
        }
    }
    void after(const DayDelta& delta, const RecordsSweep& sweep) override {
        _anyBoundary = true;
        if (delta.day < _from) return;
        SnapshotContent content = _writer.snapshotContent(sweep);
        if (_previous && *_previous == content) return;
        add(delta.day, _writer.snapshotBody(_community, delta.day, content, _timestamp));
        _previous = std::move(content);
    }

private:
    RecordsDocumentWriter& _writer;
    bool _anyBoundary = false;
    bool _previousKnown = false;
    std::optional<SnapshotContent> _previous;
};

}  // namespace

RecordsFamily::RecordsFamily(RecordsKind kind, DateBasis basis, RecordsCatalogShare& share)
    : _kind(kind), _basis(basis), _share(share) {
    _share.join(this);
}

RecordsFamily::~RecordsFamily() { _share.leave(this); }

void RecordsFamily::endRun() {
    _run.reset();
    _share.endRun(this);
}

IndexTemplate RecordsFamily::indexTemplate(const std::string& aggregationName, const std::string& alias) const {
    IndexTemplate t;
    t.alias = alias;
    t.extentBookmark = aggregationName;
    const std::string basis = basisName(_basis);
    if (_kind == RecordsKind::Delta) {
        t.dateField = "period_start";
        t.fill = FillRule::Zero;
        t.mappingJson =
            "{\"family\":\"records-delta\",\"basis\":\"" + basis +
            "\",\"fields\":{\"community_id\":\"keyword\",\"period_start\":\"date\",\"period_end\":\"date\","
            "\"timestamp\":\"date\",\"records\":\"added|removed.{metadata_only,with_files}\","
            "\"parents\":\"added|removed.{metadata_only,with_files}\","
            "\"files\":\"added|removed.{file_count,data_volume}\",\"records_added\":\"integer\","
            "\"records_removed\":\"integer\",\"parents_added\":\"integer\",\"parents_removed\":\"integer\","
            "\"uploaders\":\"integer\",\"subcounts\":\"by_*: [{id,label,records,parents,files}]\"}}";
    } else {
        t.dateField = "snapshot_date";
        t.fill = FillRule::CarryForward;
        t.mappingJson =
            "{\"family\":\"records-snapshot\",\"basis\":\"" + basis +
            "\",\"fields\":{\"community_id\":\"keyword\",\"snapshot_date\":\"date\",\"timestamp\":\"date\","
            "\"total_records\":\"{metadata_only,with_files}\",\"total_parents\":\"{metadata_only,with_files}\","
            "\"total_files\":\"{file_count,data_volume}\",\"total_uploaders\":\"integer\","
            "\"subcounts\":\"all_*|top_*: [{id,label,records,parents,files}]\"}}";
    }
    return t;
}

RecordsFamily::RunData& RecordsFamily::load(AggregationContext& ctx) {
    if (_run) return *_run;
    const auto started = std::chrono::steady_clock::now();
    auto run = std::make_unique<RunData>();
    bool reused = false;
    run->shared = _share.acquire(ctx, reused);
    run->catalog = &run->shared->catalog();
    run->intervals = &run->shared->intervals(_basis);
    const RecordsCatalog& catalog = *run->catalog;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const auto ms = [](double s) { return std::to_string(static_cast<long long>(s * 1000)); };
    ctx.logger.info((reused ? "reused the catalog loaded earlier (nothing changed since): " : "loaded ") +
                    std::to_string(catalog.records().size()) + " records, " +
                    std::to_string(catalog.items().size()) + " subcount values, " +
                    std::to_string(catalog.communities().size()) + " communities with events (" +
                    std::to_string(catalog.skippedEvents()) + " events skipped)" +
                    (reused ? "" : " in " + ms(run->shared->loadSeconds()) + " ms") + "; " + basisName(_basis) +
                    " intervals ready after " + ms(seconds) + " ms");
    _run = std::move(run);
    return *_run;
}

void RecordsFamily::collectWork(AggregationContext& ctx, const ChangeFeed* feed,
                                const std::map<std::string, DayNumber>& bookmarks, DayNumber asOf,
                                std::map<std::string, DayNumber>& from) {
    if (!_run && feed && feed->recordIds.empty()) {
        // No record or membership changed and every bookmark is already at asOf: nothing can be due,
        // so the repository is not loaded (the usual hourly run after the first one of a day). A
        // community with data always has a bookmark or a dirty marker, which the driver handles.
        bool behind = false;
        for (const auto& [community, day] : bookmarks) behind = behind || day < asOf;
        if (!behind) return;
        // A new day: nothing is due either when no boundary day has come since the last load (RecordsQuiet.h).
        if (!_name.empty())
            if (auto text = ctx.store.bookmark(quietName(), "*"))
                if (auto state = parseQuiet(*text); state && nothingDue(*state, bookmarks, asOf)) return;
    }
    RunData& run = load(ctx);
    const RecordsCatalog& catalog = *run.catalog;
    if (!_name.empty()) ctx.store.setBookmark(quietName(), "*", quietText(quietState(run, asOf)));
    auto lower = [&](const std::string& community, DayNumber day) {
        auto it = from.find(community);
        if (it == from.end())
            from.emplace(community, day);
        else
            it->second = std::min(it->second, day);
    };
    for (std::size_t c = 0; c < catalog.communities().size(); ++c) {
        const std::vector<Presence>& intervals = (*run.intervals)[c];
        if (intervals.empty()) continue;
        const std::string& community = catalog.communities()[c];
        auto bookmark = bookmarks.find(community);
        if (!feed || bookmark == bookmarks.end()) {
            lower(community, firstStart(intervals));
        } else {
            const DayNumber next = nextBoundaryAfter(intervals, bookmark->second);
            if (next <= asOf) lower(community, next);
        }
    }
    if (!feed) return;

    std::vector<char> changed(catalog.records().size(), 0);
    std::size_t changedCount = 0;
    for (const std::string& id : feed->recordIds) {
        const std::int32_t r = catalog.recordIndex(id);
        if (r >= 0 && !changed[r]) changed[r] = 1, ++changedCount;
    }
    const std::vector<std::int32_t> suspects = catalog.labelSuspects(*feed);
    for (std::int32_t r : suspects)
        if (!changed[r]) changed[r] = 1, ++changedCount;
    if (!suspects.empty())
        ctx.logger.info(std::to_string(suspects.size()) + " records carry a subcount label that may have changed");
    if (changedCount == 0) return;
    for (std::size_t c = 0; c < catalog.communities().size(); ++c) {
        std::optional<DayNumber> earliest;
        for (const CatalogEvent& e : catalog.eventsOf(c)) {
            if (!changed[e.record]) continue;
            const DayNumber day = conservativeFirstDay(catalog.records()[e.record], dayOfMicros(e.micros), _basis);
            earliest = earliest ? std::min(*earliest, day) : day;
        }
        if (earliest) lower(catalog.communities()[c], *earliest);
    }
}

QuietState RecordsFamily::quietState(const RunData& run, DayNumber asOf) const {
    QuietState state;
    state.checkedThrough = asOf;
    state.nextBoundary = kNoDay;
    const std::vector<std::vector<Presence>>& intervals = *run.intervals;
    for (std::size_t c = 0; c < intervals.size(); ++c) {
        if (intervals[c].empty()) continue;
        state.communities.push_back(run.catalog->communities()[c]);
        state.nextBoundary = std::min(state.nextBoundary, nextBoundaryAfter(intervals[c], asOf));
    }
    std::sort(state.communities.begin(), state.communities.end());
    return state;
}

void RecordsFamily::compute(AggregationContext& ctx, const std::vector<WorkItem>& work, DayNumber to,
                            const std::function<void(CommunityDocuments&&)>& emit) {
    RunData& run = load(ctx);
    const std::string timestamp = timestampText(ctx.clock.nowMicros());
    if (!run.sweep) run.sweep = std::make_unique<RecordsSweep>(*run.catalog, _kind == RecordsKind::Snapshot);
    RecordsSweep& sweep = *run.sweep;
    RecordsDocumentWriter writer(*run.catalog, ctx.settings.topLimit);
    for (const WorkItem& item : work) {
        const std::int64_t c = run.shared->communityIndex(item.communityId);
        if (c < 0) continue;  // no events: no documents
        const std::vector<Presence>& intervals = (*run.intervals)[static_cast<std::size_t>(c)];
        if (_kind == RecordsKind::Delta) {
            DeltaCollector collector(writer, item.communityId, item.from, timestamp, emit);
            sweep.run(intervals, to, collector);
            collector.flush();
        } else {
            SnapshotCollector collector(writer, item.communityId, item.from, timestamp, emit);
            sweep.run(intervals, to, collector);
            collector.flush();
        }
    }
}

}  // namespace statshost::aggregators
