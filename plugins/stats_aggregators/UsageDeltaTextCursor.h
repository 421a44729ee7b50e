#pragma once
/// A cursor over JSON text: the grammar of parseJson() (UsageJson.h) in small steps, shared by parseJson's
/// tree builder and by the streaming readers of usage documents (UsageDeltaText.h), so both accept and
/// reject exactly the same texts and decode strings and numbers alike.
///
/// Every failure throws std::runtime_error("invalid JSON at offset N: <what>"). Values nested deeper than
/// kMaxDepth (the top-level value has depth 0) are rejected.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>

namespace statshost::aggregators::usagestats {

class JsonCursor {
public:
    static constexpr int kMaxDepth = 64;

    explicit JsonCursor(std::string_view text) : _s(text) {}

    std::size_t offset() const { return _i; }

    [[noreturn]] void fail(const std::string& what) const {
        throw std::runtime_error("invalid JSON at offset " + std::to_string(_i) + ": " + what);
    }

    void skipSpace() {
        while (_i < _s.size() && (_s[_i] == ' ' || _s[_i] == '\n' || _s[_i] == '\r' || _s[_i] == '\t')) ++_i;
    }

    /// The next character after white space (not consumed); fails at the end of the text.
    char peek() {
        skipSpace();
        if (_i >= _s.size()) fail("unexpected end");
        return _s[_i];
    }

    /// Consumes the next character after white space if it is `c`.
    bool consume(char c) {
        if (peek() != c) return false;
        ++_i;
        return true;
    }

    void expect(char c) {
        if (peek() != c) fail(std::string("expected '") + c + "'");
        ++_i;
    }

    /// Fails unless only white space is left.
    void expectEnd() {
        skipSpace();
        if (_i != _s.size()) fail("trailing text");
    }

    void literal(const char* word) {
        for (const char* p = word; *p; ++p, ++_i)
            if (_i >= _s.size() || _s[_i] != *p) fail(std::string("expected ") + word);
    }

    /// At an opening quote (after peek()): the decoded string. A view into the text when it holds no
    /// escape, else into `scratch` (overwritten); valid until the next call with the same scratch.
    std::string_view string(std::string& scratch) {
        ++_i;  // opening quote
        const std::size_t start = _i;
        while (_i < _s.size() && _s[_i] != '"' && _s[_i] != '\\') ++_i;
        if (_i >= _s.size()) fail("unterminated string");
        if (_s[_i] == '"') return _s.substr(start, _i++ - start);
        scratch.assign(_s.data() + start, _i - start);
        decodeRest(&scratch);
        return scratch;
    }

    /// At an opening quote (after peek()): checks the string and moves past it.
    void skipString() {
        ++_i;
        while (_i < _s.size() && _s[_i] != '"' && _s[_i] != '\\') ++_i;
        if (_i >= _s.size()) fail("unterminated string");
        if (_s[_i] == '"') {
            ++_i;
            return;
        }
        decodeRest(nullptr);
    }

    /// At a member name (after '{' or ','): the decoded name, then the ':' after it is consumed.
    std::string_view memberName(std::string& scratch) {
        if (peek() != '"') fail("expected a member name");
        const std::string_view name = string(scratch);
        expect(':');
        return name;
    }

    /// The text of a number at the cursor (after peek()): `-? digits (. digits)? ([eE] [+-]? digits)?`.
    std::string_view numberText() {
        const std::size_t start = _i;
        if (_s[_i] == '-') ++_i;
        digits();
        if (_i < _s.size() && _s[_i] == '.') ++_i, digits();
        if (_i < _s.size() && (_s[_i] == 'e' || _s[_i] == 'E')) {
            ++_i;
            if (_i < _s.size() && (_s[_i] == '+' || _s[_i] == '-')) ++_i;
            digits();
        }
        return _s.substr(start, _i - start);
    }

    /// The value of a number's text as parseJson() stores it (strtod).
    static double numberValue(std::string_view text) { return std::strtod(std::string(text).c_str(), nullptr); }

