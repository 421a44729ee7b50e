// import events, events status.
#include <condition_variable>
#include <deque>
#include <fstream>
#include <functional>
#include <future>
#include <mutex>
#include <thread>
#include <iomanip>
#include <iostream>

#include <Poco/File.h>

#include "app/Command.h"
#include "app/UsageRuntime.h"
#include "plugins/HostServices.h"
#include "services/ServiceError.h"

namespace statshost::app {

namespace {

/// The event type of an exported document: `--type`, else a download when it names a file.
usage::EventType typeOf(const usage::EventObject& doc, const std::string& forced) {
    if (forced == "view") return usage::EventType::View;
    if (forced == "download") return usage::EventType::Download;
    bool file = doc.find("file_id") || doc.find("file_key") || doc.find("bucket_id");
    return file ? usage::EventType::Download : usage::EventType::View;
}

/// One line's document: the object itself, or an OpenSearch hit's `_source`.
usage::ProcessedDoc parseLine(const std::string& line, const std::string& forced) {
    usage::EventObject obj = usage::parseEventObject(line);
    if (const usage::JsonField* source = obj.find("_source")) {
        if (source->kind != usage::JsonKind::Object) throw usage::JsonNotObject();
        obj = usage::parseEventObject(source->text);  // a view into `line`, which outlives it
    }
    return usage::parseProcessedDoc(typeOf(obj, forced), obj);
}

/// One batch of parsed lines and their line numbers.
struct LineBatch {
    std::vector<usage::Parsed<usage::ProcessedDoc>> docs;
    std::vector<std::size_t> lines;
    usage::PreparedBatch prepared;  ///< docs run through the pipeline up to storage
};

/// Reads and parses up to `batchSize` non-blank lines from `in` (empty at the end of the input).
LineBatch readBatch(std::istream& in, std::size_t batchSize, const std::string& forced, std::size_t& lineNo) {
    LineBatch batch;
    batch.docs.reserve(batchSize);
    batch.lines.reserve(batchSize);
    std::string line;
    while (batch.docs.size() < batchSize && std::getline(in, line)) {
        ++lineNo;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        usage::Parsed<usage::ProcessedDoc> parsed;
        try {
            parsed.value = parseLine(line, forced);
        } catch (const services::ServiceError& e) {
            parsed.error = e.what();
        } catch (const usage::JsonSyntaxError& e) {
            parsed.error = std::string("malformed JSON: ") + e.what();
        } catch (const usage::JsonNotObject& e) {
            parsed.error = e.what();
        }
        batch.docs.push_back(std::move(parsed));
        batch.lines.push_back(lineNo);
    }
    return batch;
}

/// One long-lived thread running submitted tasks in order; the futures carry results and exceptions.
/// (std::async starts a thread per call: a fresh stack and page faults for every batch.) The destructor
/// finishes the tasks already submitted, then joins.
class Worker {
public:
    Worker() : _thread([this] { loop(); }) {}
    ~Worker() {
        {
            std::lock_guard<std::mutex> lock(_mutex);
            _stop = true;
        }
        _wake.notify_one();
        _thread.join();
    }
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    template <class F>
    auto submit(F f) -> std::future<decltype(f())> {
        auto task = std::make_shared<std::packaged_task<decltype(f())()>>(std::move(f));
        auto result = task->get_future();
        {
            std::lock_guard<std::mutex> lock(_mutex);
            _tasks.push_back([task] { (*task)(); });
        }
        _wake.notify_one();
        return result;
    }

private:
    void loop() {
        for (;;) {
            std::function<void()> task;
            {
                std::unique_lock<std::mutex> lock(_mutex);
                _wake.wait(lock, [this] { return _stop || !_tasks.empty(); });
                if (_tasks.empty()) return;
                task = std::move(_tasks.front());
                _tasks.pop_front();
            }
            task();
        }
    }

