// A strict, DOM-free JSON reader for usage-event objects (see EventJson.h).
#include "usage/pipeline/EventJson.h"

#include <algorithm>
#include <charconv>
#include <type_traits>

namespace statshost::usage {

namespace {

/// Nesting limit for skipped values (bounds recursion on hostile input).
constexpr int kMaxDepth = 64;

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void appendUtf8(std::string& out, std::uint32_t cp) {
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

}  // namespace

static_assert(std::is_nothrow_move_constructible_v<BodyItem>, "a body's items must grow by moving, not copying");

/// Recursive-descent reader over one text. Objects at the top level are read into EventObjects; values
/// nested deeper are validated and skipped.
class JsonScanner {
public:
    explicit JsonScanner(std::string_view text) : _text(text) {}

    std::size_t pos() const { return _pos; }
    /// Skips whitespace, then moves past `c` when it comes next.
    bool accept(char c) {
        if (peekOrEnd() != c) return false;
        ++_pos;
        return true;
    }
    bool atEnd() {
        skipSpace();
        return _pos == _text.size();
    }
    char peek() {
        skipSpace();
        if (_pos == _text.size()) fail("unexpected end of input");
        return _text[_pos];
    }
    /// The next non-space character, '\0' at the end.
    char peekOrEnd() {
        skipSpace();
        return _pos == _text.size() ? '\0' : _text[_pos];
    }

    /// Reads an object's members into `out` (the cursor is on '{').
    void readObject(EventObject& out) {
        ++_pos;  // '{'
        out._fields.reserve(8);  // an event has a handful of members: one allocation
        if (peek() == '}') {
            ++_pos;
            return;
        }
        for (;;) {
            if (peek() != '"') fail("expected a string key");
            JsonField field;
            field.key = readString(&out);
            if (peek() != ':') fail("expected ':' after a key");
            ++_pos;
            const std::size_t start = (skipSpace(), _pos);
            field.kind = skipValue(0, &out, &field.text);
            if (field.kind == JsonKind::Object || field.kind == JsonKind::Array || field.kind == JsonKind::Integer ||
                field.kind == JsonKind::Number)
                field.text = _text.substr(start, _pos - start);
            out._fields.push_back(field);
            const char c = peek();
            ++_pos;
            if (c == '}') return;
            if (c != ',') fail("expected ',' or '}' in an object", _pos - 1);
        }
    }

    /// Validates one value and moves past it; returns its kind. Strings are unescaped into `*text` (storage in
    /// `owner` when they had escapes) when both are given.
    JsonKind skipValue(int depth, EventObject* owner = nullptr, std::string_view* text = nullptr) {
        if (depth > kMaxDepth) fail("nested too deeply");
        const char c = peek();
        switch (c) {
            case '{': {
                ++_pos;
                if (peek() == '}') {
                    ++_pos;
                    return JsonKind::Object;
                }
                for (;;) {
                    if (peek() != '"') fail("expected a string key");
                    readString(nullptr);
                    if (peek() != ':') fail("expected ':' after a key");
                    ++_pos;
                    skipValue(depth + 1);
                    const char next = peek();
                    ++_pos;
                    if (next == '}') return JsonKind::Object;
                    if (next != ',') fail("expected ',' or '}' in an object", _pos - 1);
                }
            }
            case '[': {
                ++_pos;
                if (peek() == ']') {
                    ++_pos;
                    return JsonKind::Array;
                }
                for (;;) {
                    skipValue(depth + 1);
                    const char next = peek();
                    ++_pos;
                    if (next == ']') return JsonKind::Array;
                    if (next != ',') fail("expected ',' or ']' in an array", _pos - 1);
                }
            }
            case '"': {
                std::string_view s = readString(owner);
                if (text) *text = s;
                return JsonKind::String;
            }
            case 't': literal("true"); return JsonKind::True;
            case 'f': literal("false"); return JsonKind::False;
            case 'n': literal("null"); return JsonKind::Null;
            default:
                if (c == '-' || isDigit(c)) return number();
                fail(std::string("unexpected character '") + printable(c) + "'");
        }
    }

    [[noreturn]] void fail(const std::string& problem) const { fail(problem, _pos); }
    [[noreturn]] void fail(const std::string& problem, std::size_t at) const { throw JsonSyntaxError(problem, at); }

private:
    void skipSpace() {
        while (_pos < _text.size() && isSpace(_text[_pos])) ++_pos;
    }

