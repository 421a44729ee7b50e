// parseJson(): a small recursive-descent tree builder for the documents the usage families read back, on
// the shared cursor (UsageDeltaTextCursor.h) whose grammar the streaming readers use too.
#include "UsageDeltaTextCursor.h"
#include "UsageJson.h"

namespace statshost::aggregators::usagestats {

namespace {

class TreeBuilder {
public:
    explicit TreeBuilder(const std::string& text) : _c(text) {}

    JsonValue document() {
        JsonValue v = value(0);
        _c.expectEnd();
        return v;
    }

private:
    std::string text() { return std::string(_c.string(_scratch)); }

    JsonValue value(int depth) {
        if (depth > JsonCursor::kMaxDepth) _c.fail("nested too deeply");
        JsonValue v;
        const char c = _c.peek();
        if (c == '{') {
            v.type = JsonValue::Type::Object;
            _c.expect('{');
            if (_c.consume('}')) return v;
            do {
                std::string key(_c.memberName(_scratch));
                v.members.emplace_back(std::move(key), value(depth + 1));
            } while (_c.consume(','));
            _c.expect('}');
        } else if (c == '[') {
            v.type = JsonValue::Type::Array;
            _c.expect('[');
            if (_c.consume(']')) return v;
            do v.items.push_back(value(depth + 1));
            while (_c.consume(','));
            _c.expect(']');
        } else if (c == '"') {
            v.type = JsonValue::Type::String;
            v.text = text();
        } else if (c == 't') {
            _c.literal("true");
            v.type = JsonValue::Type::Bool;
            v.boolean = true;
        } else if (c == 'f') {
            _c.literal("false");
            v.type = JsonValue::Type::Bool;
        } else if (c == 'n') {
            _c.literal("null");
        } else {
            v.type = JsonValue::Type::Number;
            v.number = JsonCursor::numberValue(_c.numberText());
        }
        return v;
    }

    JsonCursor _c;
    std::string _scratch;
};

}  // namespace

JsonValue parseJson(const std::string& text) { return TreeBuilder(text).document(); }

}  // namespace statshost::aggregators::usagestats
