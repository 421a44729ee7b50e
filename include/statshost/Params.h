#pragma once
/// Params: a read-only, typed view of one plugin's configuration block (the YAML `params:` mapping
/// of an aggregation, component or blueprint), converted by the host from YAML.
///
/// Every accessor names the full key path in the ConfigError it throws, so a plugin's validation
/// messages point at the operator's YAML. Header only: plugins do not link against the host.
#include <cstdint>
#include <string>
#include <vector>

#include <Poco/Dynamic/Struct.h>
#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "statshost/Errors.h"

namespace statshost {

class Params {
public:
    Params() : _value(Poco::Dynamic::Var()), _path() {}
    Params(Poco::Dynamic::Var value, std::string path) : _value(std::move(value)), _path(std::move(path)) {}

    /// Params over a parsed JSON value (Poco::JSON::Parser output: objects and arrays by Ptr),
    /// converted to the mapping/list tree the accessors read.
    static Params fromJson(const Poco::Dynamic::Var& parsed, std::string path) {
        return Params(jsonTree(parsed), std::move(path));
    }

    const std::string& path() const { return _path; }
    const Poco::Dynamic::Var& raw() const { return _value; }
    bool isEmpty() const { return _value.isEmpty(); }
    bool isMap() const { return _value.type() == typeid(Poco::Dynamic::Struct<std::string>); }
    bool isList() const { return _value.isArray() && !_value.isString(); }

    bool has(const std::string& key) const { return isMap() && map().contains(key); }

    /// Keys of a mapping in sorted order ([] for anything else).
    std::vector<std::string> keys() const {
        std::vector<std::string> out;
        if (isMap()) for (const auto& kv : map()) out.push_back(kv.first);
        return out;
    }

    /// The child at `key`; empty Params when absent. Throws if this node is neither empty nor a map.
    Params child(const std::string& key) const {
        if (_value.isEmpty()) return Params(Poco::Dynamic::Var(), join(key));
        if (!isMap()) throw ConfigError(_path, "expected a mapping");
        const auto& m = map();
        auto it = m.find(key);
        return Params(it == m.end() ? Poco::Dynamic::Var() : it->second, join(key));
    }

    /// Elements of a list (empty when absent).
    std::vector<Params> items() const {
        std::vector<Params> out;
        if (_value.isEmpty()) return out;
        if (!isList()) throw ConfigError(_path, "expected a list");
        for (std::size_t i = 0; i < _value.size(); ++i)
            out.emplace_back(_value[i], _path + "[" + std::to_string(i) + "]");
        return out;
    }

    std::string asString() const {
        if (!_value.isString()) throw ConfigError(_path, "expected a string");
        return _value.extract<std::string>();
    }
    bool asBool() const {
        if (_value.type() != typeid(bool)) throw ConfigError(_path, "expected true or false");
        return _value.extract<bool>();
    }
    std::int64_t asInt() const {
        if (!_value.isInteger() || _value.type() == typeid(bool)) throw ConfigError(_path, "expected an integer");
        return _value.convert<std::int64_t>();
    }
    double asNumber() const {
        if (!_value.isNumeric() || _value.type() == typeid(bool)) throw ConfigError(_path, "expected a number");
        return _value.convert<double>();
    }
    std::vector<std::string> asStringList() const {
        std::vector<std::string> out;
        for (const auto& p : items()) out.push_back(p.asString());
        return out;
    }

    std::string getString(const std::string& key, const std::string& dflt) const {
        auto c = child(key);
        return c.isEmpty() ? dflt : c.asString();
    }
    bool getBool(const std::string& key, bool dflt) const {
        auto c = child(key);
        return c.isEmpty() ? dflt : c.asBool();
    }
    std::int64_t getInt(const std::string& key, std::int64_t dflt) const {
        auto c = child(key);
        return c.isEmpty() ? dflt : c.asInt();
    }
    double getNumber(const std::string& key, double dflt) const {
        auto c = child(key);
        return c.isEmpty() ? dflt : c.asNumber();
    }

    /// Throws ConfigError naming the first key not in `allowed` (for plugins that want strict params).
    void requireOnlyKeys(const std::vector<std::string>& allowed) const {
        for (const auto& k : keys()) {
            bool ok = false;
            for (const auto& a : allowed) ok = ok || a == k;
            if (!ok) throw ConfigError(join(k), "unknown key");
        }
    }

private:
    static Poco::Dynamic::Var jsonTree(const Poco::Dynamic::Var& v) {
        if (v.type() == typeid(Poco::JSON::Object::Ptr)) {
            Poco::Dynamic::Struct<std::string> s;
            for (const auto& kv : *v.extract<Poco::JSON::Object::Ptr>()) s.insert(kv.first, jsonTree(kv.second));
            return s;
        }
        if (v.type() == typeid(Poco::JSON::Array::Ptr)) {
            std::vector<Poco::Dynamic::Var> items;
            for (const auto& item : *v.extract<Poco::JSON::Array::Ptr>()) items.push_back(jsonTree(item));
            return items;
        }
        return v;
    }

    const Poco::Dynamic::Struct<std::string>& map() const {
        return _value.extract<Poco::Dynamic::Struct<std::string>>();
    }
    std::string join(const std::string& key) const { return _path.empty() ? key : _path + "." + key; }

    Poco::Dynamic::Var _value;
    std::string _path;
};

}  // namespace statshost
