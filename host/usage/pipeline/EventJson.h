#pragma once
/// A streaming reader for the JSON of usage events: flat objects of strings, numbers, booleans and
/// nulls (NDJSON lines, HTTP batch bodies, OpenSearch hits). It validates the whole text as strict
/// JSON (RFC 8259, UTF-8) but builds no DOM: an object becomes a short list of (key, value) views,
/// a nested object or array is validated and kept as its raw text (read again when needed, e.g. an
/// OpenSearch hit's `_source`). Errors name the problem and its byte offset.
///
/// Views point into the parsed text (or, for strings with escapes, into the EventObject), so the
/// text must outlive the EventObject. Not thread-safe per object; independent objects are.
#include <cstddef>
#include <cstdint>
#include <forward_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace statshost::usage {

/// Malformed JSON; what() is "<problem> at byte <offset>".
class JsonSyntaxError : public std::runtime_error {
public:
    JsonSyntaxError(const std::string& problem, std::size_t offset)
        : std::runtime_error(problem + " at byte " + std::to_string(offset)) {}
};

/// Valid JSON, but not an object where one is needed.
class JsonNotObject : public std::runtime_error {
public:
    JsonNotObject() : std::runtime_error("expected a JSON object") {}
};

enum class JsonKind { String, Integer, Number, True, False, Null, Object, Array };

struct JsonField {
    std::string_view key;   ///< unescaped
    JsonKind kind = JsonKind::Null;
    std::string_view text;  ///< String: unescaped value; Integer/Number: the literal; Object/Array: raw JSON
};

/// One JSON object's members in document order.
class EventObject {
public:
    /// The member named `key` (the last one when a key repeats), or nullptr.
    const JsonField* find(std::string_view key) const;
    const std::vector<JsonField>& fields() const { return _fields; }

private:
    friend class JsonScanner;
    std::vector<JsonField> _fields;
    /// Storage of keys/strings that had escapes: stable addresses, nothing allocated while empty (most
    /// events), and a noexcept move, so vectors of objects grow by moving.
    std::forward_list<std::string> _unescaped;
};

/// Parses `text` as exactly one JSON object (surrounding whitespace allowed). Throws JsonSyntaxError for
/// malformed JSON, JsonNotObject for valid JSON of another type.
EventObject parseEventObject(std::string_view text);

/// One item of a request body: an object, or the reason it is none ("malformed JSON: ...",
/// "expected a JSON object").
struct BodyItem {
    EventObject object;
    std::string error;  ///< empty when `object` is valid
};

/// Splits a request body into events: one JSON object, a JSON array (each element one item), or NDJSON
/// (one item per non-blank line; a line's error does not affect the others). Views point into `body`.
std::vector<BodyItem> parseEventBody(std::string_view body);

/// Integer literal → int64; false when out of range.
bool integerValue(std::string_view literal, std::int64_t& out);

}  // namespace statshost::usage
