#include "JsonText.h"

#include <charconv>

namespace statshost::aggregators::json {

void appendString(std::string& out, const std::string& text) {
    static const char* hex = "0123456789abcdef";
    out += '"';
    std::size_t plain = 0;  // start of the run of characters that need no escape
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(text, plain, i - plain);
        plain = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 15];
        }
    }
    out.append(text, plain, std::string::npos);
    out += '"';
}

void appendInt(std::string& out, std::int64_t value) {
    char buf[24];
    const auto end = std::to_chars(buf, buf + sizeof buf, value).ptr;
    out.append(buf, static_cast<std::size_t>(end - buf));
}

void appendVolume(std::string& out, std::int64_t bytes) {
    appendInt(out, bytes);
    out += ".0";
}

void appendKey(std::string& out, const std::string& key) {
    appendString(out, key);
    out += ':';
}

}  // namespace statshost::aggregators::json
