#include "storage/TextChecks.h"

namespace statshost::storage {
namespace {

constexpr int kMaxDepth = 512;

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

class JsonChecker {
public:
    explicit JsonChecker(std::string_view text)
        : _begin(reinterpret_cast<const unsigned char*>(text.data())), _p(_begin), _end(_begin + text.size()) {}

    std::optional<std::string> run() {
        if (!value(0)) return _problem;
        skipSpace();
        if (_p != _end) return problem("unexpected text after the JSON value");
        return std::nullopt;
    }

private:
    bool fail(const char* what) {
        _problem = std::string(what) + " at byte " + std::to_string(_p - _begin);
        return false;
    }
    std::string problem(const char* what) {
        fail(what);
        return _problem;
    }
    void skipSpace() {
        while (_p < _end && (*_p == ' ' || *_p == '\t' || *_p == '\n' || *_p == '\r')) ++_p;
    }
    bool expect(char c) {
        skipSpace();
        if (_p == _end || *_p != c) return false;
        ++_p;
        return true;
    }

    bool value(int depth) {
        if (depth > kMaxDepth) return fail("JSON nested too deeply");
        skipSpace();
        if (_p == _end) return fail("unexpected end of JSON");
        switch (*_p) {
        case '{': return object(depth);
        case '[': return array(depth);
        case '"': return string();
        case 't': return literal("true");
        case 'f': return literal("false");
        case 'n': return literal("null");
        default: return number();
        }
    }

    bool object(int depth) {
        ++_p;
        if (expect('}')) return true;
        do {
            skipSpace();
            if (_p == _end || *_p != '"') return fail("expected a string key");
            if (!string()) return false;
            if (!expect(':')) return fail("expected ':'");
            if (!value(depth + 1)) return false;
        } while (expect(','));
        return expect('}') || fail("expected ',' or '}'");
    }

    bool array(int depth) {
        ++_p;
        if (expect(']')) return true;
        do {
            if (!value(depth + 1)) return false;
        } while (expect(','));
        return expect(']') || fail("expected ',' or ']'");
    }

    bool literal(const char* word) {
        const unsigned char* start = _p;
        for (const char* w = word; *w; ++w, ++_p)
            if (_p == _end || *_p != static_cast<unsigned char>(*w)) {
                _p = start;
                return fail("invalid literal");
            }
        return true;
    }

    bool digits() {
        if (_p == _end || *_p < '0' || *_p > '9') return fail("invalid number");
        while (_p < _end && *_p >= '0' && *_p <= '9') ++_p;
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
            unsigned char c = *_p;
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0) return -1;
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
        ++_p;  // the opening quote
        while (_p < _end) {
            unsigned char c = *_p;
            if (c == '"') {
                ++_p;
                return true;
            }
            if (c == '\\') {
                if (!escape()) return false;
            } else if (c < 0x20) {
                return fail("control character in a string");
            } else if (c < 0x80) {
                ++_p;
            } else {
                std::size_t length = utf8Length(_p, _end);
                if (length == 0) return fail("invalid UTF-8");
                _p += length;
            }
        }
        return fail("unterminated string");
    }

    const unsigned char* _begin;
    const unsigned char* _p;
    const unsigned char* _end;
    std::string _problem;
};

}  // namespace

std::optional<std::string> jsonProblem(std::string_view text) { return JsonChecker(text).run(); }

bool isCleanText(std::string_view text) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = p + text.size();
    while (p < end) {
        if (*p == 0) return false;
        std::size_t length = utf8Length(p, end);
        if (length == 0) return false;
        p += length;
    }
    return true;
}

}  // namespace statshost::storage
