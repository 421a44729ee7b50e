#include "usage/pipeline/Hits.h"

#include <charconv>

#include "records/Dates.h"
#include "services/ServiceError.h"

namespace statshost::usage {

namespace {

using services::ServiceError;

/// One member of an event object as the field readers see it, whatever parsed the JSON.
struct FieldValue {
    enum class Kind { Absent, Null, String, Integer, Bool, Other };
    Kind kind = Kind::Absent;
    std::string text;  ///< String: the value; Integer: its decimal text
    bool flag = false; ///< Bool
};

/// Members of a Poco JSON object.
class PocoFields {
public:
    explicit PocoFields(const Poco::JSON::Object::Ptr& o) : _o(o) {}
    FieldValue get(const std::string& key) const {
        FieldValue f;
        if (!_o->has(key)) return f;
        if (_o->isNull(key)) {
            f.kind = FieldValue::Kind::Null;
            return f;
        }
        const auto v = _o->get(key);
        if (v.type() == typeid(bool)) {
            f.kind = FieldValue::Kind::Bool;
            f.flag = v.extract<bool>();
        } else if (v.isString()) {
            f.kind = FieldValue::Kind::String;
            f.text = v.extract<std::string>();
        } else if (v.isInteger()) {
            f.kind = FieldValue::Kind::Integer;
            f.text = v.convert<std::string>();
        } else {
            f.kind = FieldValue::Kind::Other;
        }
        return f;
    }

private:
    const Poco::JSON::Object::Ptr& _o;
};

/// True for an integer literal within int64 or uint64 (what Poco's parser keeps as an integer).
bool fitsIn64Bits(std::string_view literal) {
    std::int64_t n = 0;
    std::uint64_t u = 0;
    const char* end = literal.data() + literal.size();
    if (integerValue(literal, n)) return true;
    const auto r = std::from_chars(literal.data(), end, u);
    return r.ec == std::errc() && r.ptr == end;
}

/// Members of an EventObject (the streaming reader).
class FlatFields {
public:
    explicit FlatFields(const EventObject& o) : _o(o) {}
    FieldValue get(const std::string& key) const {
        FieldValue f;
        const JsonField* m = _o.find(key);
        if (!m) return f;
        switch (m->kind) {
            case JsonKind::Null: f.kind = FieldValue::Kind::Null; break;
            case JsonKind::True:
            case JsonKind::False:
                f.kind = FieldValue::Kind::Bool;
                f.flag = m->kind == JsonKind::True;
                break;
            case JsonKind::String:
                f.kind = FieldValue::Kind::String;
                f.text = m->text;
                break;
            case JsonKind::Integer: {
                if (fitsIn64Bits(m->text)) {  // the decimal text, as Poco gives it ("-0" is "0")
                    f.kind = FieldValue::Kind::Integer;
                    f.text = m->text == "-0" ? "0" : std::string(m->text);
                } else {
                    f.kind = FieldValue::Kind::Other;  // beyond 64 bits: not an id, not a size
                }
                break;
            }
            default: f.kind = FieldValue::Kind::Other;
        }
        return f;
    }

private:
    const EventObject& _o;
};

/// Text of a string or integer field (ids compare as strings: 7 == "7").
template <class Fields>
std::optional<std::string> text(const Fields& o, const std::string& key) {
    FieldValue v = o.get(key);
    if (v.kind == FieldValue::Kind::Absent || v.kind == FieldValue::Kind::Null) return std::nullopt;
    if (v.kind == FieldValue::Kind::String || v.kind == FieldValue::Kind::Integer) return std::move(v.text);
    throw ServiceError(400, key + ": expected a string");
}

template <class Fields>
std::string required(const Fields& o, const std::string& key) {
    auto v = text(o, key);
    if (!v || v->empty()) throw ServiceError(400, key + ": missing");
    return *v;
}

template <class Fields>
bool flag(const Fields& o, const std::string& key) {
    const FieldValue v = o.get(key);
    if (v.kind == FieldValue::Kind::Absent || v.kind == FieldValue::Kind::Null) return false;
    if (v.kind != FieldValue::Kind::Bool) throw ServiceError(400, key + ": expected true or false");
    return v.flag;
}

template <class Fields>
std::optional<std::int64_t> size(const Fields& o) {
    const FieldValue v = o.get("size");
    if (v.kind == FieldValue::Kind::Absent || v.kind == FieldValue::Kind::Null) return std::nullopt;
    try {
        std::int64_t n = -1;
        std::size_t used = 0;
        if (v.kind == FieldValue::Kind::Integer && !integerValue(v.text, n)) n = -1;
        if (v.kind == FieldValue::Kind::String) n = std::stoll(v.text, &used);  // as strtoll: "+7", " 7" too
        if (n >= 0 && (v.kind == FieldValue::Kind::Integer || used == v.text.size())) return n;
    } catch (const std::exception&) {
    }
    throw ServiceError(400, "size: expected a non-negative number of bytes");
}

template <class Fields>
std::int64_t timestamp(const Fields& o) {
    auto t = required(o, "timestamp");
    auto micros = records::parseTimestampMicros(t);
    if (!micros) throw ServiceError(400, "timestamp: not an ISO-8601 time: '" + t + "'");
    return *micros;
}

template <class Fields>
RawHit rawHit(EventType type, const Fields& obj, std::optional<std::int64_t> at) {
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

template <class Fields>
ProcessedDoc processedDoc(EventType type, const Fields& obj) {
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

}  // namespace

RawHit parseRawHit(EventType type, const Poco::JSON::Object::Ptr& obj, std::optional<std::int64_t> at) {
    if (!obj) throw ServiceError(400, "event: expected a JSON object");
    return rawHit(type, PocoFields(obj), at);
}

RawHit parseRawHit(EventType type, const EventObject& obj, std::optional<std::int64_t> at) {
    return rawHit(type, FlatFields(obj), at);
}

ProcessedDoc parseProcessedDoc(EventType type, const Poco::JSON::Object::Ptr& obj) {
    if (!obj) throw ServiceError(400, "event: expected a JSON object");
    return processedDoc(type, PocoFields(obj));
}

ProcessedDoc parseProcessedDoc(EventType type, const EventObject& obj) { return processedDoc(type, FlatFields(obj)); }

}  // namespace statshost::usage
