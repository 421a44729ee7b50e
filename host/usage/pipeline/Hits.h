#pragma once
/// The two inputs of the usage pipeline, parsed from JSON:
/// - RawHit: a raw record-view / file-download hit (REPLAY.md `view`/`download` lines, bodies of
///   POST /api/events/<type>), still carrying ip and user agent (never stored);
/// - ProcessedDoc: an already-processed invenio-stats event exported from OpenSearch
///   (`statshost import events`), whose visitor_id, unique_id and country are trusted.
/// Parsing throws services::ServiceError(400) naming the field.
#include <cstdint>
#include <optional>
#include <string>

#include <Poco/JSON/Object.h>

#include "usage/UsageEvent.h"
#include "usage/pipeline/EventJson.h"

namespace statshost::usage {

struct RawHit {
    EventType type = EventType::View;
    std::int64_t timestampMicros = 0;
    std::string recid;
    std::optional<std::string> userId, sessionId, ip, userAgent, referrer, country;
    bool viaApi = false;
    // downloads
    std::string fileKey, fileId, bucketId;
    std::optional<std::int64_t> size;
};

struct ProcessedDoc {
    EventType type = EventType::View;
    std::int64_t timestampMicros = 0;
    std::string recid, parentRecid, visitorId, uniqueSessionId, uniqueId, country, referrer;
    bool viaApi = false, isRobot = false, isMachine = false;
    std::string fileId, fileKey, bucketId;
    std::optional<std::int64_t> size;
};

/// `timestampMicros`: the REPLAY line's `at`; when absent the object's `timestamp` is required.
RawHit parseRawHit(EventType type, const Poco::JSON::Object::Ptr& obj, std::optional<std::int64_t> timestampMicros);
/// An exported event document; `type` from the caller (file or `event_type` option).
ProcessedDoc parseProcessedDoc(EventType type, const Poco::JSON::Object::Ptr& obj);
/// The same from the streaming reader's objects (same rules, same errors).
RawHit parseRawHit(EventType type, const EventObject& obj, std::optional<std::int64_t> timestampMicros);
ProcessedDoc parseProcessedDoc(EventType type, const EventObject& obj);

}  // namespace statshost::usage
