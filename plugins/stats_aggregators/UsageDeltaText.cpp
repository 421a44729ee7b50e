#include "UsageDeltaText.h"

#include <iterator>

namespace statshost::aggregators::usagestats {

namespace {

/// Calls member(name) for each member of the object at the cursor (after its '{' was seen by peek()),
/// which must consume the member's value.
template <class Member>
void forEachMember(JsonCursor& c, std::string& scratch, Member&& member) {
    c.expect('{');
    if (c.consume('}')) return;
    do member(c.memberName(scratch));
    while (c.consume(','));
    c.expect('}');
}

bool isNumberStart(char c) { return c != '{' && c != '[' && c != '"' && c != 't' && c != 'f' && c != 'n'; }

}  // namespace

UsageDeltaTextReader::Span UsageDeltaTextReader::keep(std::string_view decoded) {
    // JsonCursor::string returns either _scratch (escapes decoded) or a view into the text.
    if (decoded.data() != _scratch.data())
        return Span{false, static_cast<std::size_t>(decoded.data() - _text.data()), decoded.size()};
    Span span{true, _decoded.size(), decoded.size()};
    _decoded.append(decoded);
    return span;
}

void UsageDeltaTextReader::read(std::string_view text, const std::vector<std::string>& listKeys) {
    _text = text;
    _decoded.clear();
    _totals = UsageMetrics{};
    _items.clear();
    JsonCursor c(text);
    try {
        document(c, listKeys);
        c.expectEnd();
    } catch (...) {
        _totals = UsageMetrics{};
        _items.clear();
        throw;
    }
}

void UsageDeltaTextReader::document(JsonCursor& c, const std::vector<std::string>& listKeys) {
    if (c.peek() != '{') return c.skipValue(0);
    bool seenTotals = false, seenSubcounts = false;
    forEachMember(c, _scratch, [&](std::string_view name) {
        if (name == "totals" && !seenTotals) {
            seenTotals = true;
            _totals = metrics(c, 1);
        } else if (name == "subcounts" && !seenSubcounts) {
            seenSubcounts = true;
            subcounts(c, listKeys);
        } else {
            c.skipValue(1);
        }
    });
}

void UsageDeltaTextReader::subcounts(JsonCursor& c, const std::vector<std::string>& listKeys) {
    if (c.peek() != '{') return c.skipValue(1);
    forEachMember(c, _scratch, [&](std::string_view name) {
        for (std::uint32_t k = 0; k < listKeys.size(); ++k)
            if (listKeys[k] == name) return list(c, k);
        c.skipValue(2);
    });
}

void UsageDeltaTextReader::list(JsonCursor& c, std::uint32_t index) {
    if (c.peek() != '[') return c.skipValue(2);
    c.expect('[');
    if (c.consume(']')) return;
    do item(c, index);
    while (c.consume(','));
    c.expect(']');
}

void UsageDeltaTextReader::item(JsonCursor& c, std::uint32_t index) {
    if (c.peek() != '{') return c.skipValue(3);
    Item item;
    item.list = index;
    bool seenId = false, idIsString = false, seenLabel = false, seenView = false, seenDownload = false;
    forEachMember(c, _scratch, [&](std::string_view name) {
        if (name == "id" && !seenId) {
            seenId = true;
            idIsString = c.peek() == '"';
            if (idIsString) item.id = keep(c.string(_scratch));
            else c.skipValue(4);
        } else if (name == "label" && !seenLabel) {
            seenLabel = true;
            if (c.peek() == '"') item.label = keep(c.string(_scratch));
            else c.skipValue(4);
        } else if (name == "view" && !seenView) {
            seenView = true;
            item.metrics.view = side(c, 4);
        } else if (name == "download" && !seenDownload) {
            seenDownload = true;
            item.metrics.download = side(c, 4);
        } else {
            c.skipValue(4);
        }
    });
    item.metrics.view.files = item.metrics.view.volume = 0;
    if (idIsString) _items.push_back(item);
}

UsageMetrics UsageDeltaTextReader::metrics(JsonCursor& c, int depth) {
    UsageMetrics m;
    if (c.peek() != '{') {
        c.skipValue(depth);
        return m;
    }
    bool seenView = false, seenDownload = false;
    forEachMember(c, _scratch, [&](std::string_view name) {
        if (name == "view" && !seenView) {
            seenView = true;
            m.view = side(c, depth + 1);
        } else if (name == "download" && !seenDownload) {
            seenDownload = true;
            m.download = side(c, depth + 1);
        } else {
            c.skipValue(depth + 1);
        }
    });
    m.view.files = m.view.volume = 0;
    return m;
}

UsageSide UsageDeltaTextReader::side(JsonCursor& c, int depth) {
    UsageSide s;
    if (c.peek() != '{') {
        c.skipValue(depth);
        return s;
    }
    struct Field {
        std::string_view name;
        std::int64_t UsageSide::*number;
    };
    static constexpr Field kFields[] = {{"total_events", &UsageSide::events},    {"total_volume", &UsageSide::volume},
                                        {"unique_files", &UsageSide::files},     {"unique_parents", &UsageSide::parents},
                                        {"unique_records", &UsageSide::records}, {"unique_visitors", &UsageSide::visitors}};
    unsigned seen = 0;  // bit k: kFields[k] met
    forEachMember(c, _scratch, [&](std::string_view name) {
        for (unsigned k = 0; k < std::size(kFields); ++k)
            if (name == kFields[k].name) {
                if (seen & (1u << k)) break;
                seen |= 1u << k;
                if (isNumberStart(c.peek())) s.*kFields[k].number = c.integer();
                else c.skipValue(depth + 1);
                return;
            }
        c.skipValue(depth + 1);
    });
    return s;
}

}  // namespace statshost::aggregators::usagestats