    static std::string printable(char c) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7F) return std::string(1, c);
        static const char* hex = "0123456789abcdef";
        return std::string("\\x") + hex[u >> 4] + hex[u & 15];
    }

    void literal(std::string_view word) {
        if (_text.substr(_pos, word.size()) != word) fail("invalid literal (expected " + std::string(word) + ")");
        _pos += word.size();
    }

    JsonKind number() {
        const std::size_t start = _pos;
        if (_text[_pos] == '-') ++_pos;
        if (_pos == _text.size() || !isDigit(_text[_pos])) fail("invalid number", start);
        if (_text[_pos] == '0') {
            ++_pos;
        } else {
            while (_pos < _text.size() && isDigit(_text[_pos])) ++_pos;
        }
        bool integer = true;
        if (_pos < _text.size() && _text[_pos] == '.') {
            integer = false;
            ++_pos;
            if (_pos == _text.size() || !isDigit(_text[_pos])) fail("invalid number", start);
            while (_pos < _text.size() && isDigit(_text[_pos])) ++_pos;
        }
        if (_pos < _text.size() && (_text[_pos] == 'e' || _text[_pos] == 'E')) {
            integer = false;
            ++_pos;
            if (_pos < _text.size() && (_text[_pos] == '+' || _text[_pos] == '-')) ++_pos;
            if (_pos == _text.size() || !isDigit(_text[_pos])) fail("invalid number", start);
            while (_pos < _text.size() && isDigit(_text[_pos])) ++_pos;
        }
        return integer ? JsonKind::Integer : JsonKind::Number;
    }

    /// Length of the UTF-8 sequence starting at `_pos` (validated: no overlongs, surrogates or > U+10FFFF).
    std::size_t utf8Length() const {
        const auto b0 = static_cast<unsigned char>(_text[_pos]);
        std::size_t n;
        unsigned char lo = 0x80, hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            n = 2;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            n = 3;
            if (b0 == 0xE0) lo = 0xA0;
            if (b0 == 0xED) hi = 0x9F;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            n = 4;
            if (b0 == 0xF0) lo = 0x90;
            if (b0 == 0xF4) hi = 0x8F;
        } else {
            fail("invalid UTF-8");
        }
        if (_pos + n > _text.size()) fail("invalid UTF-8");
        for (std::size_t k = 1; k < n; ++k) {
            const auto b = static_cast<unsigned char>(_text[_pos + k]);
            if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) fail("invalid UTF-8");
        }
        return n;
    }

    std::uint32_t hex4() {
        if (_pos + 4 > _text.size()) fail("truncated \\u escape");
        std::uint32_t v = 0;
        for (int k = 0; k < 4; ++k) {
            const int d = hexValue(_text[_pos + k]);
            if (d < 0) fail("invalid \\u escape");
            v = v * 16 + static_cast<std::uint32_t>(d);
        }
        _pos += 4;
        return v;
    }

    /// Reads a string (cursor on the opening quote). Without escapes the result views the text; with
    /// escapes it is unescaped into `owner` (or discarded when `owner` is null).
    std::string_view readString(EventObject* owner) {
        const std::size_t start = ++_pos;
        std::string* unescaped = nullptr;
        std::string scratch;
        std::size_t copied = start;  // text before this offset is already in *unescaped
        for (;;) {
            if (_pos >= _text.size()) fail("unterminated string", start - 1);
            const char c = _text[_pos];
            const auto u = static_cast<unsigned char>(c);
            if (c == '"') break;
            if (u < 0x20) fail("control character in a string");
            if (u >= 0x80) {
                _pos += utf8Length();
                continue;
            }
            if (c != '\\') {
                ++_pos;
                continue;
            }
            if (!unescaped) unescaped = owner ? &owner->_unescaped.emplace_front() : &scratch;
            unescaped->append(_text.data() + copied, _pos - copied);
            ++_pos;
            if (_pos >= _text.size()) fail("unterminated string", start - 1);
            const char e = _text[_pos++];
            switch (e) {
                case '"': *unescaped += '"'; break;
                case '\\': *unescaped += '\\'; break;
                case '/': *unescaped += '/'; break;
                case 'b': *unescaped += '\b'; break;
                case 'f': *unescaped += '\f'; break;
                case 'n': *unescaped += '\n'; break;
                case 'r': *unescaped += '\r'; break;
                case 't': *unescaped += '\t'; break;
                case 'u': {
                    std::uint32_t cp = hex4();
                    if (cp >= 0xDC00 && cp <= 0xDFFF) fail("unpaired surrogate in a \\u escape");
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        if (_text.substr(_pos, 2) != "\\u") fail("unpaired surrogate in a \\u escape");
                        _pos += 2;
                        const std::uint32_t low = hex4();
                        if (low < 0xDC00 || low > 0xDFFF) fail("unpaired surrogate in a \\u escape");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    }
                    appendUtf8(*unescaped, cp);
                    break;
                }
                default: fail("invalid escape '\\" + printable(e) + "'", _pos - 2);
            }
            copied = _pos;
        }
        const std::size_t end = _pos++;  // past the closing quote
        if (!unescaped) return _text.substr(start, end - start);
        unescaped->append(_text.data() + copied, end - copied);
        return *unescaped;
    }

    std::string_view _text;
    std::size_t _pos = 0;
};

