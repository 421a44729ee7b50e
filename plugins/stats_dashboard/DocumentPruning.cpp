#include "DocumentPruning.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string_view>


namespace statshost::dashboard {

namespace {

constexpr std::size_t kFail = std::string::npos;

/// Byte classes for the scanner's inner loops (the text's NUL terminator stops every loop).
struct ByteClasses {
    bool inString[256] = {};     ///< '"', '\\', NUL
    bool structural[256] = {};  ///< '"', brackets, NUL
    ByteClasses() {
        for (unsigned char c : {'"', '\\', '\0'}) inString[c] = true;
        for (unsigned char c : {'"', '{', '}', '[', ']', '\0'}) structural[c] = true;
    }
};
const ByteClasses kClasses;

/// A forward reader over NUL-terminated JSON text; every step returns kFail on text it cannot follow.
class Scanner {
public:
    Scanner(const char* text, std::size_t size) : _s(text), _n(size) {}

    std::size_t skipSpace(std::size_t i) const {
        while (i < _n && (_s[i] == ' ' || _s[i] == '\n' || _s[i] == '\r' || _s[i] == '\t')) ++i;
        return i;
    }

    /// The end (one past the closing quote) of the string starting at `i` (a quote).
    std::size_t stringEnd(std::size_t i) const {
        if (i >= _n || _s[i] != '"') return kFail;
        for (++i;; ++i) {
            while (!kClasses.inString[static_cast<unsigned char>(_s[i])]) ++i;
            if (i >= _n || _s[i] == '\0') return kFail;  // the terminator, or a raw NUL (not JSON)
            if (_s[i] == '"') return i + 1;
            ++i;  // a backslash: skip the escaped character (\uXXXX: the hex digits need no care)
        }
    }

    /// The end of the value starting at `i` (no leading space).
    std::size_t valueEnd(std::size_t i) const {
        if (i >= _n) return kFail;
        const char c = _s[i];
        if (c == '"') return stringEnd(i);
        if (c == '{' || c == '[') return containerEnd(i);
        std::size_t j = i;
        while (j < _n && (std::isalnum(static_cast<unsigned char>(_s[j])) || _s[j] == '-' || _s[j] == '+' || _s[j] == '.'))
            ++j;
        return j == i ? kFail : j;
    }

    /// The end of the object or array starting at `i`: brackets counted outside strings (their
    /// balance is checked, the grammar inside is left to the DOM parse of what is kept).
    std::size_t containerEnd(std::size_t i) const {
        int depth = 0;
        for (;; ++i) {
            while (!kClasses.structural[static_cast<unsigned char>(_s[i])]) ++i;
            if (i >= _n) return kFail;  // the terminator
            const char c = _s[i];
            if (c == '\0') return kFail;  // a raw NUL: not JSON
            if (c == '"') {
                i = stringEnd(i);
                if (i == kFail) return kFail;
                --i;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (--depth == 0) {
                return i + 1;
            } else if (depth < 0) {
                return kFail;
            }
        }
    }

    const char* text() const { return _s; }

private:
    const char* _s;
    std::size_t _n;
};

struct Member {
    std::size_t keyBegin, keyEnd;  ///< the key text without quotes
    std::size_t valueBegin;        ///< the value text starts here
};

/// Visits the members of the object starting at `i`; returns the end of the object, or kFail
/// (also for a key with escapes). `visit(member)` returns the end of the member's value (it may
/// read the value itself), or kFail to fail.
template <typename Visit>
std::size_t eachMember(const Scanner& sc, std::size_t i, Visit visit) {
    const char* s = sc.text();
    if (s[i] != '{') return kFail;
    i = sc.skipSpace(i + 1);
    if (s[i] == '}') return i + 1;
    for (;;) {
        const std::size_t keyEnd = sc.stringEnd(i);
        if (keyEnd == kFail || std::memchr(s + i, '\\', keyEnd - i)) return kFail;
        std::size_t j = sc.skipSpace(keyEnd);
        if (s[j] != ':') return kFail;
        j = sc.skipSpace(j + 1);
        const std::size_t valueEnd = visit(Member{i + 1, keyEnd - 1, j});
        if (valueEnd == kFail) return kFail;
        i = sc.skipSpace(valueEnd);
        if (s[i] == '}') return i + 1;
        if (s[i] != ',') return kFail;
        i = sc.skipSpace(i + 1);
    }
}

}  // namespace

std::optional<std::string> pruneDocument(const std::string& body, const std::vector<std::string>& keepSubcounts) {
    // The NUL terminator (std::string guarantees it) ends every loop of the scanner.
    const Scanner sc(body.c_str(), body.size());
    const char* s = body.c_str();
    auto key = [&](const Member& m) { return std::string_view(s + m.keyBegin, m.keyEnd - m.keyBegin); };
    /// Appends the member (key and value text) to `out`; returns the value's end.
    auto copy = [&](std::string& out, const Member& m, std::size_t valueEnd) {
        if (valueEnd == kFail) return kFail;
        if (out.size() > 1) out += ',';
        out.append(s + m.keyBegin - 1, m.keyEnd - m.keyBegin + 2);
        out += ':';
        out.append(s + m.valueBegin, valueEnd - m.valueBegin);
        return valueEnd;
    };
    std::string out = "{";
    out.reserve(1024);
    const std::size_t end = eachMember(sc, sc.skipSpace(0), [&](const Member& m) {
        if (key(m) != "subcounts" || s[m.valueBegin] != '{') return copy(out, m, sc.valueEnd(m.valueBegin));
        std::string kept = "{";
        const std::size_t subcountsEnd = eachMember(sc, m.valueBegin, [&](const Member& sub) {
            const std::size_t valueEnd = sc.valueEnd(sub.valueBegin);
            if (std::find(keepSubcounts.begin(), keepSubcounts.end(), key(sub)) == keepSubcounts.end()) return valueEnd;
            return copy(kept, sub, valueEnd);
        });
        if (subcountsEnd == kFail) return kFail;
        if (out.size() > 1) out += ',';
        out.append(s + m.keyBegin - 1, m.keyEnd - m.keyBegin + 2);
        out += ':' + kept + '}';
        return subcountsEnd;
    });
    if (end == kFail || sc.skipSpace(end) != body.size()) return std::nullopt;
    return out + '}';
}

std::vector<rapidjson::Document> readPruned(DocumentStore& store, const FamilyIndex& index, const std::string& communityId,
                                            const std::string& startDate, const std::string& endDate,
                                            const std::vector<std::string>& keepSubcounts) {
    std::vector<std::string> pruned;
    store.readDense(index.alias, DocumentRange{communityId, startDate, endDate}, [&](const Document& doc) {
        auto small = pruneDocument(doc.body, keepSubcounts);
        pruned.push_back(small ? std::move(*small) : doc.body);
        return true;
    });
    return parseDocuments(pruned);
}

std::vector<rapidjson::Document> parsePruned(const std::vector<std::string>& bodies,
                                             const std::vector<std::string>& keepSubcounts) {
    std::vector<std::string> pruned;
    pruned.reserve(bodies.size());
    for (const auto& body : bodies) {
        auto small = pruneDocument(body, keepSubcounts);
        pruned.push_back(small ? std::move(*small) : body);
    }
    return parseDocuments(pruned);
}

}  // namespace statshost::dashboard
