#pragma once
/// The small services the host lends a plugin: a clock, a logger and a progress reporter.
/// All three are owned by the host and outlive every plugin object. They are safe to call from
/// any thread unless a method says otherwise.
#include <cstdint>
#include <string>

namespace statshost {

/// Wall clock in UTC. The replay importer sets it to each line's `at`; everything that stamps
/// a time (event dates, `timestamp` fields, bookmarks) must take it from here.
class Clock {
public:
    virtual ~Clock() = default;
    /// Microseconds since 1970-01-01T00:00:00Z.
    virtual std::int64_t nowMicros() const = 0;
};

enum class LogLevel { Debug, Info, Warning, Error };

/// A named logger; the host prefixes every line with the plugin's name.
class Logger {
public:
    virtual ~Logger() = default;
    virtual void log(LogLevel level, const std::string& message) = 0;
    void debug(const std::string& m) { log(LogLevel::Debug, m); }
    void info(const std::string& m) { log(LogLevel::Info, m); }
    void warning(const std::string& m) { log(LogLevel::Warning, m); }
    void error(const std::string& m) { log(LogLevel::Error, m); }
};

/// Progress of a long job (aggregation, import). On a terminal the host draws a bar with rate
/// and ETA; otherwise it prints a plain line now and then. Not thread safe: one job, one thread.
class Progress {
public:
    virtual ~Progress() = default;
    /// Starts a phase of `total` units (0 = unknown), e.g. ("community-usage-delta-agg", 365, "days").
    virtual void begin(const std::string& phase, std::uint64_t total, const std::string& unit) = 0;
    virtual void advance(std::uint64_t units) = 0;
    /// A one-line remark shown between progress updates.
    virtual void note(const std::string& message) = 0;
    virtual void end() = 0;
};

}  // namespace statshost