const JsonField* EventObject::find(std::string_view key) const {
    for (auto it = _fields.rbegin(); it != _fields.rend(); ++it)
        if (it->key == key) return &*it;
    return nullptr;
}

EventObject parseEventObject(std::string_view text) {
    JsonScanner s(text);
    EventObject out;
    if (s.peek() == '{') {
        s.readObject(out);
    } else {
        s.skipValue(0);
        if (!s.atEnd()) s.fail("unexpected text after the JSON value");
        throw JsonNotObject();
    }
    if (!s.atEnd()) s.fail("unexpected text after the JSON value");
    return out;
}

namespace {

BodyItem itemOf(std::string_view text) {
    BodyItem item;
    try {
        item.object = parseEventObject(text);
    } catch (const JsonSyntaxError& e) {
        item.error = std::string("malformed JSON: ") + e.what();
    } catch (const JsonNotObject& e) {
        item.error = e.what();
    }
    return item;
}

/// A whole-body JSON array of events, or false when the body is not one valid array.
bool readArray(std::string_view body, std::vector<BodyItem>& out) {
    try {
        JsonScanner s(body);
        const std::size_t open = (s.peek(), s.pos());
        if (s.skipValue(0) != JsonKind::Array || !s.atEnd()) return false;
        // Valid: read the elements (a second, cheap pass over validated text).
        JsonScanner e(body.substr(open + 1));
        if (e.accept(']')) return true;
        do {
            const std::size_t start = (e.peek(), e.pos());
            e.skipValue(0);
            out.push_back(itemOf(body.substr(open + 1 + start, e.pos() - start)));
        } while (e.accept(','));
        return true;
    } catch (const JsonSyntaxError&) {
        out.clear();
        return false;
    }
}

}  // namespace

std::vector<BodyItem> parseEventBody(std::string_view body) {
    std::vector<BodyItem> out;
    std::size_t first = 0;
    while (first < body.size() && isSpace(body[first])) ++first;
    if (first < body.size() && body[first] == '[' && readArray(body, out)) return out;
    if (first < body.size() && body[first] == '{') {
        BodyItem whole = itemOf(body);  // one object, possibly spread over several lines
        if (whole.error.empty()) {
            out.push_back(std::move(whole));
            return out;
        }
    }
    out.reserve(static_cast<std::size_t>(std::count(body.begin(), body.end(), '\n')) + 1);
    std::size_t begin = 0;
    while (begin < body.size()) {
        std::size_t end = body.find('\n', begin);
        if (end == std::string_view::npos) end = body.size();
        const std::string_view line = body.substr(begin, end - begin);
        bool blank = true;
        for (char c : line)
            if (!isSpace(c)) blank = false;
        if (!blank) out.push_back(itemOf(line));
        begin = end + 1;
    }
    return out;
}

bool integerValue(std::string_view literal, std::int64_t& out) {
    const auto [end, ec] = std::from_chars(literal.data(), literal.data() + literal.size(), out);
    return ec == std::errc() && end == literal.data() + literal.size();
}

}  // namespace statshost::usage
