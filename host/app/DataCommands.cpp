// import ops|records, community-events generate|status.
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>

#include <Poco/File.h>

#include "app/Command.h"
#include "app/UsageRuntime.h"
#include "plugins/HostServices.h"
#include "records/Dates.h"
#include "services/Backfill.h"
#include "services/ReplayImporter.h"

namespace statshost::app {

namespace {

/// Prints import progress: lines, lines/s, share of the file and ETA; redrawn on a terminal,
/// a plain line every few seconds otherwise.
class ImportProgress {
public:
    explicit ImportProgress(std::uint64_t totalBytes) : _total(totalBytes), _tty(isatty(2) == 1) {}
    void update(std::uint64_t bytes, const services::ImportReport& r, bool final) {
        auto now = std::chrono::steady_clock::now();
        double secs = std::chrono::duration<double>(now - _start).count();
        if (!final && std::chrono::duration<double>(now - _last).count() < (_tty ? 0.2 : 5.0)) return;
        _last = now;
        double rate = secs > 0 ? r.lines / secs : 0;
        double frac = _total ? double(bytes) / double(_total) : 1.0;
        double eta = frac > 0 && frac < 1 ? secs / frac - secs : 0;
        char line[256];
        std::snprintf(line, sizeof line, "import: %zu lines (%zu applied, %zu errors), %.0f lines/s, %.0f%% of the file, %s %.0fs",
                      r.lines, r.applied, r.errors.size(), rate, frac * 100, final ? "took" : "ETA", final ? secs : eta);
        std::fprintf(stderr, _tty ? "\r\033[K%s%s" : "%s%s", line, (_tty && !final) ? "" : "\n");
        std::fflush(stderr);
    }

private:
    std::uint64_t _total;
    bool _tty;
    std::chrono::steady_clock::time_point _start = std::chrono::steady_clock::now(), _last = _start;
};

int printImportReport(const services::ImportReport& r) {
    std::cout << "lines: " << r.lines << ", applied: " << r.applied << ", errors: " << r.errors.size();
    if (r.skipped) std::cout << ", skipped (already imported): " << r.skipped;
    std::cout << "\n";
    for (const auto& [k, n] : r.byOutcome) std::cout << "  " << k << ": " << n << "\n";
    for (const auto& e : r.errors) std::cerr << "line " << e.line << ": " << e.message << "\n";
    if (r.stopped) std::cerr << "stopped at line " << r.errors.back().line << "; nothing after it was applied\n";
    return r.errors.empty() ? 0 : 1;
}

int runImport(AppSession& s, const ParsedArgs& a, bool recordsOnly) {
    if (a.positional.empty()) throw UsageError("missing FILE (a path, or - for standard input)");
    std::string path = a.positional[0];
    std::ifstream file;
    std::istream* in = &std::cin;
    std::uint64_t size = 0;
    if (path != "-") {
        if (!Poco::File(path).exists()) throw UsageError("file not found: " + path);
        file.open(path);
        if (!file) throw UsageError("cannot read " + path);
        in = &file;
        size = Poco::File(path).getSize();
    }
    services::ImportOptions opts;
    opts.keepGoing = a.flag("keep-going");
    opts.recordsOnly = recordsOnly;
    opts.checkpoint = a.value("checkpoint");
    if (a.flag("batch")) {
        try {
            opts.batchLines = std::stoul(a.value("batch"));
        } catch (const std::exception&) {
            throw UsageError("--batch: expected a number of lines");
        }
        if (opts.batchLines == 0) throw UsageError("--batch: must be at least 1");
    }
    // Loaded before the import's transactions start (it creates tables and the hash secret).
    services::ReplayImporter importer(s.services(), recordsOnly ? services::UsageOpHandler{} : s.usage().replayHandler());
    ImportProgress progress(size);
    auto report = importer.run(*in, opts, [&](std::uint64_t bytes, const services::ImportReport& r) {
        progress.update(bytes, r, false);
    });
    progress.update(size, report, true);
    return printImportReport(report);
}

std::int64_t dayOption(const ParsedArgs& a, const std::string& name, int addDays) {
    if (!a.flag(name)) return 0;
    auto day = records::parseDay(a.value(name));
    if (!day) throw UsageError("--" + name + ": expected YYYY-MM-DD, got '" + a.value(name) + "'");
    return (*day + addDays) * 86400LL * 1000000LL;
}

services::BackfillOptions backfillOptions(const ParsedArgs& a) {
    services::BackfillOptions o;
    o.communityIds = a.all("community-id");
    o.recordIds = a.all("record-ids");
    o.createdFromMicros = dayOption(a, "start-date", 0);
    o.createdBeforeMicros = dayOption(a, "end-date", 1);  // the end day is included
    return o;
}

int runBackfill(AppSession& s, const ParsedArgs& a, bool dryRun) {
    auto opts = backfillOptions(a);
    opts.dryRun = dryRun;
    plugins::SystemClock clock;
    auto started = std::chrono::steady_clock::now();
    auto report = services::generateCommunityEvents(s.services(), clock, opts, [&](std::uint64_t done) {
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::fprintf(stderr, "community-events: %llu records, %.0f records/s\n", (unsigned long long)done,
                     secs > 0 ? done / secs : 0.0);
    });
    std::cout << "records processed: " << report.recordsProcessed << "\n"
              << (dryRun ? "records needing events: " : "records that needed events: ") << report.recordsNeedingEvents
              << "\n"
              << (dryRun ? "events needed: " : "events created: ") << report.eventsCreated << "\n"
              << "events already present: " << report.eventsFound << "\n";
    if (!dryRun || a.flag("community-details"))
        for (const auto& [c, n] : report.perCommunity) std::cout << "  " << c << ": " << n << "\n";
    return 0;
}

const std::vector<OptionSpec> kBackfillFilters = {
    {"community-id", "ID", "only this community (plus global)", true},
    {"record-ids", "ID", "only this record", true},
    {"start-date", "YYYY-MM-DD", "only records created on or after this day"},
    {"end-date", "YYYY-MM-DD", "only records created on or before this day"},
};

}  // namespace

void addDataCommands(std::vector<Command>& out) {
    std::vector<OptionSpec> importOptions = {
        {"keep-going", "", "skip bad lines and list them at the end instead of stopping at the first"},
        {"batch", "N", "lines per transaction (default 1000)"},
        {"checkpoint", "NAME", "commit progress under NAME with each batch; a rerun with the same NAME resumes "
                               "after the last committed line"},
    };
    out.push_back({"import ops", "apply a replay stream (REPLAY.md NDJSON) through the services",
                   "statshost import ops FILE [--keep-going] [--batch N]",
                   "Applies each line of FILE (or - for standard input) through the same services and component\n"
                   "chains as the HTTP API, with the clock set to the line's `at`. Lines must be in non-decreasing\n"
                   "`at` order. A bad line (malformed JSON, unknown op or id, missing field, out-of-order time) is\n"
                   "reported with its line number; without --keep-going the import stops there (earlier lines stay\n"
                   "applied). Lines are committed in batches; with --checkpoint NAME the last committed line is\n"
                   "recorded in the same transaction, so an interrupted import rerun with the same NAME continues\n"
                   "exactly after it. Exit code 1 when any line failed.",
                   importOptions, 1, [](AppSession& s, const ParsedArgs& a) { return runImport(s, a, false); }});
    out.push_back({"import records", "publish a dump of InvenioRDM records (one JSON per line)",
                   "statshost import records FILE [--keep-going] [--batch N]",
                   "Publishes every record of FILE (JSON lines, or - for standard input) at its own `created`\n"
                   "time, writing the community-events log as a live publish would.",
                   importOptions, 1, [](AppSession& s, const ParsedArgs& a) { return runImport(s, a, true); }});
    auto generateOptions = kBackfillFilters;
    out.push_back({"community-events generate", "backfill the community-events log for existing records",
                   "statshost community-events generate [--community-id ID]... [--record-ids ID]... [--start-date D] [--end-date D]",
                   "For every record (optionally filtered) and every community of its parent plus global, writes an\n"
                   "`added` event dated the record's `created` unless one exists. Idempotent; one transaction.",
                   generateOptions, 0, [](AppSession& s, const ParsedArgs& a) { return runBackfill(s, a, false); }});
    auto statusOptions = kBackfillFilters;
    statusOptions.push_back({"community-details", "", "list the missing events per community"});
    out.push_back({"community-events status", "count what a backfill would write (read-only)",
                   "statshost community-events status [filters] [--community-details]",
                   "Counts records and events a `community-events generate` with the same filters would write.",
                   statusOptions, 0, [](AppSession& s, const ParsedArgs& a) { return runBackfill(s, a, true); }});
}

}  // namespace statshost::app
