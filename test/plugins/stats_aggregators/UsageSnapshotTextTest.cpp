// The usage snapshot state read straight from document text (UsageDeltaText.h) against the tree path
// (parseJson + addDelta / readState), on randomized documents: the delta documents our code renders,
// re-formatted and reshaped valid JSON, and truncated or corrupted text. No database.
#include <cppunit/extensions/HelperMacros.h>

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "ReferenceRandom.h"
#include "UsageDocuments.h"
#include "UsageJson.h"
#include "UsageSnapshotState.h"

using namespace statshost;
using namespace statshost::aggregators::usagestats;
using statshost::test::reference::Rng;

namespace {

std::vector<SubcountSpec> specs() {
    std::vector<SubcountSpec> out;
    out.push_back({"resource_types", "by_resource_type", "all_resource_types", false, {}});
    out.push_back({"subjects", "by_subject", "top_subjects", true, {}});
    out.push_back({"countries", "by_country", "top_countries", true, {}});
    out.push_back({"files", "by_file_type", "all_file_types", false, {}});
    return out;
}

/// Ids and labels with what JSON must escape, multi-byte UTF-8, and a few plain ones.
const std::vector<std::string> kIds = {"a",  "b",         "dataset", "q\"uote", "back\\slash", "tab\there",
                                       "nl\n", "\x01ctl", "caf\xc3\xa9", "\xf0\x9f\x98\x80", "", "z-9"};
const std::vector<std::string> kLabels = {"", "", "Label", "L\"x\"", "\xe2\x82\xac uro", "\x1f"};

UsageSide randomSide(Rng& rng, bool download) {
    UsageSide s;
    const std::int64_t scale = rng.chance(0.1) ? 4'000'000'000'000'000LL : 50;
    s.events = rng.range(0, scale);
    s.visitors = rng.range(0, scale);
    s.records = rng.range(0, 5);
    s.parents = rng.range(0, 5);
    if (download) {
        s.files = rng.range(0, 9);
        s.volume = rng.range(0, rng.chance(0.2) ? 9'000'000'000'000LL : 100'000);
    }
    return s;
}

UsageMetrics randomMetrics(Rng& rng) {
    UsageMetrics m;
    if (!rng.chance(0.2)) m.view = randomSide(rng, false);
    if (!rng.chance(0.3)) m.download = randomSide(rng, true);
    return m;
}

/// A delta document as the delta family renders it, over the configured keys and sometimes a key
/// the state does not know.
std::string randomDelta(Rng& rng, int day) {
    std::vector<UsageList> lists;
    for (const SubcountSpec& s : specs())
        if (!rng.chance(0.1)) lists.push_back({s.deltaKey, {}});
    if (rng.chance(0.3)) lists.push_back({"by_unknown", {}});
    for (UsageList& list : lists) {
        const std::int64_t n = rng.range(0, 6);
        for (std::int64_t i = 0; i < n; ++i) list.second.push_back({rng.pick(kIds), rng.pick(kLabels), randomMetrics(rng)});
        sortItems(list.second);
    }
    const std::string date = "2024-01-" + std::string(day < 10 ? "0" : "") + std::to_string(day);
    return deltaDocument("c\"1", date, "2024-02-01T00:00:00", randomMetrics(rng), lists);
}

/// Everything a state holds, as text: the state document (every item, map order) and a snapshot.
std::string dump(const UsageSnapshotState& s) {
    UsageSnapshotRender render;
    render.lists = specs();
    return s.stateDocument("c", "2024-01-31", render) + "\n" + s.snapshotDocument("c", "2024-01-31", "t", 3) +
           (s.empty() ? "\nempty" : "");
}

/// A JSON text of `v` with random white space, escapes, number forms and member order of equal value
/// for parseJson (objects may also get members the readers skip).
class Writer {
public:
    explicit Writer(Rng& rng) : _rng(rng) {}

    std::string write(const JsonValue& v) {
        _out.clear();
        value(v, 0);
        space();
        return _out;
    }

private:
    void space() {
        static const std::vector<std::string> kSpace = {"", "", "", " ", "\n", "\t ", "\r\n  "};
        _out += _rng.pick(kSpace);
    }

    void string(const std::string& s) {
        _out += '"';
        for (unsigned char c : s) {
            if (c == '"' || c == '\\' || c < 0x20 || (c < 0x80 && _rng.chance(0.05))) {
                static const char* hex = "0123456789ABCDEF";
                if (c == '/' && _rng.chance(0.5)) { _out += "\\/"; continue; }
                _out += "\\u00";
                _out += hex[c >> 4];
                _out += hex[c & 15];
            } else {
                _out += static_cast<char>(c);
            }
        }
        _out += '"';
    }

    void number(double d) {
        const auto n = static_cast<std::int64_t>(d);
        if (static_cast<double>(n) != d || std::abs(d) > 1e15) {
            char buf[40];
            std::snprintf(buf, sizeof buf, "%.17g", d);
            _out += buf;
            return;
        }
        switch (_rng.range(0, 4)) {
            case 0: _out += std::to_string(n) + ".000"; break;
            case 1: _out += std::to_string(n) + "e0"; break;
            case 2: _out += std::to_string(n) + ".4"; break;  // rounds to n (n >= 0 here)
            default: _out += std::to_string(n);
        }
    }

    void value(const JsonValue& v, int depth) {
        space();
        switch (v.type) {
            case JsonValue::Type::Null: _out += "null"; break;
            case JsonValue::Type::Bool: _out += v.boolean ? "true" : "false"; break;
            case JsonValue::Type::Number: number(v.number); break;
            case JsonValue::Type::String: string(v.text); break;
            case JsonValue::Type::Array: {
                _out += '[';
                for (std::size_t i = 0; i < v.items.size(); ++i) {
                    if (i) space(), _out += ',';
                    value(v.items[i], depth + 1);
                }
                space();
                _out += ']';
                break;
            }
            case JsonValue::Type::Object: {
                _out += '{';
                bool first = true;
                auto member = [&](const std::string& name, const JsonValue& m) {
                    if (!first) space(), _out += ',';
                    first = false;
                    space();
                    string(name);
                    space();
                    _out += ':';
                    value(m, depth + 1);
                };
                for (const auto& [name, m] : v.members) {
                    if (_rng.chance(0.05)) member("extra", JsonValue{});
                    member(name, m);
                }
                space();
                _out += '}';
                break;
            }
        }
    }

    Rng& _rng;
    std::string _out;
};

/// A random change of `v`'s shape that stays valid JSON: members moved, repeated or retyped, items of
/// other kinds, numbers with fractions and signs, nesting the readers skip.
void reshape(Rng& rng, JsonValue& v, int depth) {
    if (v.type == JsonValue::Type::Object && !v.members.empty()) {
        if (rng.chance(0.2)) std::swap(v.members[0], v.members[rng.range(0, v.members.size() - 1)]);
        if (rng.chance(0.1)) v.members.push_back(v.members[rng.range(0, v.members.size() - 1)]);
        if (rng.chance(0.05)) v.members.insert(v.members.begin(), v.members[rng.range(0, v.members.size() - 1)]);
    }
    if (v.type == JsonValue::Type::Array && !v.items.empty() && rng.chance(0.1)) {
        JsonValue odd;
        odd.type = rng.chance(0.5) ? JsonValue::Type::String : JsonValue::Type::Array;
        odd.text = "x";
        v.items.insert(v.items.begin() + rng.range(0, v.items.size()), odd);
    }
    if (depth > 0 && rng.chance(0.02)) {
        static const JsonValue::Type kTypes[] = {JsonValue::Type::Null, JsonValue::Type::Bool, JsonValue::Type::String,
                                                 JsonValue::Type::Array, JsonValue::Type::Object};
        JsonValue other;
        other.type = kTypes[rng.range(0, 4)];
        v = other;
        return;
    }
    if (v.type == JsonValue::Type::Number && rng.chance(0.05)) v.number = rng.chance(0.5) ? -v.number : v.number + 0.5;
    for (auto& m : v.members) reshape(rng, m.second, depth + 1);
    for (auto& i : v.items) reshape(rng, i, depth + 1);
}

/// Folds `text` both ways into copies of `tree` / `text` states; both must throw the same error or
/// end equal. Returns whether it threw.
bool foldBothWays(UsageSnapshotState& tree, UsageSnapshotState& streamed, const std::string& text, bool asState,
                  const std::string& what) {
    std::string treeError, streamError;
    const std::string before = dump(streamed);
    try {
        const JsonValue parsed = parseJson(text);
        asState ? tree.readState(parsed) : tree.addDelta(parsed);
    } catch (const std::runtime_error& e) {
        treeError = e.what();
    }
    try {
        asState ? streamed.readStateText(text) : streamed.addDeltaText(text);
    } catch (const std::runtime_error& e) {
        streamError = e.what();
    }
    CPPUNIT_ASSERT_EQUAL_MESSAGE(what + "\n" + text, treeError, streamError);
    if (!streamError.empty()) CPPUNIT_ASSERT_EQUAL_MESSAGE("unchanged after " + streamError, before, dump(streamed));
    CPPUNIT_ASSERT_EQUAL_MESSAGE(what + "\n" + text, dump(tree), dump(streamed));
    return !streamError.empty();
}

}  // namespace

class UsageSnapshotTextTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(UsageSnapshotTextTest);
    CPPUNIT_TEST(renderedDeltasFoldAsTheTreeDoes);
    CPPUNIT_TEST(stateDocumentsReadAsTheTreeDoes);
    CPPUNIT_TEST(reshapedValidTextFoldsAsTheTreeDoes);
    CPPUNIT_TEST(truncatedTextIsRejectedAndChangesNothing);
    CPPUNIT_TEST(corruptTextFailsAsTheTreeDoes);
    CPPUNIT_TEST(oddButValidValues);
    CPPUNIT_TEST_SUITE_END();

public:
    void renderedDeltasFoldAsTheTreeDoes() {
        for (std::uint64_t seed = 1; seed <= 40; ++seed) {
            Rng rng(seed);
            UsageSnapshotState tree(specs()), streamed(specs());
            for (int day = 1; day <= 28; ++day)
                foldBothWays(tree, streamed, randomDelta(rng, day), false, "seed " + std::to_string(seed));
            CPPUNIT_ASSERT(!streamed.empty());
        }
    }

