#include "http/UrlCodec.h"

namespace statshost::http {

namespace {

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

bool percentDecode(std::string_view in, std::string& out, bool plusAsSpace) {
    out.clear();
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        char c = in[i];
        if (c == '%') {
            if (i + 2 >= in.size()) return false;
            int hi = hexValue(in[i + 1]);
            int lo = hexValue(in[i + 2]);
            if (hi < 0 || lo < 0) return false;
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else if (c == '+' && plusAsSpace) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return true;
}

bool parseQuery(std::string_view rawQuery, std::multimap<std::string, std::string>& out) {
    std::size_t start = 0;
    while (start <= rawQuery.size()) {
        std::size_t end = rawQuery.find('&', start);
        if (end == std::string_view::npos) end = rawQuery.size();
        std::string_view part = rawQuery.substr(start, end - start);
        if (!part.empty()) {
            std::size_t eq = part.find('=');
            std::string key, value;
            if (!percentDecode(part.substr(0, eq), key, true)) return false;
            if (eq != std::string_view::npos && !percentDecode(part.substr(eq + 1), value, true)) return false;
            out.emplace(std::move(key), std::move(value));
        }
        start = end + 1;
    }
    return true;
}

std::vector<std::string_view> splitPath(std::string_view rawPath) {
    std::vector<std::string_view> segments;
    std::size_t start = rawPath.empty() ? 0 : 1;
    while (true) {
        std::size_t end = rawPath.find('/', start);
        if (end == std::string_view::npos) {
            segments.push_back(rawPath.substr(start));
            return segments;
        }
        segments.push_back(rawPath.substr(start, end - start));
        start = end + 1;
    }
}

}  // namespace statshost::http
