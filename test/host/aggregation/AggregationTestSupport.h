#pragma once
/// Shared by the aggregation suites: running a body on every available backend, a repository built
/// through the real services (ServiceHarness: stats_components writes the log), usage events stored
/// through the usage store with a real change number, and a Poco channel that collects log lines.
#include <functional>
#include <string>
#include <vector>

#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>

#include "../services/ServiceHarness.h"
#include "usage/UsageEvent.h"

namespace statshost::test {

/// Runs `body` once on a fresh SQLite database and once on a fresh PostgreSQL schema (when available).
void onEachBackend(const std::function<void(TestBackend&)>& body);

/// Epoch µs of an ISO timestamp ("2024-03-01T10:00:00Z"); throws on a bad one.
std::int64_t micros(const std::string& iso);
/// Day number of YYYY-MM-DD.
std::int64_t dayNumber(const std::string& day);

/// A view of `recid` (parent `parent`) by `visitor` at `iso`.
usage::UsageEvent viewEvent(const std::string& recid, const std::string& parent, const std::string& visitor,
                            const std::string& iso);
/// A download of `fileId` (type `fileType`, `size` bytes) of `recid`.
usage::UsageEvent downloadEvent(const std::string& recid, const std::string& parent, const std::string& fileId,
                                const std::string& fileType, std::int64_t size, const std::string& visitor,
                                const std::string& iso);

/// Stores `events` in one service transaction (its change number), as the usage pipeline does.
void storeUsage(ServiceHarness& h, const std::vector<usage::UsageEvent>& events);

/// Collects every message logged by a logger and its descendants (at information level and above)
/// while it exists; afterwards they log to the channel the named logger had before.
class LogCapture {
public:
    explicit LogCapture(const std::string& loggerName);
    ~LogCapture();
    LogCapture(const LogCapture&) = delete;
    LogCapture& operator=(const LogCapture&) = delete;
    /// "<logger>: <text>" per message, in order.
    std::vector<std::string> lines() const;
    /// Lines that contain `part`.
    std::size_t count(const std::string& part) const;

    class Sink;

private:
    std::string _name;
    Poco::AutoPtr<Sink> _sink;
    Poco::Channel::Ptr _previous;
    int _previousLevel;
};

}  // namespace statshost::test
