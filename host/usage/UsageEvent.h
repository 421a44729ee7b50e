#pragma once
/// A usage event (record view or file download) after processing (SEMANTICS.md §6): what is
/// stored and what the usage aggregators scan. Raw ip addresses and user agents never get here.
#include <cstdint>
#include <string>

namespace statshost::usage {

enum class EventType { View, Download };

struct UsageEvent {
    EventType type = EventType::View;
    std::int64_t timestampMicros = 0;  ///< UTC
    std::int64_t day = 0;              ///< days since 1970-01-01 of timestampMicros
    std::string recordId;
    std::string parentId;
    std::string visitorId;             ///< salted hash (hex), or the trusted id of an imported event
    std::string uniqueId;              ///< `ui_<recid>` for views, `<bucket_id>_<file_id>` for downloads
    std::string sessionId;             ///< unique_session_id (hashed), may be empty
    std::string country;               ///< ISO alpha-2 upper case, "" = none
    std::string referrerHost;          ///< lower-case host, "" = none
    bool isMachine = false;
    // downloads only
    std::string fileId;
    std::string fileKey;
    std::string bucketId;
    std::string fileType;              ///< lower-case extension of the downloaded file, "" = none
    std::int64_t size = 0;             ///< bytes
};

}  // namespace statshost::usage
