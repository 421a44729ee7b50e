#include "demo/JsonWriter.h"

#include <stdexcept>

namespace statshost::demo {

void appendJsonString(std::string& out, std::string_view s) {
    static const char kHex[] = "0123456789abcdef";
    out.push_back('"');
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s.data() + start, i - start);
        start = i + 1;
        switch (c) {
            case '"': out.append("\\\""); break;
            case '\\': out.append("\\\\"); break;
            case '\n': out.append("\\n"); break;
            case '\r': out.append("\\r"); break;
            case '\t': out.append("\\t"); break;
            case '\b': out.append("\\b"); break;
            case '\f': out.append("\\f"); break;
            default: {
                const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
                out.append(esc, 6);
            }
        }
    }
    out.append(s.data() + start, s.size() - start);
    out.push_back('"');
}

void JsonWriter::beforeValue() {
    if (_afterKey) {
        _afterKey = false;
        return;
    }
    if (_depth > 0) {
        if (_hasMember[_depth - 1]) _out.push_back(',');
        _hasMember[_depth - 1] = true;
    }
}

JsonWriter& JsonWriter::beginObject() {
    beforeValue();
    if (_depth == kMaxDepth) throw std::logic_error("JsonWriter: nesting too deep");
    _hasMember[_depth++] = false;
    _out.push_back('{');
    return *this;
}

JsonWriter& JsonWriter::endObject() {
    --_depth;
    _out.push_back('}');
    return *this;
}

JsonWriter& JsonWriter::beginArray() {
    beforeValue();
    if (_depth == kMaxDepth) throw std::logic_error("JsonWriter: nesting too deep");
    _hasMember[_depth++] = false;
    _out.push_back('[');
    return *this;
}

JsonWriter& JsonWriter::endArray() {
    --_depth;
    _out.push_back(']');
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
    if (_depth > 0) {
        if (_hasMember[_depth - 1]) _out.push_back(',');
        _hasMember[_depth - 1] = true;
    }
    appendJsonString(_out, k);
    _out.push_back(':');
    _afterKey = true;
    return *this;
}

JsonWriter& JsonWriter::str(std::string_view v) {
    beforeValue();
    appendJsonString(_out, v);
    return *this;
}

JsonWriter& JsonWriter::num(std::int64_t v) {
    beforeValue();
    char buf[24];
    char* p = buf + sizeof buf;
    const bool negative = v < 0;
    std::uint64_t u = negative ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    do {
        *--p = static_cast<char>('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (negative) *--p = '-';
    _out.append(p, static_cast<std::size_t>(buf + sizeof buf - p));
    return *this;
}

JsonWriter& JsonWriter::unum(std::uint64_t v) {
    beforeValue();
    char buf[24];
    char* p = buf + sizeof buf;
    do {
        *--p = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v != 0);
    _out.append(p, static_cast<std::size_t>(buf + sizeof buf - p));
    return *this;
}

JsonWriter& JsonWriter::boolean(bool v) {
    beforeValue();
    _out.append(v ? "true" : "false");
    return *this;
}

JsonWriter& JsonWriter::null() {
    beforeValue();
    _out.append("null");
    return *this;
}

}  // namespace statshost::demo
