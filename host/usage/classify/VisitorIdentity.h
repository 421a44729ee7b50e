#pragma once
/// Who a usage event counts as (SEMANTICS.md §6.2, §9.5, §10.2), before hashing.
///
/// Precedence for the visitor:
///   1. `user_id` when present,
///   2. else `session_id`,
///   3. else `ip|user_agent|YYYYMMDDHH` (UTC hour of the event; `""` for a missing part),
///   4. only when user, session, ip and agent are all missing: one identity shared by every such
///      event of the UTC day (key `""`; the daily salt makes it differ per day).
/// A part is missing when absent or empty after trimming (ids and ip are trimmed; the agent is
/// taken as is). Ids compare as strings: JSON `7` and `"7"` are one visitor (see idFromJson).
/// The key is hashed by VisitorHasher together with the event's UTC day; it is never stored.
#include <cstdint>
#include <optional>
#include <string>

namespace Poco::Dynamic {
class Var;
}

namespace statshost::usage {

/// The raw "who" fields of an event (INVENIO_STATS.md §1.2), each absent when null or not given.
struct VisitorFields {
    std::optional<std::string> userId;
    std::optional<std::string> sessionId;
    std::optional<std::string> ip;
    std::optional<std::string> userAgent;
};

enum class IdentityKind { User, Session, IpAgentHour, SharedDay };

struct VisitorIdentity {
    IdentityKind kind = IdentityKind::SharedDay;
    std::string key;        ///< the string to hash, e.g. "7", "sid-1", "1.2.3.4|UA|2024050308", ""
    std::int64_t day = 0;   ///< UTC day of the event (days since 1970-01-01): selects the salt
    bool operator==(const VisitorIdentity& o) const { return kind == o.kind && key == o.key && day == o.day; }
    bool operator!=(const VisitorIdentity& o) const { return !(*this == o); }
};

/// An id trimmed of surrounding white space; nullopt when absent or empty after trimming (§10.10).
std::optional<std::string> normaliseId(const std::optional<std::string>& raw);

/// The string form of a JSON id: strings as they are, integers in decimal (`7` → "7"), integral
/// floating-point numbers without a fraction (`7.0` → "7"); then normaliseId. Null, empty, booleans,
/// arrays and objects give nullopt.
std::optional<std::string> idFromJson(const Poco::Dynamic::Var& value);

/// The visitor identity of an event at `timestampMicros` (UTC epoch microseconds), by the
/// precedence above.
VisitorIdentity visitorIdentity(const VisitorFields& fields, std::int64_t timestampMicros);

/// The session identity behind `unique_session_id`: `session_id` when present, else
/// `user_id|YYYYMMDDHH` (a logged-in user without a session is one session per hour, as in
/// invenio-stats and COUNTER), else the same as visitorIdentity (ip|ua|hour, or the shared day).
VisitorIdentity sessionIdentity(const VisitorFields& fields, std::int64_t timestampMicros);

}  // namespace statshost::usage
