#pragma once
/// Read-only helpers over Poco JSON values shared by the record model and the facet extractors:
/// type tests that accept both the pointer and the value forms Poco stores, scalar-to-id text
/// (trimmed, numbers as decimal integers), and dot-path collection with automatic list traversal.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

namespace statshost::records {

/// `text` without leading and trailing white space (space, tab, CR, LF, VT, FF).
std::string trim(std::string_view text);

/// The object held by `value`, or null when it holds anything else.
Poco::JSON::Object::Ptr asObject(const Poco::Dynamic::Var& value);
/// The array held by `value`, or null when it holds anything else.
Poco::JSON::Array::Ptr asArray(const Poco::Dynamic::Var& value);

/// True for JSON null and for an absent value.
bool isNull(const Poco::Dynamic::Var& value);
bool isString(const Poco::Dynamic::Var& value);
/// True for integral JSON numbers (not booleans, not fractions).
bool isInteger(const Poco::Dynamic::Var& value);

/// The value as id text: a string trimmed, an integer in decimal; nullopt for anything else and
/// for a string that is empty after trimming (SEMANTICS §10.10).
std::optional<std::string> idText(const Poco::Dynamic::Var& value);

/// A parsed dot path: `a.b.c` → {"a","b","c"}; `.` → {} (the value itself). Segments may contain
/// any character except `.` (e.g. `custom_fields.journal:journal.title`).
std::vector<std::string> splitPath(const std::string& path);
/// True when `path` is `.` or non-empty segments joined by single dots.
bool isValidPath(const std::string& path);

/// Every value reached from `root` by following `segments`; whenever a list is met (also at the
/// end) each element is followed instead, so `metadata.creators.affiliations` yields every
/// affiliation of every creator. Missing keys and nulls yield nothing.
std::vector<Poco::Dynamic::Var> collect(const Poco::Dynamic::Var& root, const std::vector<std::string>& segments);

}  // namespace statshost::records
