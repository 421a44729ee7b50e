#include "usage/classify/VisitorIdentity.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/Exception.h>

#include <cmath>
#include <cstdio>

#include "usage/classify/UtcSlices.h"

namespace statshost::usage {

namespace {

const char* const kSpace = " \t\r\n\f\v";

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(kSpace);
    if (first == std::string::npos) return {};
    return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

VisitorIdentity ipAgentOrShared(const VisitorFields& f, std::int64_t micros) {
    const std::string ip = f.ip ? trimmed(*f.ip) : std::string();
    const std::string ua = f.userAgent ? *f.userAgent : std::string();
    if (ip.empty() && ua.empty()) return {IdentityKind::SharedDay, "", utcDay(micros)};
    const std::string hour = formatUtcHour(micros);
    std::string key;
    key.reserve(ip.size() + ua.size() + hour.size() + 2);
    key.append(ip).append(1, '|').append(ua).append(1, '|').append(hour);
    return {IdentityKind::IpAgentHour, std::move(key), utcDay(micros)};
}

}  // namespace

std::optional<std::string> normaliseId(const std::optional<std::string>& raw) {
    if (!raw) return std::nullopt;
    std::string id = trimmed(*raw);
    if (id.empty()) return std::nullopt;
    return id;
}

std::optional<std::string> idFromJson(const Poco::Dynamic::Var& value) {
    try {
        if (value.isEmpty() || value.isBoolean() || value.isArray() || value.isStruct()) return std::nullopt;
        if (value.isString()) return normaliseId(value.convert<std::string>());
        if (value.isInteger()) {
            if (value.isSigned()) return std::to_string(value.convert<Poco::Int64>());
            return std::to_string(value.convert<Poco::UInt64>());
        }
        if (value.isNumeric()) {
            const double d = value.convert<double>();
            if (!std::isfinite(d)) return std::nullopt;
            if (d == std::floor(d) && std::fabs(d) < 9.0e15) return std::to_string(static_cast<long long>(d));
            char buf[40];
            std::snprintf(buf, sizeof buf, "%.15g", d);
            return std::string(buf);
        }
        return normaliseId(value.convert<std::string>());
    } catch (const Poco::Exception&) {
        return std::nullopt;
    }
}

VisitorIdentity visitorIdentity(const VisitorFields& fields, std::int64_t timestampMicros) {
    const std::int64_t day = utcDay(timestampMicros);
    if (auto user = normaliseId(fields.userId)) return {IdentityKind::User, *user, day};
    if (auto session = normaliseId(fields.sessionId)) return {IdentityKind::Session, *session, day};
    return ipAgentOrShared(fields, timestampMicros);
}

VisitorIdentity sessionIdentity(const VisitorFields& fields, std::int64_t timestampMicros) {
    const std::int64_t day = utcDay(timestampMicros);
    if (auto session = normaliseId(fields.sessionId)) return {IdentityKind::Session, *session, day};
    if (auto user = normaliseId(fields.userId))
        return {IdentityKind::User, *user + "|" + formatUtcHour(timestampMicros), day};
    return ipAgentOrShared(fields, timestampMicros);
}

}  // namespace statshost::usage
