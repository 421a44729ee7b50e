#pragma once
/// The numbers of one usage item (SEMANTICS §6): `view` {total_events, unique_visitors, unique_records,
/// unique_parents} and `download` {the same, unique_files, total_volume}, with their JSON form
/// (keys in the seed's alphabetical order, volumes as `N.0`) and running sums.
#include <cstdint>
#include <string>

#include "UsageJson.h"

namespace statshost::aggregators::usagestats {

struct UsageSide {
    std::int64_t events = 0;
    std::int64_t visitors = 0;
    std::int64_t records = 0;
    std::int64_t parents = 0;
    std::int64_t files = 0;   ///< downloads only
    std::int64_t volume = 0;  ///< downloads only, bytes

    void add(const UsageSide& o) {
        events += o.events, visitors += o.visitors, records += o.records, parents += o.parents;
        files += o.files, volume += o.volume;
    }
    bool isZero() const { return !events && !visitors && !records && !parents && !files && !volume; }
};

struct UsageMetrics {
    UsageSide view;
    UsageSide download;

    void add(const UsageMetrics& o) { view.add(o.view), download.add(o.download); }
    bool isZero() const { return view.isZero() && download.isZero(); }
    /// The ordering number of lists: view.total_events + download.total_events.
    std::int64_t events() const { return view.events + download.events; }
};

/// Append one member, `"download":{…}` or `"view":{…}`.
void appendDownload(std::string& out, const UsageSide& d);
void appendView(std::string& out, const UsageSide& v);
/// `{"download":{…},"view":{…}}`
void appendTotals(std::string& out, const UsageMetrics& m);
/// `{"download":{…},"id":…,"label":…,"view":{…}}`
void appendItem(std::string& out, const std::string& id, const std::string& label, const UsageMetrics& m);

/// Reads `view`/`download` of an item or totals object (missing numbers are 0).
UsageMetrics readMetrics(const JsonValue& object);

}  // namespace statshost::aggregators::usagestats
