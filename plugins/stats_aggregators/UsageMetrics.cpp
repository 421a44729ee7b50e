#include "UsageMetrics.h"

namespace statshost::aggregators::usagestats {

namespace {

/// Appends `"key":value` after a literal prefix such as `,"key":` (its length known at compile time).
template <std::size_t N>
void member(std::string& out, const char (&prefix)[N], std::int64_t value) {
    out.append(prefix, N - 1);
    appendInt(out, value);
}

std::int64_t number(const JsonValue* side, const char* key) {
    if (!side) return 0;
    const JsonValue* v = side->find(key);
    return v ? v->asInt() : 0;
}

UsageSide readSide(const JsonValue* side) {
    UsageSide s;
    s.events = number(side, "total_events");
    s.visitors = number(side, "unique_visitors");
    s.records = number(side, "unique_records");
    s.parents = number(side, "unique_parents");
    s.files = number(side, "unique_files");
    s.volume = number(side, "total_volume");
    return s;
}

}  // namespace

void appendDownload(std::string& out, const UsageSide& d) {
    member(out, "\"download\":{\"total_events\":", d.events);
    out += ",\"total_volume\":";
    appendVolume(out, d.volume);
    member(out, ",\"unique_files\":", d.files);
    member(out, ",\"unique_parents\":", d.parents);
    member(out, ",\"unique_records\":", d.records);
    member(out, ",\"unique_visitors\":", d.visitors);
    out += '}';
}

void appendView(std::string& out, const UsageSide& v) {
    member(out, "\"view\":{\"total_events\":", v.events);
    member(out, ",\"unique_parents\":", v.parents);
    member(out, ",\"unique_records\":", v.records);
    member(out, ",\"unique_visitors\":", v.visitors);
    out += '}';
}

void appendTotals(std::string& out, const UsageMetrics& m) {
    out += '{';
    appendDownload(out, m.download);
    out += ',';
    appendView(out, m.view);
    out += '}';
}

void appendItem(std::string& out, const std::string& id, const std::string& label, const UsageMetrics& m) {
    out += '{';
    appendDownload(out, m.download);
    out += ",\"id\":";
    appendString(out, id);
    out += ",\"label\":";
    appendString(out, label);
    out += ',';
    appendView(out, m.view);
    out += '}';
}

UsageMetrics readMetrics(const JsonValue& object) {
    UsageMetrics m;
    m.view = readSide(object.find("view"));
    m.download = readSide(object.find("download"));
    m.view.files = m.view.volume = 0;
    return m;
}

}  // namespace statshost::aggregators::usagestats
