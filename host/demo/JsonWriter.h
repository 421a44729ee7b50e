#pragma once
/// A minimal streaming JSON writer that appends compact JSON to a std::string. No DOM: the caller
/// emits keys and values in order and the writer places commas and colons and escapes strings.
/// Strings are taken as UTF-8 and passed through; `"`, `\` and control characters are escaped.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace statshost::demo {

/// Appends `s` as a quoted, escaped JSON string.
void appendJsonString(std::string& out, std::string_view s);

class JsonWriter {
public:
    explicit JsonWriter(std::string& out) : _out(out) {}

    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    /// Writes the key of the next member (inside an object).
    JsonWriter& key(std::string_view k);

    JsonWriter& str(std::string_view v);
    JsonWriter& num(std::int64_t v);
    JsonWriter& unum(std::uint64_t v);
    JsonWriter& boolean(bool v);
    JsonWriter& null();

    // Shorthands for one object member.
    JsonWriter& field(std::string_view k, std::string_view v) { return key(k).str(v); }
    JsonWriter& field(std::string_view k, const char* v) { return key(k).str(v); }
    JsonWriter& fieldNum(std::string_view k, std::int64_t v) { return key(k).num(v); }
    JsonWriter& fieldBool(std::string_view k, bool v) { return key(k).boolean(v); }

    /// True when every object and array opened has been closed.
    bool complete() const { return _depth == 0; }

private:
    void beforeValue();
    std::string& _out;
    // Per open container: whether it already holds a member. Fixed depth keeps the hot path cheap.
    static constexpr int kMaxDepth = 32;
    bool _hasMember[kMaxDepth] = {};
    int _depth = 0;
    bool _afterKey = false;
};

}  // namespace statshost::demo
