#pragma once
/// Appending JSON text for documents built by hand (fast, deterministic key order): strings are
/// escaped per RFC 8259 (quote, backslash and control characters; UTF-8 passes through), byte volumes
/// are written as integers with ".0" like the example documents.
#include <cstdint>
#include <string>

namespace statshost::aggregators::json {

/// Appends `"text"` with escapes.
void appendString(std::string& out, const std::string& text);
/// Appends a decimal integer.
void appendInt(std::string& out, std::int64_t value);
/// Appends a byte count as a JSON number with ".0" (e.g. 75368108.0).
void appendVolume(std::string& out, std::int64_t bytes);
/// Appends `"key":` (the key is escaped).
void appendKey(std::string& out, const std::string& key);

}  // namespace statshost::aggregators::json
