#pragma once
/// ISO 3166-1 country codes and English labels from Debian's `iso-codes`
/// (`/usr/share/iso-codes/json/iso_3166-1.json`), SEMANTICS.md §9.7 and §10.10.
#include <cstddef>
#include <string>
#include <unordered_map>

namespace statshost::usage {

class CountryNames {
public:
    /// Loads the iso-codes JSON (`{"3166-1": [{"alpha_2", "name", "common_name"?, …}, …]}`).
    /// Throws statshost::ConfigError naming `path` when it is unreadable, not that shape, or empty.
    static CountryNames fromFile(const std::string& path);
    /// Parses the same JSON from text (`source` names it in errors).
    static CountryNames fromJson(const std::string& text, const std::string& source);

    /// True when `code` is exactly an upper-case alpha-2 code of the table ("US"; not "us", " US").
    bool valid(const std::string& code) const;
    /// The label of a code: its `common_name` when present, else its `name`
    /// (US → "United States", TW → "Taiwan", BO → "Bolivia", GB → "United Kingdom").
    /// The code is normalised first; an unknown code is returned unchanged (labels fall back to the id).
    std::string label(const std::string& code) const;
    /// The country id of a raw value: trimmed and upper-cased; "" (no country) when the result is
    /// not a code of the table (" de " → "DE", "XX" → "", "??" → "", "" → "").
    std::string normalise(const std::string& raw) const;

    /// Number of codes in the table.
    std::size_t size() const { return _labels.size(); }

private:
    std::unordered_map<std::string, std::string> _labels;  // alpha_2 → label
};

}  // namespace statshost::usage