    void stateDocumentsReadAsTheTreeDoes() {
        for (std::uint64_t seed = 1; seed <= 20; ++seed) {
            Rng rng(seed);
            UsageSnapshotState source(specs());
            for (int day = 1; day <= 10; ++day) source.addDeltaText(randomDelta(rng, day));
            UsageSnapshotRender render;
            render.lists = specs();
            render.stamps = {{"2024-01-01", "2024-02-01T00:00:00"}};
            const std::string state = source.stateDocument("c", "2024-01-10", render);
            UsageSnapshotState tree(specs()), streamed(specs());
            tree.addDeltaText(randomDelta(rng, 11));  // replaced by the state
            streamed.addDeltaText(randomDelta(rng, 11));
            foldBothWays(tree, streamed, state, true, "state, seed " + std::to_string(seed));
            // The same sums (a state lists its items in map order, which reading may change).
            CPPUNIT_ASSERT_EQUAL(source.snapshotDocument("c", "d", "t", 1000), streamed.snapshotDocument("c", "d", "t", 1000));
        }
    }

    void reshapedValidTextFoldsAsTheTreeDoes() {
        for (std::uint64_t seed = 1; seed <= 300; ++seed) {
            Rng rng(seed);
            Writer writer(rng);
            UsageSnapshotState tree(specs()), streamed(specs());
            for (int day = 1; day <= 4; ++day) {
                JsonValue v = parseJson(randomDelta(rng, day));
                reshape(rng, v, 0);
                const bool threw = foldBothWays(tree, streamed, writer.write(v), false, "seed " + std::to_string(seed));
                CPPUNIT_ASSERT_MESSAGE("valid JSON rejected, seed " + std::to_string(seed), !threw);
            }
        }
    }

