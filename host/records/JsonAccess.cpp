#include "records/JsonAccess.h"

namespace statshost::records {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

void collectInto(const Poco::Dynamic::Var& node, const std::vector<std::string>& segments, std::size_t next,
                 std::vector<Poco::Dynamic::Var>& out) {
    if (isNull(node)) return;
    if (auto array = asArray(node)) {
        for (const auto& element : *array) collectInto(element, segments, next, out);
        return;
    }
    if (next == segments.size()) {
        out.push_back(node);
        return;
    }
    if (auto object = asObject(node)) collectInto(object->get(segments[next]), segments, next + 1, out);
}

}  // namespace

std::string trim(std::string_view text) {
    std::size_t begin = 0, end = text.size();
    while (begin < end && isSpace(text[begin])) ++begin;
    while (end > begin && isSpace(text[end - 1])) --end;
    return std::string(text.substr(begin, end - begin));
}

Poco::JSON::Object::Ptr asObject(const Poco::Dynamic::Var& value) {
    if (value.type() == typeid(Poco::JSON::Object::Ptr)) return value.extract<Poco::JSON::Object::Ptr>();
    if (value.type() == typeid(Poco::JSON::Object)) return new Poco::JSON::Object(value.extract<Poco::JSON::Object>());
    return nullptr;
}

Poco::JSON::Array::Ptr asArray(const Poco::Dynamic::Var& value) {
    if (value.type() == typeid(Poco::JSON::Array::Ptr)) return value.extract<Poco::JSON::Array::Ptr>();
    if (value.type() == typeid(Poco::JSON::Array)) return new Poco::JSON::Array(value.extract<Poco::JSON::Array>());
    return nullptr;
}

bool isNull(const Poco::Dynamic::Var& value) {
    if (value.isEmpty()) return true;
    if (value.type() == typeid(Poco::JSON::Object::Ptr)) return value.extract<Poco::JSON::Object::Ptr>().isNull();
    if (value.type() == typeid(Poco::JSON::Array::Ptr)) return value.extract<Poco::JSON::Array::Ptr>().isNull();
    return false;
}

bool isString(const Poco::Dynamic::Var& value) { return !value.isEmpty() && value.isString(); }

bool isInteger(const Poco::Dynamic::Var& value) {
    return !value.isEmpty() && value.isInteger() && value.type() != typeid(bool);
}

std::optional<std::string> idText(const Poco::Dynamic::Var& value) {
    std::string text;
    if (isString(value))
        text = trim(value.extract<std::string>());
    else if (isInteger(value))
        text = value.convert<std::string>();
    if (text.empty()) return std::nullopt;
    return text;
}

std::vector<std::string> splitPath(const std::string& path) {
    std::vector<std::string> out;
    if (path == ".") return out;
    std::size_t start = 0;
    while (true) {
        const auto dot = path.find('.', start);
        out.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos) return out;
        start = dot + 1;
    }
}

bool isValidPath(const std::string& path) {
    if (path == ".") return true;
    if (path.empty()) return false;
    for (const auto& segment : splitPath(path))
        if (segment.empty()) return false;
    return true;
}

std::vector<Poco::Dynamic::Var> collect(const Poco::Dynamic::Var& root, const std::vector<std::string>& segments) {
    std::vector<Poco::Dynamic::Var> out;
    collectInto(root, segments, 0, out);
    return out;
}

}  // namespace statshost::records
