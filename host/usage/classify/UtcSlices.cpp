#include "usage/classify/UtcSlices.h"

#include <Poco/DateTime.h>
#include <Poco/Timestamp.h>

#include <cstdio>

namespace statshost::usage {

namespace {

constexpr std::int64_t kMicrosPerHour = 3600LL * 1000000LL;
constexpr std::int64_t kMicrosPerDay = 24 * kMicrosPerHour;

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

Poco::DateTime at(std::int64_t micros) { return Poco::DateTime(Poco::Timestamp(micros)); }

}  // namespace

std::int64_t utcDay(std::int64_t micros) { return floorDiv(micros, kMicrosPerDay); }

std::string formatUtcDay(std::int64_t day) {
    const Poco::DateTime t = at(day * kMicrosPerDay);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", t.year(), t.month(), t.day());
    return buf;
}

std::string formatUtcHour(std::int64_t micros) {
    // Events come in time order, so consecutive calls mostly ask for the same hour: remember the last one
    // per thread (the calendar conversion costs more than the rest of an identity key).
    thread_local std::int64_t lastHour = 0;
    thread_local std::string lastText;
    const std::int64_t hour = floorDiv(micros, kMicrosPerHour);
    if (lastText.empty() || hour != lastHour) {
        const Poco::DateTime t = at(hour * kMicrosPerHour);
        char buf[32];
        std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d", t.year(), t.month(), t.day(), t.hour());
        lastText = buf;
        lastHour = hour;
    }
    return lastText;
}

}  // namespace statshost::usage
