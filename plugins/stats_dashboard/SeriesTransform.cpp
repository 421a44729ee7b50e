#include "SeriesTransform.h"

#include <functional>
#include <unordered_map>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace statshost::dashboard {

namespace {

/// A JSON object node (null when absent or not an object).
using Obj = const rapidjson::Value*;
using Extract = std::function<double(Obj)>;

Obj child(Obj o, const char* key) {
    if (!o || !o->IsObject()) return nullptr;
    auto it = o->FindMember(key);
    return it == o->MemberEnd() || !it->value.IsObject() ? nullptr : &it->value;
}

double num(Obj o, const char* key) {
    if (!o || !o->IsObject()) return 0;
    auto it = o->FindMember(key);
    return it == o->MemberEnd() || !it->value.IsNumber() ? 0 : it->value.GetDouble();
}

double sumOf(Obj o) { return num(o, "metadata_only") + num(o, "with_files"); }
double net(Obj block) { return sumOf(child(block, "added")) - sumOf(child(block, "removed")); }
double netClass(Obj block, const char* cls) {
    return num(child(block, "added"), cls) - num(child(block, "removed"), cls);
}
double netFiles(Obj o, const char* m) {
    return num(child(child(o, "files"), "added"), m) - num(child(child(o, "files"), "removed"), m);
}

struct Metric {
    std::string key;
    bool filesize = false;
    Extract global;  ///< value of the `global` series from a document
    Extract item;    ///< value of a subcount item's series from the item
};

std::vector<Metric> recordDeltaMetrics() {
    return {
        {"records", false, [](Obj d) { return net(child(d, "records")); },
         [](Obj i) { return net(child(i, "records")); }},
        {"parents", false, [](Obj d) { return net(child(d, "parents")); },
         [](Obj i) { return net(child(i, "parents")); }},
        {"uploaders", false, [](Obj d) { return num(d, "uploaders"); }, nullptr},
        {"fileCount", false, [](Obj d) { return netFiles(d, "file_count"); },
         [](Obj i) { return netFiles(i, "file_count"); }},
        {"dataVolume", true, [](Obj d) { return netFiles(d, "data_volume"); },
         [](Obj i) { return netFiles(i, "data_volume"); }},
    };
}

std::vector<Metric> recordSnapshotMetrics() {
    return {
        {"records", false, [](Obj d) { return sumOf(child(d, "total_records")); },
         [](Obj i) { return sumOf(child(i, "records")); }},
        {"parents", false, [](Obj d) { return sumOf(child(d, "total_parents")); },
         [](Obj i) { return sumOf(child(i, "parents")); }},
        {"uploaders", false, [](Obj d) { return num(d, "total_uploaders"); }, nullptr},
        {"fileCount", false, [](Obj d) { return num(child(d, "total_files"), "file_count"); },
         [](Obj i) { return num(child(i, "files"), "file_count"); }},
        {"dataVolume", true, [](Obj d) { return num(child(d, "total_files"), "data_volume"); },
         [](Obj i) { return num(child(i, "files"), "data_volume"); }},
    };
}

std::vector<Metric> usageMetrics() {
    auto m = [](std::string key, bool filesize, const char* side, const char* field) {
        Extract item = [side, field](Obj i) { return num(child(i, side), field); };
        Extract global = [item](Obj d) { return item(child(d, "totals")); };
        return Metric{std::move(key), filesize, global, item};
    };
    return {
        m("dataVolume", true, "download", "total_volume"),
        m("downloads", false, "download", "total_events"),
        m("views", false, "view", "total_events"),
        m("downloadVisitors", false, "download", "unique_visitors"),
        m("viewVisitors", false, "view", "unique_visitors"),
        m("downloadUniqueFiles", false, "download", "unique_files"),
        m("downloadUniqueParents", false, "download", "unique_parents"),
        m("downloadUniqueRecords", false, "download", "unique_records"),
        m("viewUniqueParents", false, "view", "unique_parents"),
        m("viewUniqueRecords", false, "view", "unique_records"),
    };
}

const std::vector<Metric>& metricsOf(Family family) {
    static const std::vector<Metric> recordDelta = recordDeltaMetrics();
    static const std::vector<Metric> recordSnapshot = recordSnapshotMetrics();
    static const std::vector<Metric> usage = usageMetrics();
    switch (family) {
        case Family::RecordDelta: return recordDelta;
        case Family::RecordSnapshot: return recordSnapshot;
        default: return usage;
    }
}

std::string stringMember(Obj o, const char* key) {
    if (!o || !o->IsObject()) return "";
    auto it = o->FindMember(key);
    if (it == o->MemberEnd()) return "";
    if (it->value.IsString()) return std::string(it->value.GetString(), it->value.GetStringLength());
    if (it->value.IsInt64()) return std::to_string(it->value.GetInt64());
    return "";
}

std::string docDate(Family family, Obj doc) {
    return stringMember(doc, isSnapshot(family) ? "snapshot_date" : "period_start").substr(0, 10);
}

std::string nameJson(Obj item, const std::string& id) {
    auto it = item->FindMember("label");
    if (it == item->MemberEnd() || it->value.IsNull()) return jsonQuote(id);
    if (it->value.IsString()) return jsonQuote(std::string(it->value.GetString(), it->value.GetStringLength()));
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    it->value.Accept(writer);
    return std::string(buffer.GetString(), buffer.GetSize());
}

/// The items of `source` in `doc`: the plain list, or the by_view / by_download list of a split one.
const rapidjson::Value* itemsOf(Obj doc, const SubcountSource& source) {
    Obj subcounts = child(doc, "subcounts");
    if (!subcounts) return nullptr;
    auto it = subcounts->FindMember(source.docKey.c_str());
    if (it == subcounts->MemberEnd()) return nullptr;
    if (it->value.IsArray()) return &it->value;
    if (!it->value.IsObject()) return nullptr;
    auto split = it->value.FindMember(source.pick == SubcountSource::Pick::ByDownload ? "by_download" : "by_view");
    return split == it->value.MemberEnd() || !split->value.IsArray() ? nullptr : &split->value;
}

DataSeries newSeries(std::string id, std::string name, const char* type, bool filesize) {
    return DataSeries{std::move(id), std::move(name), type, filesize ? "filesize" : "number", {}};
}

bool wanted(const std::string& filter, const std::string& key) { return filter.empty() || filter == key; }

/// One subcount's series under construction: items in first-seen order, one series per metric each.
class SubcountBuilder {
public:
    SubcountBuilder(const SubcountSource& source, const std::vector<const Metric*>& metrics)
        : _source(source), _metrics(metrics), _series(metrics.size()) {}

