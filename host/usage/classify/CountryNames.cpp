#include "usage/classify/CountryNames.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "statshost/Errors.h"
#include "usage/classify/TextFile.h"

namespace statshost::usage {

namespace {

std::string nonEmptyString(const Poco::JSON::Object::Ptr& entry, const std::string& key) {
    const Poco::Dynamic::Var v = entry->get(key);
    return v.isString() ? v.extract<std::string>() : std::string();
}

}  // namespace

CountryNames CountryNames::fromFile(const std::string& path) { return fromJson(readTextFile(path), path); }

CountryNames CountryNames::fromJson(const std::string& text, const std::string& source) {
    Poco::JSON::Object::Ptr root;
    try {
        Poco::JSON::Parser parser;
        const Poco::Dynamic::Var parsed = parser.parse(text);
        if (parsed.type() == typeid(Poco::JSON::Object::Ptr)) root = parsed.extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception& e) {
        throw ConfigError(source, "invalid JSON: " + e.displayText());
    }
    Poco::JSON::Array::Ptr list = root ? root->getArray("3166-1") : nullptr;
    if (!list) throw ConfigError(source, "expected an object with a \"3166-1\" array");
    CountryNames names;
    for (std::size_t i = 0; i < list->size(); ++i) {
        Poco::JSON::Object::Ptr entry = list->getObject(static_cast<unsigned>(i));
        if (!entry) continue;
        const std::string code = nonEmptyString(entry, "alpha_2");
        if (code.size() != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z') continue;
        std::string label = nonEmptyString(entry, "common_name");
        if (label.empty()) label = nonEmptyString(entry, "name");
        if (label.empty()) label = code;
        names._labels.emplace(code, std::move(label));
    }
    if (names._labels.empty()) throw ConfigError(source, "holds no country");
    return names;
}

bool CountryNames::valid(const std::string& code) const { return _labels.count(code) != 0; }

std::string CountryNames::label(const std::string& code) const {
    auto it = _labels.find(normalise(code));
    return it == _labels.end() ? code : it->second;
}

std::string CountryNames::normalise(const std::string& raw) const {
    static const char* const kSpace = " \t\r\n\f\v";
    const auto first = raw.find_first_not_of(kSpace);
    if (first == std::string::npos) return "";
    std::string code = raw.substr(first, raw.find_last_not_of(kSpace) - first + 1);
    for (char& c : code)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return valid(code) ? code : "";
}

}  // namespace statshost::usage
