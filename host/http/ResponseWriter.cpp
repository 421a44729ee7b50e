#include "http/ResponseWriter.h"

#include <algorithm>
#include <ostream>

#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/String.h>

namespace statshost::http {

namespace {

/// Headers the writer sets itself; handler copies are ignored.
bool isWriterOwned(const std::string& name) {
    for (const char* owned : {"Content-Length", "Transfer-Encoding", "Connection", "Content-Type", "X-Content-Type-Options"})
        if (Poco::icompare(name, owned) == 0) return true;
    return false;
}

bool isDecimal(const std::string& s) {
    return !s.empty() && s.size() <= 18 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isSafeHeader(const std::string& name, const std::string& value) {
    auto bad = [](char c) { return c == '\r' || c == '\n' || c == '\0'; };
    return !name.empty() && name.find_first_of(" :\t") == std::string::npos && std::none_of(name.begin(), name.end(), bad) &&
           std::none_of(value.begin(), value.end(), bad);
}

}  // namespace

std::size_t bodyLength(const Response& response, bool headRequest) {
    return headRequest || response.status == 204 || response.status == 304 ? 0 : response.body.size();
}

void writeResponse(const Response& response, Poco::Net::HTTPServerResponse& out, bool headRequest, bool keepAlive) {
    out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
    out.setContentType(response.contentType.empty() || !isSafeHeader("Content-Type", response.contentType)
                           ? "application/octet-stream"
                           : response.contentType);
    out.set("X-Content-Type-Options", "nosniff");
    std::string representationLength;
    for (const auto& [name, value] : response.headers) {
        if (Poco::icompare(name, "Content-Length") == 0) representationLength = value;
        if (!isWriterOwned(name) && isSafeHeader(name, value)) out.add(name, value);
    }
    if (!keepAlive) out.setKeepAlive(false);

    const bool bodyless = response.status == 204 || response.status == 304;
    if (!bodyless) {
        out.setContentLength64(static_cast<Poco::Int64>(response.body.size()));
    } else if (response.status == 304 && isDecimal(representationLength)) {
        out.setContentLength64(std::stoll(representationLength));
    }
    std::ostream& stream = out.send();
    const std::size_t length = bodyLength(response, headRequest);
    stream.write(response.body.data(), static_cast<std::streamsize>(length));
    stream.flush();
}

}  // namespace statshost::http
