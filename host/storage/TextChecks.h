#pragma once
/// Cheap validation of document text before it reaches a database (no allocation, one pass).
#include <optional>
#include <string>
#include <string_view>

namespace statshost::storage {

/// Why `text` is not one valid JSON value (RFC 8259) that both backends can store, or nullopt when it is.
/// Besides JSON syntax this rejects what PostgreSQL jsonb cannot hold: invalid UTF-8, "\u0000" and
/// unpaired surrogate escapes. The reason names the byte offset.
std::optional<std::string> jsonProblem(std::string_view text);

/// True when `text` is valid UTF-8 without NUL bytes (storable as text on both backends).
bool isCleanText(std::string_view text);

}  // namespace statshost::storage
