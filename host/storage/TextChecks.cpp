#include "storage/TextChecks.h"

#include <array>
#include <cstdint>
#include <cstring>

#include "storage/HexDigits.h"

namespace statshost::storage {
namespace {

/// Containers may nest this deep (a value inside more than kMaxDepth containers is refused).
constexpr int kMaxDepth = 512;

/// What a byte means inside a JSON string.
enum StringByte : unsigned char { kPlain, kQuote, kBackslash, kControl, kMultiByte };

constexpr std::array<unsigned char, 256> kStringBytes = [] {
    std::array<unsigned char, 256> table{};
    for (int c = 0; c < 256; ++c)
        table[c] = c < 0x20 ? kControl : c == '"' ? kQuote : c == '\\' ? kBackslash : c >= 0x80 ? kMultiByte : kPlain;
    return table;
}();

constexpr std::array<bool, 256> kSpace = [] {
    std::array<bool, 256> table{};
    table[' '] = table['\t'] = table['\n'] = table['\r'] = true;
    return table;
}();


/// True when none of the 8 bytes of `word` ends a run of plain string bytes: none below 0x20, none
/// 0x80 or above, no '"' and no '\\' (the classic "has a byte less than / equal to" word tests).
bool allPlain(std::uint64_t word) {
    constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    auto hasByte = [&](unsigned char b) {
        std::uint64_t x = word ^ (ones * b);
        return (x - ones) & ~x & highs;
    };
    std::uint64_t below0x20 = (word - ones * 0x20) & ~word & highs;
    return ((word & highs) | below0x20 | hasByte('"') | hasByte('\\')) == 0;
}

bool isDigit(unsigned char c) { return c >= '0' && c <= '9'; }

/// Length of the UTF-8 sequence starting at `p` (1..4), or 0 when it is not well-formed.
std::size_t utf8Length(const unsigned char* p, const unsigned char* end) {
    unsigned char c = p[0];
    if (c < 0x80) return 1;
    std::size_t length;
    unsigned int low = 0x80, high = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) length = 2;
    else if (c == 0xE0) { length = 3; low = 0xA0; }
    else if (c == 0xED) { length = 3; high = 0x9F; }  // no UTF-16 surrogates
    else if (c >= 0xE1 && c <= 0xEF) length = 3;
    else if (c == 0xF0) { length = 4; low = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) length = 4;
    else if (c == 0xF4) { length = 4; high = 0x8F; }
    else return 0;
    if (static_cast<std::size_t>(end - p) < length) return 0;
    if (p[1] < low || p[1] > high) return 0;
    for (std::size_t i = 2; i < length; ++i)
        if (p[i] < 0x80 || p[i] > 0xBF) return 0;
    return length;
}

/// One pass over the text without recursion or allocation (until a problem is described): the open
/// containers are a bit stack (1 = object), values are read in a loop that returns to the innermost
/// container after each one.
class JsonChecker {
public:
    explicit JsonChecker(std::string_view text)
        : _begin(reinterpret_cast<const unsigned char*>(text.data())), _p(_begin), _end(_begin + text.size()) {}

    std::optional<std::string> run() {
        if (check()) return std::nullopt;
        return std::string(_what) + " at byte " + std::to_string(_p - _begin);
    }

private:
    bool fail(const char* what) {
        _what = what;
        return false;
    }
    void skipSpace() {
        while (_p < _end && kSpace[*_p]) ++_p;
    }
    bool inObject() const { return (_kinds[(_depth - 1) / 64] >> ((_depth - 1) % 64)) & 1u; }
    void push(bool object) {
        std::uint64_t bit = std::uint64_t{1} << (_depth % 64);
        if (object)
            _kinds[_depth / 64] |= bit;
        else
            _kinds[_depth / 64] &= ~bit;
        ++_depth;
    }

    /// After '{' or ',' in an object: the key, its ':' and the space before the value.
    bool key() {
        skipSpace();
        if (_p == _end || *_p != '"') return fail("expected a string key");
        if (!string()) return false;
        skipSpace();
        if (_p == _end || *_p != ':') return fail("expected ':'");
        ++_p;
        return true;
    }

