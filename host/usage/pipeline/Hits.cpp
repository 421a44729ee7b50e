#include "usage/pipeline/Hits.h"

#include "records/Dates.h"
#include "services/ServiceError.h"

namespace statshost::usage {

namespace {

using services::ServiceError;

bool present(const Poco::JSON::Object::Ptr& o, const std::string& key) { return o->has(key) && !o->isNull(key); }

/// Text of a string or integer field (ids compare as strings: 7 == "7").
std::optional<std::string> text(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    if (!present(o, key)) return std::nullopt;
    auto v = o->get(key);
    if (v.isString()) return v.extract<std::string>();
    if (v.isInteger() && v.type() != typeid(bool)) return v.convert<std::string>();
    throw ServiceError(400, key + ": expected a string");
}

std::string required(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    auto v = text(o, key);
    if (!v || v->empty()) throw ServiceError(400, key + ": missing");
    return *v;
}

bool flag(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    if (!present(o, key)) return false;
    auto v = o->get(key);
    if (v.type() != typeid(bool)) throw ServiceError(400, key + ": expected true or false");
    return v.extract<bool>();
}

std::optional<std::int64_t> size(const Poco::JSON::Object::Ptr& o) {
    if (!present(o, "size")) return std::nullopt;
    auto v = o->get("size");
    try {
        if (v.isInteger() && v.type() != typeid(bool)) {
            auto n = v.convert<std::int64_t>();
            if (n >= 0) return n;
        } else if (v.isString()) {
            const auto& s = v.extract<std::string>();
            std::size_t used = 0;
            auto n = std::stoll(s, &used);
            if (used == s.size() && n >= 0) return n;
        }
    } catch (const std::exception&) {
    }
    throw ServiceError(400, "size: expected a non-negative number of bytes");
}

std::int64_t timestamp(const Poco::JSON::Object::Ptr& o) {
    auto t = required(o, "timestamp");
    auto micros = records::parseTimestampMicros(t);
    if (!micros) throw ServiceError(400, "timestamp: not an ISO-8601 time: '" + t + "'");
    return *micros;
}

}  // namespace

RawHit parseRawHit(EventType type, const Poco::JSON::Object::Ptr& obj, std::optional<std::int64_t> at) {
    if (!obj) throw ServiceError(400, "event: expected a JSON object");
    RawHit h;
    h.type = type;
    h.timestampMicros = at ? *at : timestamp(obj);
    h.recid = required(obj, "recid");
    h.userId = text(obj, "user_id");
    h.sessionId = text(obj, "session_id");
    h.ip = text(obj, "ip");
    if (!h.ip) h.ip = text(obj, "ip_address");
    h.userAgent = text(obj, "user_agent");
    h.referrer = text(obj, "referrer");
    h.country = text(obj, "country");
    h.viaApi = flag(obj, "via_api");
    if (type == EventType::Download) {
        h.fileKey = text(obj, "file_key").value_or("");
        h.fileId = text(obj, "file_id").value_or("");
        h.bucketId = text(obj, "bucket_id").value_or("");
        if (h.fileKey.empty() && h.fileId.empty()) throw ServiceError(400, "file_key: missing (or give file_id)");
        h.size = size(obj);
    }
    return h;
}

ProcessedDoc parseProcessedDoc(EventType type, const Poco::JSON::Object::Ptr& obj) {
    if (!obj) throw ServiceError(400, "event: expected a JSON object");
    ProcessedDoc d;
    d.type = type;
    d.timestampMicros = timestamp(obj);
    d.recid = required(obj, "recid");
    d.parentRecid = text(obj, "parent_recid").value_or("");
    d.visitorId = required(obj, "visitor_id");
    d.uniqueSessionId = text(obj, "unique_session_id").value_or("");
    d.uniqueId = text(obj, "unique_id").value_or("");
    d.country = text(obj, "country").value_or("");
    d.referrer = text(obj, "referrer").value_or("");
    d.viaApi = flag(obj, "via_api");
    d.isRobot = flag(obj, "is_robot");
    d.isMachine = flag(obj, "is_machine");
    if (type == EventType::Download) {
        d.fileId = text(obj, "file_id").value_or("");
        d.fileKey = text(obj, "file_key").value_or("");
        d.bucketId = text(obj, "bucket_id").value_or("");
        d.size = size(obj);
    }
    return d;
}

}  // namespace statshost::usage
