#pragma once
/// Bearer-token authentication against the configured tokens (only SHA-256 digests are kept).
///
/// Threading: immutable after construction; authenticate() may run on any number of threads.
#include <array>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "config/Config.h"
#include "statshost/Http.h"

namespace statshost::http {

/// The token a request authenticated with.
struct Identity {
    std::string name;
    std::set<std::string> scopes;

    /// True when the scopes contain `scope` or "admin" (admin implies every scope).
    bool hasScope(const std::string& scope) const;
    /// True when this identity may call a route with permission `p` (Public: always).
    bool permits(Permission p) const;
};

class TokenAuth {
public:
    /// Throws statshost::ConfigError ("tokens.<name>...") for an empty or repeated name, a digest
    /// that is not 64 hex digits, a digest used by two tokens, or a scope other than
    /// ingest, admin, read-restricted.
    explicit TokenAuth(const std::vector<config::TokenConfig>& tokens);

    /// Parses an Authorization header value "Bearer <secret>" (scheme case-insensitive),
    /// hashes the secret and compares the digest with every token's in constant time.
    /// Returns the matching identity, or nothing for a missing, malformed or unknown token.
    std::optional<Identity> authenticate(const std::string& authorizationHeader) const;

    /// Lower-case hex SHA-256 of `secret`, the form stored in TokenConfig::sha256Hex.
    static std::string sha256Hex(const std::string& secret);

private:
    using Digest = std::array<unsigned char, 32>;
    struct Token {
        Digest digest;
        Identity identity;
    };
    std::vector<Token> _tokens;
};

}  // namespace statshost::http