    bool check() {
        for (;;) {
            // A value starts here.
            if (_depth > kMaxDepth) return fail("JSON nested too deeply");
            skipSpace();
            if (_p == _end) return fail("unexpected end of JSON");
            switch (*_p) {
            case '{':
                ++_p;
                skipSpace();
                if (_p < _end && *_p == '}') {
                    ++_p;
                    break;
                }
                push(true);
                if (!key()) return false;
                continue;
            case '[':
                ++_p;
                skipSpace();
                if (_p < _end && *_p == ']') {
                    ++_p;
                    break;
                }
                push(false);
                continue;
            case '"':
                if (!string()) return false;
                break;
            case 't':
                if (!literal("true", 4)) return false;
                break;
            case 'f':
                if (!literal("false", 5)) return false;
                break;
            case 'n':
                if (!literal("null", 4)) return false;
                break;
            default:
                if (!number()) return false;
            }
            // A value ended: close containers until one continues with ','.
            for (;;) {
                skipSpace();
                if (_depth == 0) return _p == _end || fail("unexpected text after the JSON value");
                bool object = inObject();
                if (_p < _end && *_p == ',') {
                    ++_p;
                    if (object && !key()) return false;
                    break;
                }
                if (_p == _end || *_p != (object ? '}' : ']'))
                    return fail(object ? "expected ',' or '}'" : "expected ',' or ']'");
                ++_p;
                --_depth;
            }
        }
    }

    bool literal(const char* word, std::size_t length) {
        if (static_cast<std::size_t>(_end - _p) < length || std::memcmp(_p, word, length) != 0)
            return fail("invalid literal");
        _p += length;
        return true;
    }

    bool digits() {
        if (_p == _end || !isDigit(*_p)) return fail("invalid number");
        while (_p < _end && isDigit(*_p)) ++_p;
        return true;
    }

    bool number() {
        if (*_p == '-') ++_p;
        if (_p < _end && *_p == '0') ++_p;
        else if (!digits()) return false;
        if (_p < _end && *_p == '.') {
            ++_p;
            if (!digits()) return false;
        }
        if (_p < _end && (*_p == 'e' || *_p == 'E')) {
            ++_p;
            if (_p < _end && (*_p == '+' || *_p == '-')) ++_p;
            if (!digits()) return false;
        }
        return true;
    }

    /// Reads 4 hex digits after "\u"; -1 when malformed.
    long hex4() {
        if (_end - _p < 4) return -1;
        long code = 0;
        for (int i = 0; i < 4; ++i, ++_p) {
            unsigned char digit = kHexDigitValue[*_p];
            if (digit == kNotHex) return -1;
            code = code * 16 + digit;
        }
        return code;
    }

    bool escape() {
        ++_p;  // the backslash
        if (_p == _end) return fail("unexpected end of JSON in an escape");
        unsigned char c = *_p++;
        if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't') return true;
        if (c != 'u') return fail("invalid escape");
        long code = hex4();
        if (code < 0) return fail("invalid \\u escape");
        if (code == 0) return fail("\\u0000 cannot be stored");
        if (code >= 0xDC00 && code <= 0xDFFF) return fail("unpaired low surrogate escape");
        if (code >= 0xD800 && code <= 0xDBFF) {
            if (_end - _p < 2 || _p[0] != '\\' || _p[1] != 'u') return fail("unpaired high surrogate escape");
            _p += 2;
            long low = hex4();
            if (low < 0xDC00 || low > 0xDFFF) return fail("unpaired high surrogate escape");
        }
        return true;
    }

    bool string() {
        const unsigned char* p = _p + 1;  // after the opening quote; kept in a register, stored on exit
        for (;;) {
            for (std::uint64_t word; _end - p >= 8; p += 8) {
                std::memcpy(&word, p, 8);
                if (!allPlain(word)) break;
            }
            while (p < _end && kStringBytes[*p] == kPlain) ++p;
            _p = p;
            if (p == _end) return fail("unterminated string");
            switch (kStringBytes[*p]) {
            case kQuote:
                _p = p + 1;
                return true;
            case kBackslash:
                if (!escape()) return false;
                break;
            case kControl:
                return fail("control character in a string");
            default: {
                std::size_t length = utf8Length(p, _end);
                if (length == 0) return fail("invalid UTF-8");
                _p = p + length;
            }
            }
            p = _p;
        }
    }

    const unsigned char* _begin;
    const unsigned char* _p;
    const unsigned char* _end;
    const char* _what = "";
    int _depth = 0;                                  ///< open containers
    std::uint64_t _kinds[kMaxDepth / 64 + 2] = {};  ///< bit i: container i is an object
};

}  // namespace

std::optional<std::string> jsonProblem(std::string_view text) { return JsonChecker(text).run(); }

bool isCleanText(std::string_view text) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = p + text.size();
    while (p < end) {
        if (*p == 0) return false;
        if (*p < 0x80) {
            ++p;
            continue;
        }
        std::size_t length = utf8Length(p, end);
        if (length == 0) return false;
        p += length;
    }
    return true;
}

}  // namespace statshost::storage
