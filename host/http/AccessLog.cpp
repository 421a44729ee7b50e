#include "http/AccessLog.h"

#include <cstdio>

namespace statshost::http {

namespace {

constexpr std::size_t kMaxPathBytes = 1024;

std::string escaped(const std::string& text, std::size_t maxBytes) {
    static const char* const hex = "0123456789ABCDEF";
    std::string out;
    for (std::size_t i = 0; i < text.size() && i < maxBytes; ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c <= 0x20 || c >= 0x7f || c == '"') {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 0xf]);
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    if (text.size() > maxBytes) out += "...";
    return out;
}

}  // namespace

std::string formatAccessLine(const AccessRecord& r) {
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.3fms", r.milliseconds);
    return r.remote + ' ' + escaped(r.method, 32) + ' ' + escaped(r.rawPath, kMaxPathBytes) + ' ' + std::to_string(r.status) +
           ' ' + std::to_string(r.bytes) + ' ' + duration + ' ' + (r.token.empty() ? "-" : r.token);
}

}  // namespace statshost::http