    std::mutex _mutex;
    std::condition_variable _wake;
    std::deque<std::function<void()>> _tasks;
    bool _stop = false;
    std::thread _thread;  ///< last: starts after the members it uses exist
};

/// SQLite: the import's writer connection keeps SQLite's default page cache (2 MiB) instead of the storage
/// default (32 MiB). An import appends at the right edge of usage_events and never reads those pages again,
/// so a larger cache only fills with pages written once, each a fresh allocation that the kernel must
/// fault in (measured: 6 200 → 2 700 page faults and -17 % CPU for 100 000 events). The setting belongs to
/// the pooled connection, i.e. to this import process only.
const char* const kImportCacheSql = "PRAGMA cache_size=-2000";

int runImportEvents(AppSession& s, const ParsedArgs& a) {
    if (a.positional.empty()) throw UsageError("missing FILE (a path, or - for standard input)");
    std::string forced = a.value("type");
    if (!forced.empty() && forced != "view" && forced != "download") throw UsageError("--type: expected view or download");
    std::size_t batchSize = 5000;
    if (a.flag("batch")) {
        try {
            batchSize = std::stoul(a.value("batch"));
        } catch (const std::exception&) {
            throw UsageError("--batch: expected a number of events");
        }
        if (!batchSize) throw UsageError("--batch: must be at least 1");
    }
    const std::string path = a.positional[0];
    std::ifstream file;
    std::istream* in = &std::cin;
    if (path != "-") {
        if (!Poco::File(path).exists()) throw UsageError("file not found: " + path);
        file.open(path);
        in = &file;
    }
    auto& runtime = s.usage();
    auto& services = s.services();
    plugins::SystemClock clock;
    bool atomic = a.flag("atomic");
    const bool sqlite = s.storage().database().dialect() == storage::Dialect::SQLite;
    std::size_t lineNo = 0, stored = 0, doubles = 0, robots = 0, apiViews = 0;
    std::vector<std::pair<std::size_t, std::string>> errors;
    auto started = std::chrono::steady_clock::now();
    // Parsing overlaps storing: while batch N is stored, a second thread reads, parses and prepares batch N+1.
    // Only that thread touches `in` and `lineNo` until its future is collected.
    // Records are resolved on a pooled connection outside the write transaction (commit re-checks misses).
    auto lookup = runtime.pipeline().cachedLookupIn(s.storage().database());
    auto read = [&] {
        LineBatch b = readBatch(*in, batchSize, forced, lineNo);
        if (!b.docs.empty()) b.prepared = runtime.pipeline().prepareProcessed(b.docs, lookup);
        return b;
    };
    Worker reader;
    std::future<LineBatch> next = reader.submit(read);
    while (true) {
        LineBatch batch = next.get();
        if (batch.docs.empty()) break;
        next = reader.submit(read);
        const auto& docs = batch.docs;
        const auto& lines = batch.lines;
        usage::BatchResult r;
        try {
            services.transaction(clock, [&](services::ServiceTx& tx) {
                if (sqlite) tx.connection().exec(kImportCacheSql);
                r = runtime.pipeline().commitProcessed(tx, docs, std::move(batch.prepared), atomic);  // runs once
            });
        } catch (const services::ServiceError& e) {
            // atomic: "events[i]: ..." — report the line, nothing of this batch was stored
            std::string msg = e.what();
            auto close = msg.find(']');
            std::size_t index = close != std::string::npos ? std::stoul(msg.substr(7, close - 7)) : 0;
            std::cerr << "line " << lines[index] << ": " << msg.substr(close + 3) << "\nnothing of lines " << lines.front()
                      << "-" << lines.back() << " was stored; earlier batches stay\n";
            next.wait();  // the reader thread uses `in`; let it finish before returning
            return 1;
        }
        stored += r.counters.stored;
        doubles += r.counters.suppressed;
        robots += r.robots;
        apiViews += r.apiViews;
        for (std::size_t i = 0; i < r.outcomes.size(); ++i)
            if (r.outcomes[i].kind == usage::HitOutcome::Kind::Rejected) errors.push_back({lines[i], r.outcomes[i].message});
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const std::size_t done = lines.back();
        std::fprintf(stderr, "import events: %zu lines, %.0f lines/s\n", done, secs > 0 ? done / secs : 0.0);
    }
    std::cout << "lines: " << lineNo << ", stored: " << stored << ", double clicks: " << doubles
              << ", robots dropped: " << robots << ", API views dropped: " << apiViews << ", errors: " << errors.size()
              << "\n";
    for (const auto& [l, m] : errors) std::cerr << "line " << l << ": " << m << "\n";
    return errors.empty() ? 0 : 1;
}

int runEventsStatus(AppSession& s, const ParsedArgs&) {
    s.usage();  // creates the tables on a fresh database
    auto rows = usage::UsageStore::status(s.storage().database());
    std::cout << std::left << std::setw(9) << "month" << std::setw(10) << "type" << std::right << std::setw(12) << "stored"
              << std::setw(12) << "robots" << std::setw(12) << "api views" << std::setw(14) << "double clicks"
              << std::setw(12) << "no country" << "\n";
    for (const auto& r : rows)
        std::cout << std::left << std::setw(9) << r.month << std::setw(10) << usage::typeName(r.type) << std::right
                  << std::setw(12) << r.stored << std::setw(12) << r.robots << std::setw(12) << r.apiViews << std::setw(14)
                  << r.doubleClicks << std::setw(12) << r.noCountry << "\n";
    if (rows.empty()) std::cout << "(no usage events yet)\n";
    return 0;
}

}  // namespace

void addEventsCommands(std::vector<Command>& out) {
    out.push_back({"import events", "import already-processed invenio-stats events (exported NDJSON)",
                   "statshost import events FILE [--type view|download] [--atomic] [--batch N]",
                   "Imports record-view / file-download event documents exported from OpenSearch (one JSON per\n"
                   "line, bare or as a hit with `_source`): timestamp, recid, parent_recid, visitor_id,\n"
                   "unique_session_id, unique_id, country, referrer, via_api, is_robot, is_machine (+ file_id,\n"
                   "file_key, bucket_id, size for downloads). Robots and API views are dropped, machines kept,\n"
                   "visitor_id / unique_id / country trusted, double clicks merged as for live events. The type is\n"
                   "--type, else a download when the document names a file. Batches are committed as they go;\n"
                   "importing the same file again changes nothing (the double-click rule absorbs repeats).\n"
                   "Bad lines (unknown record, bad timestamp) are listed by line number; with --atomic the first\n"
                   "one stops the import and nothing of its batch is stored. Exit 1 when any line failed.",
                   {{"type", "TYPE", "view or download for every line"},
                    {"atomic", "", "stop at the first bad line; its batch is not stored"},
                    {"batch", "N", "events per transaction (default 5000)"}},
                   1, runImportEvents});
    out.push_back({"events status", "usage events per month: stored, robots, API views, double clicks, no country",
                   "statshost events status",
                   "Prints, per month and event type, the events stored (after the double-click rule), the robots\n"
                   "and API views dropped, the double clicks suppressed and the stored events without a country.",
                   {}, 0, runEventsStatus});
}

}  // namespace statshost::app
