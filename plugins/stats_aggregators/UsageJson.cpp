#include "UsageJson.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace statshost::aggregators::usagestats {

void appendString(std::string& out, const std::string& text) {
    static const char* hex = "0123456789abcdef";
    out += '"';
    const char* run = text.data();  // the start of the pending run of characters written as they are
    const char* const end = run + text.size();
    for (const char* p = run; p != end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(run, p);
        run = p + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 15];
        }
    }
    out.append(run, end);
    out += '"';
}

void appendInt(std::string& out, std::int64_t value) {
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, result.ptr);
}

void appendVolume(std::string& out, std::int64_t bytes) {
    appendInt(out, bytes);
    out += ".0";
}

const JsonValue* JsonValue::find(const std::string& key) const {
    if (type != Type::Object) return nullptr;
    for (const auto& m : members)
        if (m.first == key) return &m.second;
    return nullptr;
}

std::int64_t JsonValue::asInt() const { return type == Type::Number ? std::llround(number) : 0; }

namespace {

struct Hasher {
    std::uint64_t h = 1469598103934665603ULL;
    void byte(unsigned char c) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    void text(const std::string& s) {
        for (unsigned char c : s) byte(c);
        byte(0xFF);  // a terminator no UTF-8 text contains
    }
    void value(const JsonValue& v, const std::vector<std::string>* ignored) {
        byte(static_cast<unsigned char>(v.type));
        switch (v.type) {
            case JsonValue::Type::Null: break;
            case JsonValue::Type::Bool: byte(v.boolean ? 1 : 0); break;
            case JsonValue::Type::Number: {
                // The bits of the double (JSON has no NaN; -0 counts as 0): equal numbers hash alike, and
                // no text formatting per number (fingerprints live only for one run).
                const double number = v.number == 0 ? 0.0 : v.number;
                std::uint64_t bits = 0;
                std::memcpy(&bits, &number, sizeof bits);
                for (int shift = 0; shift < 64; shift += 8) byte(static_cast<unsigned char>(bits >> shift));
                break;
            }
            case JsonValue::Type::String: text(v.text); break;
            case JsonValue::Type::Array:
                for (const auto& item : v.items) value(item, nullptr);
                byte(0xFE);
                break;
            case JsonValue::Type::Object: {
                std::vector<const std::pair<std::string, JsonValue>*> members;
                for (const auto& m : v.members)
                    if (!ignored || std::find(ignored->begin(), ignored->end(), m.first) == ignored->end())
                        members.push_back(&m);
                std::sort(members.begin(), members.end(), [](auto* a, auto* b) { return a->first < b->first; });
                for (auto* m : members) {
                    text(m->first);
                    value(m->second, nullptr);
                }
                byte(0xFD);
                break;
            }
        }
    }
};

}  // namespace

std::uint64_t valueHash(const JsonValue& document, const std::vector<std::string>& ignoredTopLevel) {
    Hasher h;
    h.value(document, &ignoredTopLevel);
    return h.h;
}


}  // namespace statshost::aggregators::usagestats
