#pragma once
/// Loads statshost.yaml and the stats/dashboard files it names into a Config, validates every key,
/// then applies the environment overrides. Throws ConfigError naming file and key path.
#include <map>
#include <string>

#include "config/Config.h"

namespace statshost::config {

/// Environment variables read by applyEnvironment (a map so tests need not touch the process env).
using Environment = std::map<std::string, std::string>;

/// The STATSHOST_* variables of the current process.
Environment processEnvironment();

/// Parses and validates; relative paths are resolved against the folder of `statshostYaml`.
Config loadConfig(const std::string& statshostYaml, const Environment& env);

/// Applies STATSHOST_DB, STATSHOST_TOKENS, STATSHOST_BIND, STATSHOST_PORT, STATSHOST_LOG_LEVEL.
void applyEnvironment(Config& config, const Environment& env);

/// Parses "name:secret:scope,scope;name2:secret2:scope" (the STATSHOST_TOKENS format).
std::vector<TokenConfig> parseTokenList(const std::string& text);

/// Lower-case hex SHA-256 of a token secret.
std::string sha256Hex(const std::string& secret);

/// The scope names a token may carry.
bool isKnownScope(const std::string& scope);

}  // namespace statshost::config
