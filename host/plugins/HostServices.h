#pragma once
/// Host implementations of the services plugins receive (statshost/Context.h): clocks, a logger
/// per plugin, and a progress reporter for terminals and for log files.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
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

/// On a terminal: one line redrawn in place with a bar, rate and ETA. Otherwise: a plain line at
/// most every `plainEverySeconds` and at the end of each phase.
class ConsoleProgress : public Progress {
public:
    explicit ConsoleProgress(std::FILE* out = stderr, int plainEverySeconds = 5);
    void begin(const std::string& phase, std::uint64_t total, const std::string& unit) override;
    void advance(std::uint64_t units) override;
    void note(const std::string& message) override;
    void end() override;
private:
    void draw(bool final);
    std::FILE* _out;
    bool _tty;
    int _plainEvery;
    std::string _phase, _unit;
    std::uint64_t _total = 0, _done = 0;
    std::chrono::steady_clock::time_point _start, _lastDraw;
};

/// Sets up Poco logging: UTC ISO timestamps, level, source, message; to stderr.
void configureLogging(const std::string& level);

}  // namespace statshost::plugins
