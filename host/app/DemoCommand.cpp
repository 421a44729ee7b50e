// demo generate: a deterministic REPLAY.md stream for demos, tests and benchmarks.
#include <fstream>
#include <iostream>

#include "app/Command.h"
#include "demo/DemoGenerator.h"

namespace statshost::app {

namespace {

std::uint64_t count(const ParsedArgs& a, const std::string& name) {
    if (!a.flag(name)) return 0;
    try {
        std::size_t used = 0;
        auto v = std::stoull(a.value(name), &used);
        if (used != a.value(name).size()) throw std::invalid_argument(name);
        return v;
    } catch (const std::exception&) {
        throw UsageError("--" + name + ": expected a whole number, got '" + a.value(name) + "'");
    }
}

int runDemo(AppSession&, const ParsedArgs& a) {
    demo::DemoOptions o;
    o.seed = a.flag("seed") ? count(a, "seed") : 1;
    try {
        o.scale = demo::parseScale(a.value("scale", "small"));
    } catch (const std::invalid_argument&) {
        throw UsageError("--scale: expected small, medium or large");
    }
    o.startDate = a.value("start-date");
    o.endDate = a.value("end-date");
    o.communities = count(a, "communities");
    o.records = count(a, "records");
    o.usageEvents = count(a, "usage-events");
    std::string out = a.value("out", "-");
    std::ofstream file;
    if (out != "-") {
        file.open(out, std::ios::binary | std::ios::trunc);
        if (!file) throw UsageError("--out: cannot write " + out);
    }
    demo::DemoSummary s;
    try {
        s = demo::DemoGenerator().generate(o, out == "-" ? std::cout : file);
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    std::cerr << "demo: " << s.lines << " lines (" << s.bytes << " bytes), " << s.communities << " communities, "
              << s.records << " publishes (" << s.parents << " parents, " << s.versions << " new versions), "
              << s.membershipOps << " membership operations, " << s.deletions << " deletions, " << s.restorations
              << " restorations, " << s.views << " views, " << s.downloads << " downloads, from " << s.firstAt
              << " to " << s.lastAt << "\n";
    return 0;
}

}  // namespace

void addDemoCommand(std::vector<Command>& out) {
    out.push_back({"demo generate", "write a deterministic demo replay stream",
                   "statshost demo generate [--seed N] [--scale small|medium|large] [--out FILE] [options]",
                   "Writes a REPLAY.md stream (communities, records shaped like real InvenioRDM records, new\n"
                   "versions, membership changes, requests, deletions and restorations, views and downloads)\n"
                   "to FILE or standard output. The same seed and options always give the same bytes.\n"
                   "Sizes: small ~5 communities / 200 records / 5k hits over 2 years; medium 50 / 5k / 200k\n"
                   "over 4; large 500 / 100k / 5M over 6. Load it with `statshost import ops FILE`.",
                   {{"seed", "N", "random seed (default 1)"},
                    {"scale", "NAME", "small (default), medium or large"},
                    {"out", "FILE", "output file (default: standard output)"},
                    {"start-date", "YYYY-MM-DD", "first day (default: end date minus the scale's years)"},
                    {"end-date", "YYYY-MM-DD", "last day (default 2025-12-31)"},
                    {"communities", "N", "number of communities instead of the scale's"},
                    {"records", "N", "number of records instead of the scale's"},
                    {"usage-events", "N", "number of views + downloads instead of the scale's"}},
                   0, runDemo});
}

}  // namespace statshost::app
