#pragma once
/// Percent-decoding of request targets. Pure functions, no state: safe from any thread.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace statshost::http {

/// Decodes `%XX` escapes of `in` into `out` (replacing its contents). With `plusAsSpace` a '+'
/// becomes ' ' (form/query encoding); in paths '+' stays. Returns false when a '%' is not
/// followed by two hex digits; `out` is then unspecified.
bool percentDecode(std::string_view in, std::string& out, bool plusAsSpace);

/// Parses a raw query string ("a=1&b=x+y&c") into decoded key/value pairs, keeping repeats.
/// A part without '=' maps to "". Empty parts are skipped. Returns false on a malformed escape.
bool parseQuery(std::string_view rawQuery, std::multimap<std::string, std::string>& out);

/// Splits a raw path that starts with '/' into its segments, undecoded:
/// "/" → {""}, "/a/b" → {"a","b"}, "/a/" → {"a",""}. The views point into `rawPath`.
std::vector<std::string_view> splitPath(std::string_view rawPath);

}  // namespace statshost::http
