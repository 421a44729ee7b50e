#include "storage/SqlSupport.h"

#include <cctype>
#include <charconv>
#include <cstdlib>

#include "statshost/Errors.h"

namespace statshost::storage {

std::string sqlHead(const std::string& sql) {
    const std::size_t limit = 160;
    std::string out;
    bool space = false;
    for (char c : sql) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
        if (out.size() >= limit) return out + "...";
    }
    return out;
}

std::string insertSql(const std::string& table, const std::vector<std::string>& columns) {
    std::string names, values;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        names += (i ? ", " : "") + columns[i];
        values += (i ? ", $" : "$") + std::to_string(i + 1);
    }
    return "INSERT INTO " + table + " (" + names + ") VALUES (" + values + ")";
}

std::int64_t parseIntColumn(const char* text, std::size_t length, std::size_t column) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(text, text + length, value);
    if (ec != std::errc() || end != text + length || length == 0)
        throw StorageError("column " + std::to_string(column) + " value '" + std::string(text, length) +
                           "' is not an integer");
    return value;
}

double parseDoubleColumn(const char* text, std::size_t length, std::size_t column) {
    std::string copy(text, length);
    char* end = nullptr;
    double value = std::strtod(copy.c_str(), &end);
    if (copy.empty() || end != copy.c_str() + copy.size())
        throw StorageError("column " + std::to_string(column) + " value '" + copy + "' is not a number");
    return value;
}

void throwNullColumn(std::size_t column) {
    throw StorageError("column " + std::to_string(column) + " is NULL");
}

void throwNoColumn(std::size_t column, std::size_t size) {
    throw StorageError("column " + std::to_string(column) + " does not exist (the row has " + std::to_string(size) +
                       " columns)");
}

}  // namespace statshost::storage
