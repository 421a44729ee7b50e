#include "usage/classify/VisitorHasher.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "statshost/Errors.h"
#include "usage/classify/UtcSlices.h"

namespace statshost::usage {

namespace {

constexpr std::size_t kHexChars = 32;

}  // namespace

std::string hmacSha256(const std::string& key, const std::string& message) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
              reinterpret_cast<const unsigned char*>(message.data()), message.size(), out, &length))
        throw Error("HMAC-SHA256 failed");
    return std::string(reinterpret_cast<const char*>(out), length);
}

VisitorHasher::VisitorHasher(std::string secret) : _secret(std::move(secret)) {
    if (_secret.empty()) throw ConfigError("", "the visitor-hash secret is empty");
}

std::string VisitorHasher::salt(std::int64_t day) const { return hmacSha256(_secret, formatUtcDay(day)); }

std::string VisitorHasher::hash(const std::string& identity, std::int64_t day) const {
    static const char* const kDigits = "0123456789abcdef";
    const std::string mac = hmacSha256(salt(day), identity);
    std::string hex;
    hex.reserve(kHexChars);
    for (std::size_t i = 0; i < kHexChars / 2; ++i) {
        const unsigned char b = static_cast<unsigned char>(mac[i]);
        hex += kDigits[b >> 4];
        hex += kDigits[b & 0x0F];
    }
    return hex;
}

std::string VisitorHasher::visitorId(const VisitorFields& fields, std::int64_t timestampMicros) const {
    return hash(visitorIdentity(fields, timestampMicros));
}

std::string VisitorHasher::uniqueSessionId(const VisitorFields& fields, std::int64_t timestampMicros) const {
    return hash(sessionIdentity(fields, timestampMicros));
}

}  // namespace statshost::usage
