// parseJson(): a small recursive-descent reader for the documents the usage families read back.
#include <cstdlib>
#include <stdexcept>

#include "UsageJson.h"

namespace statshost::aggregators::usagestats {

namespace {

class Reader {
public:
    explicit Reader(const std::string& text) : _s(text) {}

    JsonValue document() {
        JsonValue v = value(0);
        skipSpace();
        if (_i != _s.size()) fail("trailing text");
        return v;
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw std::runtime_error("invalid JSON at offset " + std::to_string(_i) + ": " + what);
    }

    void skipSpace() {
        while (_i < _s.size() && (_s[_i] == ' ' || _s[_i] == '\n' || _s[_i] == '\r' || _s[_i] == '\t')) ++_i;
    }

    char peek() {
        skipSpace();
        if (_i >= _s.size()) fail("unexpected end");
        return _s[_i];
    }

    void expect(char c) {
        if (peek() != c) fail(std::string("expected '") + c + "'");
        ++_i;
    }

    void literal(const char* word) {
        for (const char* p = word; *p; ++p, ++_i)
            if (_i >= _s.size() || _s[_i] != *p) fail(std::string("expected ") + word);
    }

    JsonValue value(int depth) {
        if (depth > 64) fail("nested too deeply");
        JsonValue v;
        const char c = peek();
        if (c == '{') {
            v.type = JsonValue::Type::Object;
            ++_i;
            if (peek() == '}') return ++_i, v;
            for (;;) {
                if (peek() != '"') fail("expected a member name");
                std::string key = string();
                expect(':');
                v.members.emplace_back(std::move(key), value(depth + 1));
                if (peek() == ',') { ++_i; continue; }
                expect('}');
                return v;
            }
        }
        if (c == '[') {
            v.type = JsonValue::Type::Array;
            ++_i;
            if (peek() == ']') return ++_i, v;
            for (;;) {
                v.items.push_back(value(depth + 1));
                if (peek() == ',') { ++_i; continue; }
                expect(']');
                return v;
            }
        }
        if (c == '"') {
            v.type = JsonValue::Type::String;
            v.text = string();
            return v;
        }
        if (c == 't') return literal("true"), v.type = JsonValue::Type::Bool, v.boolean = true, v;
        if (c == 'f') return literal("false"), v.type = JsonValue::Type::Bool, v;
        if (c == 'n') return literal("null"), v;
        v.type = JsonValue::Type::Number;
        v.number = number();
        return v;
    }

    double number() {
        const std::size_t start = _i;
        if (_s[_i] == '-') ++_i;
        auto digits = [&] {
            const std::size_t from = _i;
            while (_i < _s.size() && _s[_i] >= '0' && _s[_i] <= '9') ++_i;
            if (_i == from) fail("expected a digit");
        };
        digits();
        if (_i < _s.size() && _s[_i] == '.') ++_i, digits();
        if (_i < _s.size() && (_s[_i] == 'e' || _s[_i] == 'E')) {
            ++_i;
            if (_i < _s.size() && (_s[_i] == '+' || _s[_i] == '-')) ++_i;
            digits();
        }
        return std::strtod(_s.substr(start, _i - start).c_str(), nullptr);
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

    std::string string() {
        ++_i;  // opening quote
        std::string out;
        for (;;) {
            if (_i >= _s.size()) fail("unterminated string");
            const char c = _s[_i++];
            if (c == '"') return out;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (_i >= _s.size()) fail("unterminated escape");
            const char e = _s[_i++];
            switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    unsigned cp = hex4();
                    if (cp >= 0xD800 && cp < 0xDC00 && _i + 6 <= _s.size() && _s[_i] == '\\' && _s[_i + 1] == 'u') {
                        _i += 2;
                        const unsigned low = hex4();
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    }
                    utf8(out, cp);
                    break;
                }
                default: fail("bad escape");
            }
        }
    }

    const std::string& _s;
    std::size_t _i = 0;
};

}  // namespace

JsonValue parseJson(const std::string& text) { return Reader(text).document(); }

}  // namespace statshost::aggregators::usagestats
