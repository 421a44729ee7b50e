#pragma once
/// Validated names: index aliases and the SQL identifiers derived from them, days, lock keys.
///
/// An alias is 1..48 characters: lower-case letters and digits in segments joined by single '-' or '_',
/// starting with a letter (e.g. "stats-community-records-delta-added"). Its family table is "idx_" + the alias
/// with '-' mapped to '_'; the relation of one year is "<family>__<YYYY>". Because aliases never contain
/// "__", no alias can produce another alias's year relation.
#include <cstdint>
#include <string>
#include <string_view>

namespace statshost::storage {

/// Throws StorageError when `alias` is not a valid alias.
void checkAlias(const std::string& alias);
/// The family table (SQLite: the alias view; PostgreSQL: the partitioned table) of a valid alias.
std::string familyTable(const std::string& alias);
/// The relation holding one year of a family (SQLite: a table; PostgreSQL: a partition).
std::string yearTable(const std::string& family, int year);

/// True when `day` is exactly YYYY-MM-DD, a real calendar date, year 0001..9999.
bool isValidDay(std::string_view day);
/// The year of a valid day.
int yearOf(std::string_view day);

/// A stable 64-bit key for `name` (FNV-1a), e.g. for PostgreSQL advisory locks.
std::int64_t lockKey(const std::string& name);

}  // namespace statshost::storage
