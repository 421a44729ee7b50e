#pragma once
/// A Poco::Data::SessionPool that waits for a free session instead of throwing when it is exhausted.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <Poco/AutoPtr.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>

#include "statshost/Errors.h"

namespace statshost::storage {

class SessionSlots;

/// A pooled session and its slot; destroying the lease returns the session to the pool, then frees the
/// slot. Movable, not copyable; keeps the pool alive.
class SessionLease {
public:
    SessionLease(std::shared_ptr<SessionSlots> slots, Poco::Data::Session session);
    SessionLease(SessionLease&& other) = default;
    SessionLease& operator=(SessionLease&&) = delete;
    ~SessionLease();
    Poco::Data::Session& session() { return *_session; }

private:
    std::shared_ptr<SessionSlots> _slots;
    std::optional<Poco::Data::Session> _session;
};

/// Owns one SessionPool; thread-safe. Create it with std::make_shared (leases share its ownership).
class SessionSlots : public std::enable_shared_from_this<SessionSlots> {
public:
    /// Runs once on every new session (pragmas, notice handlers); may throw.
    using Customizer = std::function<void(Poco::Data::Session&)>;
    /// Connects once outside the pool and throws StorageError with a clear message when that fails (see
    /// makePostgresSource). Not run while connections succeed: only after the pool failed to open a session
    /// (to explain the failure), and from then on before every new session until one opens again.
    using Probe = std::function<void()>;

    /// `describe` names the database in errors (a redacted URL); `scrub` removes secrets from driver text.
    SessionSlots(const std::string& connector, const std::string& connectionString, int size, int waitMs,
                 Customizer customize, Probe probe, std::string describe,
                 std::function<std::string(const std::string&)> scrub);
    ~SessionSlots();

    /// Waits up to waitMs for a free slot, then takes (or opens) a session. Throws StorageError.
    SessionLease acquire();

private:
    friend class SessionLease;
    void release();
    /// The error for a session the pool could not open: the probe's clear message when it has one.
    StorageError openFailure(const std::string& driverText);

    class Pool;
    Poco::AutoPtr<Pool> _pool;
    Probe _probe;
    std::atomic<bool> _probeFirst{false};  ///< the last attempt to open a session failed
    int _waitMs;
    std::string _describe;
    std::function<std::string(const std::string&)> _scrub;
    std::mutex _mutex;
    std::condition_variable _freed;
    int _free;
};

}  // namespace statshost::storage