    /// The number at the cursor as JsonValue::asInt() gives it (llround of numberValue), without strtod
    /// for the usual forms: up to 15 integer digits (exact in a double) and a fraction of zeros only.
    std::int64_t integer() {
        const std::string_view text = numberText();
        std::size_t p = text[0] == '-' ? 1 : 0;
        std::int64_t value = 0;
        const std::size_t intStart = p;
        while (p < text.size() && text[p] >= '0' && text[p] <= '9') value = value * 10 + (text[p++] - '0');
        bool exact = p - intStart <= 15;
        if (exact && p < text.size()) {
            if (text[p] != '.') {
                exact = false;  // an exponent
            } else {
                for (++p; p < text.size() && exact; ++p) exact = text[p] == '0';
            }
        }
        if (!exact) return std::llround(numberValue(text));
        return text[0] == '-' ? -value : value;
    }

    /// Checks one value of any kind at `depth` and moves past it.
    void skipValue(int depth) {
        if (depth > kMaxDepth) fail("nested too deeply");
        const char c = peek();
        if (c == '{') {
            ++_i;
            if (consume('}')) return;
            do {
                if (peek() != '"') fail("expected a member name");
                skipString();
                expect(':');
                skipValue(depth + 1);
            } while (consume(','));
            expect('}');
        } else if (c == '[') {
            ++_i;
            if (consume(']')) return;
            do skipValue(depth + 1);
            while (consume(','));
            expect(']');
        } else if (c == '"') {
            skipString();
        } else if (c == 't') {
            literal("true");
        } else if (c == 'f') {
            literal("false");
        } else if (c == 'n') {
            literal("null");
        } else {
            numberText();
        }
    }

private:
    void digits() {
        const std::size_t from = _i;
        while (_i < _s.size() && _s[_i] >= '0' && _s[_i] <= '9') ++_i;
        if (_i == from) fail("expected a digit");
    }

    unsigned hex4() {
        if (_i + 4 > _s.size()) fail("short \\u escape");
        unsigned value = 0;
        for (int k = 0; k < 4; ++k, ++_i) {
            const char h = _s[_i];
            value <<= 4;
            if (h >= '0' && h <= '9') value |= h - '0';
            else if (h >= 'a' && h <= 'f') value |= h - 'a' + 10;
            else if (h >= 'A' && h <= 'F') value |= h - 'A' + 10;
            else fail("bad \\u escape");
        }
        return value;
    }

    static void utf8(std::string& out, unsigned cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    /// The rest of a string from an escape or any character on, through the closing quote; appends the
    /// decoded text to `out` unless it is null.
    void decodeRest(std::string* out) {
        for (;;) {
            if (_i >= _s.size()) fail("unterminated string");
            const char c = _s[_i++];
            if (c == '"') return;
            if (c != '\\') {
                if (out) *out += c;
                continue;
            }
            if (_i >= _s.size()) fail("unterminated escape");
            const char e = _s[_i++];
            char plain = 0;
            switch (e) {
                case '"': plain = '"'; break;
                case '\\': plain = '\\'; break;
                case '/': plain = '/'; break;
                case 'b': plain = '\b'; break;
                case 'f': plain = '\f'; break;
                case 'n': plain = '\n'; break;
                case 'r': plain = '\r'; break;
                case 't': plain = '\t'; break;
                case 'u': {
                    unsigned cp = hex4();
                    if (cp >= 0xD800 && cp < 0xDC00 && _i + 6 <= _s.size() && _s[_i] == '\\' && _s[_i + 1] == 'u') {
                        _i += 2;
                        const unsigned low = hex4();
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    }
                    if (out) utf8(*out, cp);
                    continue;
                }
                default: fail("bad escape");
            }
            if (out) *out += plain;
        }
    }

    std::string_view _s;
    std::size_t _i = 0;
};

}  // namespace statshost::aggregators::usagestats
