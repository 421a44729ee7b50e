#include "UsageSnapshotRender.h"

namespace statshost::aggregators::usagestats {
namespace {

constexpr const char* kPrefix = "{\"render\":";

/// The end (one past) of the JSON object starting at `begin` in `text`, or npos.
std::size_t objectEnd(const std::string& text, std::size_t begin) {
    int depth = 0;
    bool inString = false;
    for (std::size_t i = begin; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\') ++i;
            else if (c == '"') inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0) return i + 1;
        }
    }
    return std::string::npos;
}

}  // namespace

const std::string& UsageSnapshotRender::stampFor(const std::string& day) const {
    static const std::string none;
    if (stamps.empty()) return none;
    const std::string* found = &stamps.front().second;
    for (const auto& [first, stamp] : stamps)
        if (first <= day) found = &stamp;
    return *found;
}

std::string UsageSnapshotRender::member() const {
    std::string out = "\"render\":{\"lists\":[";
    for (std::size_t i = 0; i < lists.size(); ++i) {
        out += i ? ",[" : "[";
        appendString(out, lists[i].deltaKey);
        out += ',';
        appendString(out, lists[i].snapshotKey);
        out += lists[i].top ? ",true]" : ",false]";
    }
    out += "],\"stamps\":[";
    for (std::size_t i = 0; i < stamps.size(); ++i) {
        out += i ? ",[" : "[";
        appendString(out, stamps[i].first);
        out += ',';
        appendString(out, stamps[i].second);
        out += ']';
    }
    out += "],\"top_limit\":";
    appendInt(out, topLimit);
    out += '}';
    return out;
}

UsageSnapshotRender UsageSnapshotRender::fromJson(const JsonValue& render) {
    UsageSnapshotRender r;
    if (const JsonValue* lists = render.find("lists"))
        for (const JsonValue& list : lists->items) {
            if (list.items.size() != 3) continue;
            SubcountSpec spec;
            spec.deltaKey = list.items[0].text;
            spec.snapshotKey = list.items[1].text;
            spec.name = spec.snapshotKey;
            spec.top = list.items[2].type == JsonValue::Type::Bool && list.items[2].boolean;
            r.lists.push_back(std::move(spec));
        }
    if (const JsonValue* stamps = render.find("stamps"))
        for (const JsonValue& stamp : stamps->items)
            if (stamp.items.size() == 2) r.stamps.emplace_back(stamp.items[0].text, stamp.items[1].text);
    if (const JsonValue* limit = render.find("top_limit")) r.topLimit = limit->asInt();
    return r;
}

std::optional<UsageSnapshotRender> UsageSnapshotRender::ofState(const std::string& stateBody) {
    const std::string prefix = kPrefix;
    if (stateBody.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
    const std::size_t end = objectEnd(stateBody, prefix.size());
    if (end == std::string::npos) return std::nullopt;
    return fromJson(parseJson(stateBody.substr(prefix.size(), end - prefix.size())));
}

}  // namespace statshost::aggregators::usagestats
