#include "config/YamlReader.h"

#include <regex>

#include <Poco/Dynamic/Struct.h>

namespace statshost::config {

namespace {

const std::regex kInteger(R"([-+]?[0-9]+)");
const std::regex kFloat(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");

bool isPlain(const YAML::Node& n) { return n.Tag() == "?" || n.Tag().empty(); }

bool plainIsNull(const std::string& s) { return s == "~" || s == "null" || s == "Null" || s == "NULL" || s.empty(); }

int parseBool(const std::string& s) {
    if (s == "true" || s == "True" || s == "TRUE") return 1;
    if (s == "false" || s == "False" || s == "FALSE") return 0;
    return -1;
}

void checkDuplicateKeys(const YAML::Node& node, const std::string& file, const std::string& path) {
    std::set<std::string> seen;
    for (const auto& kv : node) {
        auto key = kv.first.Scalar();
        if (!seen.insert(key).second)
            throw ConfigError(file + ": " + (path.empty() ? key : path + "." + key), "duplicate key");
    }
}

}  // namespace

YamlReader::YamlReader(YAML::Node node, std::string file, std::string path)
    : _node(std::move(node)), _file(std::move(file)), _path(std::move(path)) {
    if (_node && !_node.IsNull() && !_node.IsMap())
        throw ConfigError(_file + ": " + (_path.empty() ? "(top level)" : _path), "expected a mapping");
    if (_node && _node.IsMap()) checkDuplicateKeys(_node, _file, _path);
}

std::string YamlReader::keyPath(const std::string& key) const { return _path.empty() ? key : _path + "." + key; }

void YamlReader::fail(const std::string& key, const std::string& problem) const {
    throw ConfigError(_file + ": " + (key.empty() ? (_path.empty() ? "(top level)" : _path) : keyPath(key)), problem);
}

bool YamlReader::has(const std::string& key) const {
    if (!_node || !_node.IsMap()) return false;
    auto n = _node[key];
    return n && !n.IsNull();
}

std::vector<std::string> YamlReader::keys() const {
    std::vector<std::string> out;
    if (_node && _node.IsMap())
        for (const auto& kv : _node) out.push_back(kv.first.Scalar());
    return out;
}

YAML::Node YamlReader::node(const std::string& key) {
    _read.insert(key);
    if (!_node || !_node.IsMap()) return YAML::Node();
    return _node[key];
}

YAML::Node YamlReader::scalar(const std::string& key) {
    auto n = node(key);
    if (n && !n.IsNull() && !n.IsScalar()) fail(key, "expected a single value, not a list or mapping");
    return n;
}

std::string YamlReader::string(const std::string& key, const std::string& dflt) {
    auto n = scalar(key);
    if (!n || n.IsNull()) return dflt;
    if (isPlain(n) && (parseBool(n.Scalar()) >= 0))
        fail(key, "expected a string, got '" + n.Scalar() + "' (quote it if you mean the text)");
    return n.Scalar();
}

bool YamlReader::boolean(const std::string& key, bool dflt) {
    auto n = scalar(key);
    if (!n || n.IsNull()) return dflt;
    int b = isPlain(n) ? parseBool(n.Scalar()) : -1;
    if (b < 0) fail(key, "expected true or false, got '" + n.Scalar() + "'");
    return b == 1;
}

std::int64_t YamlReader::integer(const std::string& key, std::int64_t dflt, std::int64_t min, std::int64_t max) {
    auto n = scalar(key);
    if (!n || n.IsNull()) return dflt;
    const auto& s = n.Scalar();
    if (!isPlain(n) || !std::regex_match(s, kInteger)) fail(key, "expected an integer, got '" + s + "'");
    std::int64_t v = 0;
    try {
        v = std::stoll(s);
    } catch (const std::exception&) {
        fail(key, "integer out of range: " + s);
    }
    if (v < min || v > max)
        fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " + s);
    return v;
}

std::vector<std::string> YamlReader::stringList(const std::string& key) {
    auto n = node(key);
    std::vector<std::string> out;
    if (!n || n.IsNull()) return out;
    if (!n.IsSequence()) fail(key, "expected a list of strings");
    for (std::size_t i = 0; i < n.size(); ++i) {
        if (!n[i].IsScalar()) fail(key + "[" + std::to_string(i) + "]", "expected a string");
        out.push_back(n[i].Scalar());
    }
    return out;
}

Params YamlReader::params(const std::string& key) {
    auto n = node(key);
    return toParams(n, _file, keyPath(key));
}

YamlReader YamlReader::child(const std::string& key) {
    auto n = node(key);
    if (n && !n.IsNull() && !n.IsMap()) fail(key, "expected a mapping");
    return YamlReader(n, _file, keyPath(key));
}

void YamlReader::finish() const {
    for (const auto& k : keys())
        if (!_read.count(k)) fail(k, "unknown key");
}

Params toParams(const YAML::Node& node, const std::string& file, const std::string& path) {
    using Poco::Dynamic::Var;
    if (!node || node.IsNull()) return Params(Var(), file + ": " + path);
    if (node.IsMap()) {
        checkDuplicateKeys(node, file, path);
        Poco::Dynamic::Struct<std::string> s;
        for (const auto& kv : node) {
            auto key = kv.first.Scalar();
            s.insert(key, toParams(kv.second, file, path.empty() ? key : path + "." + key).raw());
        }
        return Params(Var(s), file + ": " + path);
    }
    if (node.IsSequence()) {
        std::vector<Var> items;
        for (std::size_t i = 0; i < node.size(); ++i)
            items.push_back(toParams(node[i], file, path + "[" + std::to_string(i) + "]").raw());
        return Params(Var(items), file + ": " + path);
    }
    const std::string& s = node.Scalar();
    if (!isPlain(node)) return Params(Var(s), file + ": " + path);
    if (plainIsNull(s)) return Params(Var(), file + ": " + path);
    int b = parseBool(s);
    if (b >= 0) return Params(Var(b == 1), file + ": " + path);
    if (std::regex_match(s, kInteger)) {
        try {
            return Params(Var(static_cast<Poco::Int64>(std::stoll(s))), file + ": " + path);
        } catch (const std::exception&) {
        }
    }
    if (std::regex_match(s, kFloat)) return Params(Var(std::stod(s)), file + ": " + path);
    return Params(Var(s), file + ": " + path);
}

YAML::Node loadYamlFile(const std::string& file) {
    try {
        return YAML::LoadFile(file);
    } catch (const YAML::BadFile&) {
        throw ConfigError(file, "cannot read the file");
    } catch (const YAML::ParserException& e) {
        throw ConfigError(file + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1),
                          "YAML syntax error: " + e.msg);
    }
}

}  // namespace statshost::config
