#pragma once
/// Strict reading of one YAML mapping: typed getters that remember which keys were read, and
/// finish() that rejects every key nobody asked for. Errors are ConfigErrors whose key path is
/// "<file>: <dotted.key.path>", so an operator sees exactly where the problem is.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "statshost/Errors.h"
#include "statshost/Params.h"

namespace statshost::config {

class YamlReader {
public:
    /// `node` must be a mapping or null (null reads as an empty mapping).
    YamlReader(YAML::Node node, std::string file, std::string path);

    bool has(const std::string& key) const;
    std::string string(const std::string& key, const std::string& dflt);
    bool boolean(const std::string& key, bool dflt);
    std::int64_t integer(const std::string& key, std::int64_t dflt, std::int64_t min, std::int64_t max);
    std::vector<std::string> stringList(const std::string& key);
    /// Any value, converted to Params (an absent key gives empty Params).
    Params params(const std::string& key);
    /// A child mapping reader (absent → empty mapping).
    YamlReader child(const std::string& key);
    /// The raw node of a key (marks it read).
    YAML::Node node(const std::string& key);
    /// Keys of this mapping in file order.
    std::vector<std::string> keys() const;

    /// Throws for the first key that was never read.
    void finish() const;

    [[noreturn]] void fail(const std::string& key, const std::string& problem) const;
    std::string keyPath(const std::string& key) const;
    const std::string& file() const { return _file; }
    const std::string& path() const { return _path; }

private:
    YAML::Node scalar(const std::string& key);

    YAML::Node _node;
    std::string _file;
    std::string _path;
    std::set<std::string> _read;
};

/// Converts a YAML tree to Params: mappings → Struct, sequences → arrays, quoted scalars →
/// strings, plain scalars → bool / integer / double / null / string by their YAML 1.2 core form.
/// Duplicate keys in a mapping are errors.
Params toParams(const YAML::Node& node, const std::string& file, const std::string& path);

/// Parses a YAML file; syntax errors become ConfigErrors naming the file, line and column.
YAML::Node loadYamlFile(const std::string& file);

}  // namespace statshost::config
