#pragma once
/// The value of each hex digit byte ('0'-'9', 'a'-'f', 'A'-'F'); kNotHex for every other byte.
/// Internal to storage/ (bytea hex text, JSON \u escapes).
#include <array>

namespace statshost::storage {

constexpr unsigned char kNotHex = 0xFF;

constexpr std::array<unsigned char, 256> kHexDigitValue = [] {
    std::array<unsigned char, 256> table{};
    for (int c = 0; c < 256; ++c)
        table[c] = static_cast<unsigned char>(c >= '0' && c <= '9'   ? c - '0'
                                              : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                                     : kNotHex);
    return table;
}();

}  // namespace statshost::storage
