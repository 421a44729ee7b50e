#pragma once
/// The JSON the usage families read and write, without a general-purpose library in the hot path:
/// - writing: appendString() escapes `"`, `\` and control characters (UTF-8 is kept as is);
///   appendVolume() writes a byte count as a JSON float (`123.0`, the seed's form);
/// - reading: parseJson() builds a small tree (objects keep member order) from any valid JSON text,
///   e.g. a body PostgreSQL's jsonb has re-formatted (grammar: UsageDeltaTextCursor.h, shared with the
///   tree-less readers of UsageDeltaText.h); valueHash() fingerprints a tree by value,
///   leaving out top-level members that are only stamps (`timestamp`).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace statshost::aggregators::usagestats {

void appendString(std::string& out, const std::string& text);
void appendInt(std::string& out, std::int64_t value);
void appendVolume(std::string& out, std::int64_t bytes);

struct JsonValue {
    enum class Type { Null, Bool, Number, String, Array, Object };
    Type type = Type::Null;
    bool boolean = false;
    double number = 0;
    std::string text;                                      ///< String
    std::vector<JsonValue> items;                          ///< Array
    std::vector<std::pair<std::string, JsonValue>> members;  ///< Object, in document order

    /// The member `key` of an object, or nullptr (also for non-objects).
    const JsonValue* find(const std::string& key) const;
    /// A number as an integer (rounded), 0 for anything else.
    std::int64_t asInt() const;
};

/// Parses a JSON text; throws std::runtime_error naming the offset of the first error.
JsonValue parseJson(const std::string& text);

/// A 64-bit hash of the tree's value (objects regardless of member order, numbers by value), leaving
/// out the top-level members named in `ignoredTopLevel`: equal documents hash equal.
std::uint64_t valueHash(const JsonValue& document, const std::vector<std::string>& ignoredTopLevel);

}  // namespace statshost::aggregators::usagestats
