#pragma once
/// Salted, daily-rotating hashes of visitor and session identities (SEMANTICS.md §6.2, §10.3).
///
///   salt(day)          = HMAC-SHA256(secret, "YYYY-MM-DD")          (UTC day of the event)
///   hash(identity,day) = hex(HMAC-SHA256(salt(day), identity))[0..32)  (32 lower-case hex chars)
///
/// The salt is a pure function of the persistent secret and the event's date, so late events of
/// day D hash like the on-time ones, restarts change nothing, and ids of different days cannot be
/// linked without the secret. The raw identity (ip, user agent, user or session id) never appears
/// in the output.
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "usage/classify/VisitorIdentity.h"

namespace statshost::usage {

/// Both hashed ids of one event.
struct VisitorIds {
    std::string visitorId;  ///< `visitor_id`
    std::string sessionId;  ///< `unique_session_id`
};

class VisitorHasher {
public:
    /// Throws statshost::ConfigError when `secret` is empty.
    explicit VisitorHasher(std::string secret);

    /// The 32-byte raw salt of a UTC day (days since 1970-01-01); cached per day. Thread-safe.
    std::string salt(std::int64_t day) const;
    /// 32 lower-case hex chars (128 bits) of HMAC-SHA256(salt(day), identity). Thread-safe.
    std::string hash(const std::string& identity, std::int64_t day) const;

    /// `visitor_id` of an event: hash(visitorIdentity(fields, ts).key, its day).
    std::string visitorId(const VisitorFields& fields, std::int64_t timestampMicros) const;
    /// `unique_session_id` of an event: hash(sessionIdentity(fields, ts).key, its day).
    std::string uniqueSessionId(const VisitorFields& fields, std::int64_t timestampMicros) const;
    /// hash(identity.key, identity.day).
    std::string hash(const VisitorIdentity& identity) const { return hash(identity.key, identity.day); }
    /// visitorId() and uniqueSessionId() of one event; the two identities are equal without a `user_id`
    /// (session id, ip|agent|hour or the shared day), and are then hashed once.
    VisitorIds ids(const VisitorFields& fields, std::int64_t timestampMicros) const;

private:
    static constexpr std::size_t kCachedSalts = 64;
    std::string _secret;
    mutable std::mutex _saltsMutex;
    mutable std::unordered_map<std::int64_t, std::string> _salts;  ///< day → salt (a pure function of both)
};

/// Raw HMAC-SHA256(key, message), 32 bytes.
std::string hmacSha256(const std::string& key, const std::string& message);

}  // namespace statshost::usage