    void add(Obj doc, const std::string& date) {
        const rapidjson::Value* items = itemsOf(doc, _source);
        if (!items) return;
        for (const auto& element : items->GetArray()) {
            if (!element.IsObject()) continue;
            Obj item = &element;
            const std::string id = stringMember(item, "id");
            auto [it, fresh] = _index.emplace(id, _index.size());
            if (fresh)
                for (std::size_t m = 0; m < _metrics.size(); ++m)
                    _series[m].push_back(newSeries(id, nameJson(item, id), "line", _metrics[m]->filesize));
            for (std::size_t m = 0; m < _metrics.size(); ++m)
                _series[m][it->second].data.push_back({date, _metrics[m]->item(item)});
        }
    }

    SubcountSeries finish() {
        SubcountSeries out{_source.key, {}};
        for (std::size_t m = 0; m < _metrics.size(); ++m) out.metrics.emplace_back(_metrics[m]->key, std::move(_series[m]));
        return out;
    }

private:
    const SubcountSource& _source;
    std::vector<const Metric*> _metrics;
    std::unordered_map<std::string, std::size_t> _index;
    std::vector<MetricSeries> _series;  // [metric][item]
};

SubcountSeries filePresence(Family family, const std::vector<rapidjson::Document>& docs,
                            const std::vector<const Metric*>& metrics) {
    const bool snapshot = isSnapshot(family);
    SubcountSeries out{"filePresence", {}};
    for (const Metric* metric : metrics) {
        DataSeries metadataOnly = newSeries("metadata_only", jsonQuote("Metadata Only"), "line", metric->filesize);
        DataSeries withFiles = newSeries("with_files", jsonQuote("With Files"), "line", metric->filesize);
        const bool classCounted = metric->key == "records" || metric->key == "parents";
        const std::string block = snapshot ? "total_" + metric->key : metric->key;
        for (const auto& d : docs) {
            Obj doc = &d;
            const std::string date = docDate(family, doc);
            if (classCounted) {
                Obj counts = child(doc, block.c_str());
                metadataOnly.data.push_back({date, snapshot ? num(counts, "metadata_only") : netClass(counts, "metadata_only")});
                withFiles.data.push_back({date, snapshot ? num(counts, "with_files") : netClass(counts, "with_files")});
            } else {
                metadataOnly.data.push_back({date, 0});
                withFiles.data.push_back({date, metric->global(doc)});
            }
        }
        out.metrics.emplace_back(metric->key, MetricSeries{std::move(metadataOnly), std::move(withFiles)});
    }
    return out;
}

}  // namespace

