#pragma once
/// Helpers shared by the SQLite and PostgreSQL connection code. Internal to storage/.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace statshost::storage {

/// The start of `sql` with whitespace runs collapsed, for error messages (SQL holds no values).
std::string sqlHead(const std::string& sql);

/// "INSERT INTO table (a, b) VALUES ($1, $2)" for copyIn's row-by-row fallback.
std::string insertSql(const std::string& table, const std::vector<std::string>& columns);

/// Strict conversions of a text column value; throw StorageError naming the column.
std::int64_t parseIntColumn(const char* text, std::size_t length, std::size_t column);
double parseDoubleColumn(const char* text, std::size_t length, std::size_t column);
[[noreturn]] void throwNullColumn(std::size_t column);
[[noreturn]] void throwNoColumn(std::size_t column, std::size_t size);

}  // namespace statshost::storage
