#pragma once
/// Host implementations of the services plugins receive (statshost/Context.h): clocks, a logger
/// per plugin, and a progress reporter for terminals and for log files.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>

#include <Poco/Logger.h>

#include "statshost/Context.h"

namespace statshost::plugins {

/// The real UTC clock.
class SystemClock : public Clock {
public:
    std::int64_t nowMicros() const override;
};

/// A clock that reads a settable time (replay import, tests); thread safe.
class ManualClock : public Clock {
public:
    explicit ManualClock(std::int64_t micros = 0) : _micros(micros) {}
    std::int64_t nowMicros() const override { return _micros.load(); }
    void set(std::int64_t micros) { _micros.store(micros); }
private:
    std::atomic<std::int64_t> _micros;
};

/// Forwards to the Poco logger "statshost.<name>", so lines say which plugin wrote them.
class NamedLogger : public Logger {
public:
    explicit NamedLogger(const std::string& name);
    void log(LogLevel level, const std::string& message) override;
private:
    Poco::Logger& _logger;
};

/// Progress for a person watching: on a terminal one line redrawn in place (at most every 100 ms)
/// with a bar, done/total units, percentage, rate, the tracked counter and the ETA; otherwise a plain
/// line at most every `plainEverySeconds` and at the end of each phase. Example (terminal):
///   community-usage-delta-agg [#########...............] 120/365 days 33% 4.1 days/s | 1234 docs 310 docs/s | ETA 0:01:00
/// Not thread safe (one job, one thread), except that the tracked counter may be changed by others.
class ConsoleProgress : public Progress {
public:
    explicit ConsoleProgress(std::FILE* out = stderr, int plainEverySeconds = 5);
    /// Shows a second count read from `count` (e.g. documents written): its growth since the phase
    /// began and its rate, labelled `unit`.
    void track(const std::string& unit, std::function<std::uint64_t()> count);
    void begin(const std::string& phase, std::uint64_t total, const std::string& unit) override;
    void advance(std::uint64_t units) override;
    void note(const std::string& message) override;
    void end() override;
    /// The line draw() would print now (no escape codes); for tests.
    std::string line(bool final) const;
private:
    void draw(bool final);
    std::FILE* _out;
    bool _tty;
    int _plainEvery;
    std::string _phase, _unit;
    std::uint64_t _total = 0, _done = 0;
    std::string _trackUnit;
    std::function<std::uint64_t()> _trackCount;
    std::uint64_t _trackStart = 0;
    std::chrono::steady_clock::time_point _start, _lastDraw;
};

/// Progress for a server log: a debug line when a phase begins and ends, and an information line at
/// most every `everySeconds` in between (long phases only). Not thread safe.
class LogProgress : public Progress {
public:
    explicit LogProgress(const std::string& loggerName, int everySeconds = 60);
    void begin(const std::string& phase, std::uint64_t total, const std::string& unit) override;
    void advance(std::uint64_t units) override;
    void note(const std::string& message) override;
    void end() override;
private:
    Poco::Logger& _logger;
    int _every;
    std::string _phase, _unit;
    std::uint64_t _total = 0, _done = 0;
    std::chrono::steady_clock::time_point _start, _lastLine;
};

/// A duration as "H:MM:SS" (hours grow past 99 as needed).
std::string formatDuration(double seconds);

/// Sets up Poco logging: UTC ISO timestamps, level, source, message; to stderr.
void configureLogging(const std::string& level);

}  // namespace statshost::plugins
