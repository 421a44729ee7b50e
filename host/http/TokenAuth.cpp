#include "http/TokenAuth.h"

#include <algorithm>
#include <cctype>

#include <Poco/SHA2Engine.h>

#include "statshost/Errors.h"

namespace statshost::http {

namespace {

const std::set<std::string> kKnownScopes = {"ingest", "admin", "read-restricted"};

std::vector<unsigned char> sha256(const std::string& data) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(data);
    return engine.digest();
}

bool parseHexDigest(const std::string& hex, std::array<unsigned char, 32>& out) {
    if (hex.size() != out.size() * 2) return false;
    for (std::size_t i = 0; i < out.size(); ++i) {
        unsigned value = 0;
        for (char c : {hex[2 * i], hex[2 * i + 1]}) {
            int d = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                    : (c >= 'a' && c <= 'f')                    ? c - 'a' + 10
                    : (c >= 'A' && c <= 'F')                    ? c - 'A' + 10
                                                                : -1;
            if (d < 0) return false;
            value = value * 16 + static_cast<unsigned>(d);
        }
        out[i] = static_cast<unsigned char>(value);
    }
    return true;
}

/// The secret of "Bearer <secret>", or "" when the value has another form.
std::string bearerSecret(const std::string& header) {
    static const std::string kScheme = "bearer";
    if (header.size() <= kScheme.size() || header[kScheme.size()] != ' ') return "";
    for (std::size_t i = 0; i < kScheme.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i]) return "";
    std::size_t begin = header.find_first_not_of(' ', kScheme.size());
    if (begin == std::string::npos) return "";
    std::size_t end = header.find_last_not_of(" \t");
    std::string secret = header.substr(begin, end + 1 - begin);
    if (secret.find_first_of(" \t") != std::string::npos) return "";
    return secret;
}

}  // namespace

bool Identity::hasScope(const std::string& scope) const { return scopes.count(scope) || scopes.count("admin"); }

bool Identity::permits(Permission p) const { return p == Permission::Public || hasScope(scopeName(p)); }

TokenAuth::TokenAuth(const std::vector<config::TokenConfig>& tokens) {
    std::set<std::string> names;
    for (const config::TokenConfig& t : tokens) {
        const std::string key = "tokens." + t.name;
        if (t.name.empty()) throw ConfigError("tokens", "a token has an empty name");
        if (!names.insert(t.name).second) throw ConfigError(key, "token name repeats");
        Token token;
        if (!parseHexDigest(t.sha256Hex, token.digest)) throw ConfigError(key + ".sha256", "not 64 hex digits");
        for (const Token& other : _tokens)
            if (other.digest == token.digest)
                throw ConfigError(key + ".sha256", "same secret as token '" + other.identity.name + "'");
        for (const std::string& scope : t.scopes) {
            if (!kKnownScopes.count(scope))
                throw ConfigError(key + ".scopes", "unknown scope '" + scope + "' (ingest, admin, read-restricted)");
            token.identity.scopes.insert(scope);
        }
        token.identity.name = t.name;
        _tokens.push_back(std::move(token));
    }
}

std::optional<Identity> TokenAuth::authenticate(const std::string& authorizationHeader) const {
    std::string secret = bearerSecret(authorizationHeader);
    if (secret.empty()) return std::nullopt;
    std::vector<unsigned char> presented = sha256(secret);
    const Token* match = nullptr;
    for (const Token& token : _tokens) {
        unsigned char diff = 0;
        for (std::size_t i = 0; i < token.digest.size(); ++i) diff |= static_cast<unsigned char>(token.digest[i] ^ presented[i]);
        if (diff == 0 && !match) match = &token;
    }
    if (!match) return std::nullopt;
    return match->identity;
}

std::string TokenAuth::sha256Hex(const std::string& secret) { return Poco::DigestEngine::digestToHex(sha256(secret)); }

}  // namespace statshost::http
