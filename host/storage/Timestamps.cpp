#include "storage/Timestamps.h"

#include <chrono>

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

namespace statshost::storage {

std::string utcNowIso() { return Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y-%m-%dT%H:%M:%S.%iZ"); }

std::int64_t epochMillisNow() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace statshost::storage
