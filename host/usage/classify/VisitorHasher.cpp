#include "usage/classify/VisitorHasher.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "statshost/Errors.h"
#include "usage/classify/UtcSlices.h"

namespace statshost::usage {

namespace {

constexpr std::size_t kHexChars = 32;

}  // namespace

namespace {

/// One HMAC-SHA256 context per thread, its digest fetched once: OpenSSL 3's one-shot HMAC() fetches the
/// algorithms from the provider store (locks, lookups) on every call, which cost more than the hashing.
/// The context remembers the key it was last keyed with: hashes of one day share their salt, and
/// re-initialising with the same key only restores the precomputed inner state (keying hashes the key
/// pads again: two more SHA-256 blocks per call).
struct ThreadHmac {
    EVP_MAC_CTX* ctx = nullptr;
    std::string key;     ///< the key `ctx` holds
    bool keyed = false;  ///< false until a key was set successfully
};

ThreadHmac& threadHmac() {
    struct Holder {
        EVP_MAC* mac = nullptr;
        ThreadHmac state;
        EVP_MAC_CTX*& ctx = state.ctx;
        Holder() {
            mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
            if (mac) ctx = EVP_MAC_CTX_new(mac);
            char digest[] = "SHA256";
            const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                                         OSSL_PARAM_construct_end()};
            if (ctx && !EVP_MAC_CTX_set_params(ctx, params)) {
                EVP_MAC_CTX_free(ctx);
                ctx = nullptr;
            }
        }
        ~Holder() {
            EVP_MAC_CTX_free(ctx);
            EVP_MAC_free(mac);
        }
    };
    thread_local Holder holder;
    if (!holder.ctx) throw Error("HMAC-SHA256 is not available from OpenSSL");
    return holder.state;
}

}  // namespace

std::string hmacSha256(const std::string& key, const std::string& message) {
    ThreadHmac& hmac = threadHmac();
    EVP_MAC_CTX* ctx = hmac.ctx;
    unsigned char out[EVP_MAX_MD_SIZE];
    std::size_t length = 0;
    bool initialised;
    if (hmac.keyed && hmac.key == key) {
        initialised = EVP_MAC_init(ctx, nullptr, 0, nullptr);  // same key: reuse it
    } else {
        hmac.keyed = false;
        // A key of length 0 must still be passed as a (non-null) buffer to re-key the context.
        static const unsigned char kEmpty = 0;
        const auto* k = key.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(key.data());
        initialised = EVP_MAC_init(ctx, k, key.size(), nullptr);
        if (initialised) {
            hmac.key = key;
            hmac.keyed = true;
        }
    }
    if (!initialised ||
        !EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(message.data()), message.size()) ||
        !EVP_MAC_final(ctx, out, &length, sizeof out))
        throw Error("HMAC-SHA256 failed");
    return std::string(reinterpret_cast<const char*>(out), length);
}

VisitorHasher::VisitorHasher(std::string secret) : _secret(std::move(secret)) {
    if (_secret.empty()) throw ConfigError("", "the visitor-hash secret is empty");
}

std::string VisitorHasher::salt(std::int64_t day) const {
    {
        std::lock_guard<std::mutex> lock(_saltsMutex);
        if (auto it = _salts.find(day); it != _salts.end()) return it->second;
    }
    std::string salt = hmacSha256(_secret, formatUtcDay(day));
    std::lock_guard<std::mutex> lock(_saltsMutex);
    if (_salts.size() >= kCachedSalts) _salts.clear();  // bounded; live traffic needs one or two days
    _salts.emplace(day, salt);
    return salt;
}

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

VisitorIds VisitorHasher::ids(const VisitorFields& fields, std::int64_t timestampMicros) const {
    VisitorIds out;
    out.visitorId = visitorId(fields, timestampMicros);
    // Without a user id both precedences fall to the same identity (VisitorIdentity.h).
    out.sessionId = normaliseId(fields.userId) ? uniqueSessionId(fields, timestampMicros) : out.visitorId;
    return out;
}

}  // namespace statshost::usage
