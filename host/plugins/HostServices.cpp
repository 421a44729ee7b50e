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

void ConsoleProgress::begin(const std::string& phase, std::uint64_t total, const std::string& unit) {
    _phase = phase;
    _unit = unit;
    _total = total;
    _done = 0;
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
    draw(true);
    _phase.clear();
}

void ConsoleProgress::draw(bool final) {
    _lastDraw = std::chrono::steady_clock::now();
    double secs = std::chrono::duration<double>(_lastDraw - _start).count();
    double rate = secs > 0 ? _done / secs : 0;
    char line[512];
    if (_total > 0) {
        double frac = std::min(1.0, double(_done) / double(_total));
        double eta = rate > 0 ? (_total - std::min(_done, _total)) / rate : 0;
        std::string bar;
        if (_tty) {
            int filled = int(frac * 24);
            bar = "[" + std::string(filled, '#') + std::string(24 - filled, '.') + "] ";
        }
        std::snprintf(line, sizeof line, "%s: %s%llu/%llu %s (%.0f%%) %.1f %s/s %s %.0fs", _phase.c_str(), bar.c_str(),
                      (unsigned long long)_done, (unsigned long long)_total, _unit.c_str(), frac * 100, rate,
                      _unit.c_str(), final ? "took" : "ETA", final ? secs : eta);
    } else {
        std::snprintf(line, sizeof line, "%s: %llu %s, %.1f %s/s, %.0fs", _phase.c_str(), (unsigned long long)_done,
                      _unit.c_str(), rate, _unit.c_str(), secs);
    }
    if (_tty)
        std::fprintf(_out, "\r\033[K%s%s", line, final ? "\n" : "");
    else
        std::fprintf(_out, "%s\n", line);
    std::fflush(_out);
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
