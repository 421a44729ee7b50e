#include "http/RequestBody.h"

#include <algorithm>
#include <istream>

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/String.h>

namespace statshost::http {

namespace {

constexpr std::int64_t kDrainAfterTooLarge = 64 * 1024;
constexpr std::size_t kMaxLengthDigits = 18;  // fits std::int64_t

enum class Framing { None, Length, Chunked, Malformed };

/// How the request delimits its body (RFC 9112 §6.3), with ambiguous forms refused.
Framing framingOf(const Poco::Net::HTTPServerRequest& request, std::int64_t& length) {
    int transferEncodings = 0;
    std::string transferEncoding, contentLength;
    for (const auto& [name, value] : request) {
        if (Poco::icompare(name, "Transfer-Encoding") == 0) {
            ++transferEncodings;
            transferEncoding = Poco::trim(value);
        } else if (Poco::icompare(name, "Content-Length") == 0) {
            std::string v = Poco::trim(value);
            if (!contentLength.empty() && v != contentLength) return Framing::Malformed;
            contentLength = v;
            if (contentLength.empty()) return Framing::Malformed;
        }
    }
    if (transferEncodings > 0) {
        bool chunked = transferEncodings == 1 && contentLength.empty() && Poco::icompare(transferEncoding, "chunked") == 0;
        return chunked ? Framing::Chunked : Framing::Malformed;
    }
    if (contentLength.empty()) return Framing::None;
    if (contentLength.size() > kMaxLengthDigits ||
        !std::all_of(contentLength.begin(), contentLength.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return Framing::Malformed;
    length = std::stoll(contentLength);
    return Framing::Length;
}

/// Reads until the stream ends or more than `limit` bytes arrived, appending to `out` when
/// given. Returns the byte count; sets `ended` when the stream ended cleanly.
std::int64_t pump(std::istream& in, std::int64_t limit, std::string* out, bool& ended) {
    char buf[16 * 1024];
    std::int64_t total = 0;
    ended = false;
    while (total <= limit) {
        in.read(buf, sizeof buf);
        std::streamsize n = in.gcount();
        if (n > 0) {
            if (out) out->append(buf, static_cast<std::size_t>(n));
            total += n;
        }
        if (in.bad()) return total;
        if (in.eof()) {
            ended = true;
            return total;
        }
    }
    return total;
}

}  // namespace

BodyRead readBody(Poco::Net::HTTPServerRequest& request, std::int64_t maxBytes) {
    BodyRead result;
    std::int64_t length = 0;
    switch (framingOf(request, length)) {
        case Framing::None: return result;
        case Framing::Malformed: result.status = BodyRead::Status::Malformed; return result;
        case Framing::Length:
            if (length > maxBytes) {
                result.status = BodyRead::Status::TooLarge;
                return result;
            }
            result.body.reserve(static_cast<std::size_t>(length));
            break;
        case Framing::Chunked: break;
    }
    bool ended = false;
    std::int64_t n = pump(request.stream(), maxBytes, &result.body, ended);
    if (n > maxBytes) {
        result.body.clear();
        result.status = BodyRead::Status::TooLarge;
        pump(request.stream(), kDrainAfterTooLarge, nullptr, ended);
    } else if (!ended || (request.hasContentLength() && n != length)) {
        result.body.clear();
        result.status = BodyRead::Status::Malformed;
    }
    return result;
}

bool discardBody(Poco::Net::HTTPServerRequest& request, std::int64_t maxBytes) {
    std::int64_t length = 0;
    switch (framingOf(request, length)) {
        case Framing::None: return true;
        case Framing::Malformed: return false;
        case Framing::Length:
            if (length > maxBytes) return false;
            break;
        case Framing::Chunked: break;
    }
    bool ended = false;
    std::int64_t n = pump(request.stream(), maxBytes, nullptr, ended);
    return ended && n <= maxBytes && (!request.hasContentLength() || n == length);
}

}  // namespace statshost::http