    void truncatedTextIsRejectedAndChangesNothing() {
        Rng rng(7);
        UsageSnapshotState tree(specs()), streamed(specs());
        foldBothWays(tree, streamed, randomDelta(rng, 1), false, "first");
        const std::string text = randomDelta(rng, 2);
        for (std::size_t cut = 0; cut < text.size(); cut += 1 + cut / 64) {
            const bool threw = foldBothWays(tree, streamed, text.substr(0, cut), false, "cut at " + std::to_string(cut));
            CPPUNIT_ASSERT_MESSAGE("accepted a prefix of " + std::to_string(cut) + " bytes", threw);
        }
        CPPUNIT_ASSERT(!foldBothWays(tree, streamed, text, false, "whole"));
    }

    void corruptTextFailsAsTheTreeDoes() {
        static const std::string kBytes = "{}[]\",:\\0123456789.-+eEtfnul x\x01\n";
        int rejected = 0;
        for (std::uint64_t seed = 1; seed <= 400; ++seed) {
            Rng rng(seed);
            UsageSnapshotState tree(specs()), streamed(specs());
            foldBothWays(tree, streamed, randomDelta(rng, 1), false, "first");
            std::string text = randomDelta(rng, 2);
            for (std::int64_t k = rng.range(1, 3); k > 0; --k) {
                const auto at = static_cast<std::size_t>(rng.range(0, static_cast<std::int64_t>(text.size()) - 1));
                const char c = kBytes[static_cast<std::size_t>(rng.range(0, kBytes.size() - 1))];
                switch (rng.range(0, 2)) {
                    case 0: text[at] = c; break;
                    case 1: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c); break;
                    default: text.erase(at, 1);
                }
            }
            rejected += foldBothWays(tree, streamed, text, false, "seed " + std::to_string(seed)) ? 1 : 0;
        }
        CPPUNIT_ASSERT_MESSAGE("corruptions rejected: " + std::to_string(rejected), rejected > 100);
    }

    void oddButValidValues() {
        const std::vector<std::string> texts = {
            "[]", "null", "{}", R"({"totals":[],"subcounts":[]})",
            R"({"totals":{"view":{"total_events":2.5,"unique_visitors":1e3,"unique_records":-0,"unique_parents":"7"}}})",
            R"({"totals":{"view":{"total_events":12345678901234567890}}})",
            R"({"totals":{"view":{"total_events":1.0000000000000000001,"unique_visitors":0000000000000000000000002}}})",
            R"({"totals":{"view":{"total_events":1}},"totals":{"view":{"total_events":5}}})",
            R"({"subcounts":{"by_subject":[{"id":"a","id":"b","label":"L","label":"M","view":{"total_events":1}}]}})",
            R"({"subcounts":{"by_subject":[{"id":7,"view":{"total_events":1}},{"label":"x"},3,"s",[]]}})",
            R"({"subcounts":{"by_subject":{"id":"a"},"by_country":[{"id":"\ud83d\ude00","label":"\u00e9\/"}]}})",
            R"({"subcounts":{"by_subject":[{"id":"a","view":{"total_events":1}}]},"subcounts":{"by_subject":[{"id":"b"}]}})",
            R"({"totals":{"view":{"total_events":01}}})", R"({"a":"\ud800"})", R"({"a":"\ud800\u0041"})"};
        std::vector<std::string> all = texts;
        for (int depth : {64, 65})  // the member's value has depth 1: 65 nested arrays go one too deep
            all.push_back("{\"x\":" + std::string(depth, '[') + std::string(depth, ']') + "}");
        for (const std::string& text : all) {
            UsageSnapshotState tree(specs()), streamed(specs());
            foldBothWays(tree, streamed, text, false, "delta");
            foldBothWays(tree, streamed, text, true, "state");
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(UsageSnapshotTextTest);
