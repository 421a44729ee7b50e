#include "storage/SessionSlots.h"

#include <chrono>

#include <Poco/Exception.h>

#include "statshost/Errors.h"

namespace statshost::storage {

class SessionSlots::Pool : public Poco::Data::SessionPool {
public:
    Pool(const std::string& connector, const std::string& connectionString, int size, Customizer customize)
        : Poco::Data::SessionPool(connector, connectionString, 1, size, 60), _customize(std::move(customize)) {}

protected:
    void customizeSession(Poco::Data::Session& session) override {
        if (_customize) _customize(session);
    }

private:
    Customizer _customize;
};

SessionLease::SessionLease(std::shared_ptr<SessionSlots> slots, Poco::Data::Session session)
    : _slots(std::move(slots)), _session(std::move(session)) {}

SessionLease::~SessionLease() {
    if (!_slots) return;  // moved from
    _session.reset();     // back to the pool first, so the slot's next user finds it idle
    _slots->release();
}

SessionSlots::SessionSlots(const std::string& connector, const std::string& connectionString, int size, int waitMs,
                           Customizer customize, Probe probe, std::string describe,
                           std::function<std::string(const std::string&)> scrub)
    : _pool(new Pool(connector, connectionString, size, std::move(customize))),
      _probe(std::move(probe)),
      _waitMs(waitMs),
      _describe(std::move(describe)),
      _scrub(std::move(scrub)),
      _free(size) {}

SessionSlots::~SessionSlots() = default;

SessionLease SessionSlots::acquire() {
    {
        std::unique_lock<std::mutex> lock(_mutex);
        if (!_freed.wait_for(lock, std::chrono::milliseconds(_waitMs), [this] { return _free > 0; }))
            throw StorageError("no free database connection for " + _describe + " within " +
                               std::to_string(_waitMs) + " ms");
        --_free;
    }
    const bool opening = _pool->idle() == 0;  // the pool is about to open a session
    try {
        if (_probe && opening && _probeFirst.load()) _probe();
        SessionLease lease(shared_from_this(), _pool->get());
        if (opening) _probeFirst = false;
        return lease;
    } catch (const StorageError&) {
        release();
        throw;
    } catch (const Poco::Exception& e) {
        release();
        throw openFailure(e.displayText());
    } catch (const std::exception& e) {
        release();
        throw openFailure(e.what());
    }
}

StorageError SessionSlots::openFailure(const std::string& driverText) {
    if (_probe && !_probeFirst.exchange(true)) _probe();  // throws the clear message when it fails too
    return StorageError("cannot connect to " + _describe + ": " + _scrub(driverText));
}

void SessionSlots::release() {
    {
        std::lock_guard<std::mutex> lock(_mutex);
        ++_free;
    }
    _freed.notify_one();
}

}  // namespace statshost::storage