bool isSnapshot(Family family) { return family == Family::RecordSnapshot || family == Family::UsageSnapshot; }
bool isRecordFamily(Family family) { return family == Family::RecordDelta || family == Family::RecordSnapshot; }

std::vector<SubcountSource> subcountLayout(Family family, const AggregationSettings& settings) {
    std::vector<SubcountSource> out;
    const bool snapshot = isSnapshot(family);
    for (const auto& spec : isRecordFamily(family) ? settings.recordSubcounts : settings.usageSubcounts) {
        const std::string docKey = snapshot ? spec.snapshotKey : spec.deltaKey;
        if (family == Family::UsageSnapshot && spec.top) {
            out.push_back({camelCase(spec.name + "_by_view"), docKey, SubcountSource::Pick::ByView});
            out.push_back({camelCase(spec.name + "_by_download"), docKey, SubcountSource::Pick::ByDownload});
        } else {
            out.push_back({camelCase(spec.name), docKey, SubcountSource::Pick::Plain});
        }
    }
    return out;
}

const std::vector<std::string>& metricKeys(Family family, bool global) {
    auto keys = [](Family f, bool g) {
        std::vector<std::string> out;
        for (const auto& m : metricsOf(f))
            if (g || m.item) out.push_back(m.key);
        return out;
    };
    static const std::vector<std::string> table[4][2] = {
        {keys(Family::RecordDelta, false), keys(Family::RecordDelta, true)},
        {keys(Family::RecordSnapshot, false), keys(Family::RecordSnapshot, true)},
        {keys(Family::UsageDelta, false), keys(Family::UsageDelta, true)},
        {keys(Family::UsageSnapshot, false), keys(Family::UsageSnapshot, true)},
    };
    return table[static_cast<int>(family)][global ? 1 : 0];
}

Category buildCategory(Family family, const std::vector<rapidjson::Document>& docs,
                       const std::vector<SubcountSource>& layout, const SeriesFilter& filter) {
    std::vector<const Metric*> globalMetrics, itemMetrics;
    for (const Metric& m : metricsOf(family)) {
        if (!wanted(filter.metric, m.key)) continue;
        globalMetrics.push_back(&m);
        if (m.item) itemMetrics.push_back(&m);
    }
    Category out;
    if (wanted(filter.subcount, "global")) {
        SubcountSeries global{"global", {}};
        for (const Metric* m : globalMetrics) {
            MetricSeries list;
            if (!docs.empty()) {
                list.push_back(newSeries("global", jsonQuote("Global"), "bar", m->filesize));
                for (const auto& doc : docs) list.back().data.push_back({docDate(family, &doc), m->global(&doc)});
            }
            global.metrics.emplace_back(m->key, std::move(list));
        }
        out.subcounts.push_back(std::move(global));
    }
    std::vector<SubcountBuilder> builders;
    for (const auto& source : layout)
        if (wanted(filter.subcount, source.key)) builders.emplace_back(source, itemMetrics);
    for (const auto& doc : docs) {
        const std::string date = docDate(family, &doc);
        for (auto& b : builders) b.add(&doc, date);
    }
    for (auto& b : builders) out.subcounts.push_back(b.finish());
    if (isRecordFamily(family) && wanted(filter.subcount, "filePresence"))
        out.subcounts.push_back(filePresence(family, docs, itemMetrics));
    return out;
}

}  // namespace statshost::dashboard
