#include "plugins/HostServices.h"

#include <unistd.h>

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/PatternFormatter.h>
#include <Poco/Timestamp.h>

#include <algorithm>
#include <iostream>

namespace statshost::plugins {

std::int64_t SystemClock::nowMicros() const { return Poco::Timestamp().epochMicroseconds(); }

NamedLogger::NamedLogger(const std::string& name) : _logger(Poco::Logger::get("statshost." + name)) {}

void NamedLogger::log(LogLevel level, const std::string& message) {
    switch (level) {
        case LogLevel::Debug: _logger.debug(message); break;
        case LogLevel::Info: _logger.information(message); break;
        case LogLevel::Warning: _logger.warning(message); break;
        case LogLevel::Error: _logger.error(message); break;
    }
}

ConsoleProgress::ConsoleProgress(std::FILE* out, int plainEverySeconds)
    : _out(out), _tty(isatty(fileno(out)) == 1), _plainEvery(plainEverySeconds) {}

void ConsoleProgress::track(const std::string& unit, std::function<std::uint64_t()> count) {
    _trackUnit = unit;
    _trackCount = std::move(count);
}

void ConsoleProgress::begin(const std::string& phase, std::uint64_t total, const std::string& unit) {
    if (!_phase.empty()) end();  // a phase that was never ended still gets its final line
    _phase = phase;
    _unit = unit;
    _total = total;
    _done = 0;
    _trackStart = _trackCount ? _trackCount() : 0;
    _start = _lastDraw = std::chrono::steady_clock::now();
    draw(false);
}

void ConsoleProgress::advance(std::uint64_t units) {
    _done += units;
    auto now = std::chrono::steady_clock::now();
    auto since = std::chrono::duration_cast<std::chrono::milliseconds>(now - _lastDraw).count();
    if ((_tty && since >= 100) || (!_tty && since >= _plainEvery * 1000)) draw(false);
}

void ConsoleProgress::note(const std::string& message) {
    if (_tty) std::fprintf(_out, "\r\033[K");
    std::fprintf(_out, "%s\n", message.c_str());
    if (_tty && !_phase.empty()) draw(false);
    std::fflush(_out);
}

void ConsoleProgress::end() {
    if (_phase.empty()) return;
    draw(true);
    _phase.clear();
}

std::string ConsoleProgress::line(bool final) const {
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - _start).count();
    const double rate = secs > 0 ? _done / secs : 0;
    char buffer[160];
    std::string text = _phase;
    if (_total > 0) {
        const double frac = std::min(1.0, double(_done) / double(_total));
        if (_tty) {
            const int filled = int(frac * 24);
            text += " [" + std::string(filled, '#') + std::string(24 - filled, '.') + "]";
        } else {
            text += ":";
        }
        std::snprintf(buffer, sizeof buffer, " %llu/%llu %s %.0f%% %.1f %s/s", (unsigned long long)_done,
                      (unsigned long long)_total, _unit.c_str(), frac * 100, rate, _unit.c_str());
    } else {
        std::snprintf(buffer, sizeof buffer, "%s %llu %s %.1f %s/s", _tty ? "" : ":", (unsigned long long)_done,
                      _unit.c_str(), rate, _unit.c_str());
    }
    text += buffer;
    if (_trackCount) {
        const std::uint64_t now = _trackCount();
        const std::uint64_t grown = now >= _trackStart ? now - _trackStart : 0;
        std::snprintf(buffer, sizeof buffer, " | %llu %s %.0f %s/s", (unsigned long long)grown, _trackUnit.c_str(),
                      secs > 0 ? grown / secs : 0.0, _trackUnit.c_str());
        text += buffer;
    }
    if (final) {
        text += " | took " + formatDuration(secs);
    } else if (_total > 0 && rate > 0) {
        text += " | ETA " + formatDuration((_total - std::min(_done, _total)) / rate);
    } else {
        text += " | " + formatDuration(secs);
    }
    return text;
}

void ConsoleProgress::draw(bool final) {
    _lastDraw = std::chrono::steady_clock::now();
    const std::string text = line(final);
    if (_tty)
        std::fprintf(_out, "\r\033[K%s%s", text.c_str(), final ? "\n" : "");
    else
        std::fprintf(_out, "%s\n", text.c_str());
    std::fflush(_out);
}

LogProgress::LogProgress(const std::string& loggerName, int everySeconds)
    : _logger(Poco::Logger::get(loggerName)), _every(everySeconds) {}

void LogProgress::begin(const std::string& phase, std::uint64_t total, const std::string& unit) {
    _phase = phase;
    _unit = unit;
    _total = total;
    _done = 0;
    _start = _lastLine = std::chrono::steady_clock::now();
    _logger.debug(phase + ": started" + (total ? " (" + std::to_string(total) + " " + unit + ")" : ""));
}

void LogProgress::advance(std::uint64_t units) {
    _done += units;
    const auto now = std::chrono::steady_clock::now();
    if (std::chrono::duration_cast<std::chrono::seconds>(now - _lastLine).count() < _every) return;
    _lastLine = now;
    _logger.information(_phase + ": " + std::to_string(_done) + (_total ? "/" + std::to_string(_total) : "") + " " +
                        _unit + " after " + formatDuration(std::chrono::duration<double>(now - _start).count()));
}

void LogProgress::note(const std::string& message) { _logger.information(message); }

void LogProgress::end() {
    if (_phase.empty()) return;
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - _start).count();
    _logger.debug(_phase + ": " + std::to_string(_done) + " " + _unit + " in " + formatDuration(secs));
    _phase.clear();
}

std::string formatDuration(double seconds) {
    const long long total = seconds > 0 ? static_cast<long long>(seconds + 0.5) : 0;
    char text[32];
    std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60, total % 60);
    return text;
}

void configureLogging(const std::string& level) {
    Poco::AutoPtr<Poco::PatternFormatter> formatter(new Poco::PatternFormatter("%Y-%m-%dT%H:%M:%S.%iZ %p %s: %t"));
    formatter->setProperty("times", "UTC");
    Poco::AutoPtr<Poco::ConsoleChannel> console(new Poco::ConsoleChannel(std::cerr));
    Poco::AutoPtr<Poco::FormattingChannel> channel(new Poco::FormattingChannel(formatter, console));
    Poco::Logger::root().setChannel(channel);
    Poco::Logger::root().setLevel(level);
    // Loggers created before this call keep their old settings; update the whole tree.
    Poco::Logger::setChannel("", channel);
    Poco::Logger::setLevel("", Poco::Logger::parseLevel(level));
}

}  // namespace statshost::plugins
