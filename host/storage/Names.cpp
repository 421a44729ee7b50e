#include "storage/Names.h"

#include <algorithm>

#include "statshost/Errors.h"

namespace statshost::storage {
namespace {

constexpr std::size_t kMaxAliasLength = 48;  // keeps "idx_<alias>__YYYY__cdi" within PostgreSQL's 63 bytes

bool isLowerOrDigit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

int number(std::string_view text, std::size_t at, std::size_t length) {
    int value = 0;
    for (std::size_t i = at; i < at + length; ++i) value = value * 10 + (text[i] - '0');
    return value;
}

}  // namespace

void checkAlias(const std::string& alias) {
    bool ok = !alias.empty() && alias.size() <= kMaxAliasLength && alias[0] >= 'a' && alias[0] <= 'z';
    for (std::size_t i = 0; ok && i < alias.size(); ++i) {
        char c = alias[i];
        if (c == '-' || c == '_')
            ok = i + 1 < alias.size() && isLowerOrDigit(alias[i + 1]);
        else
            ok = isLowerOrDigit(c);
    }
    if (!ok)
        throw StorageError("invalid index alias '" + alias + "': use 1.." + std::to_string(kMaxAliasLength) +
                           " characters a-z, 0-9 in segments joined by single '-' or '_', starting with a letter");
}

std::string familyTable(const std::string& alias) {
    std::string table = "idx_" + alias;
    for (char& c : table)
        if (c == '-') c = '_';
    return table;
}

std::string yearTable(const std::string& family, int year) {
    std::string digits = std::to_string(year);
    return family + "__" + std::string(4 - std::min<std::size_t>(4, digits.size()), '0') + digits;
}

bool isValidDay(std::string_view day) {
    if (day.size() != 10 || day[4] != '-' || day[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!isDigit(day[i])) return false;
    int year = number(day, 0, 4);
    int month = number(day, 5, 2);
    int dayOfMonth = number(day, 8, 2);
    if (year < 1 || month < 1 || month > 12 || dayOfMonth < 1) return false;
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int limit = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
    return dayOfMonth <= limit;
}

int yearOf(std::string_view day) { return number(day, 0, 4); }

std::int64_t lockKey(const std::string& name) {
    std::uint64_t hash = 14695981039346656037ull;
    for (unsigned char c : name) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    return static_cast<std::int64_t>(hash);
}

}  // namespace statshost::storage
