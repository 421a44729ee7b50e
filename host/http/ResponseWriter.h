#pragma once
/// Serialises a statshost::Response onto a Poco response. Called on the connection's thread.
#include <cstddef>

#include "statshost/Http.h"

namespace Poco::Net {
class HTTPServerResponse;
}

namespace statshost::http {

/// Sends `response`: status and reason, Content-Type (application/octet-stream when empty),
/// X-Content-Type-Options: nosniff, the handler's headers, and the body with a Content-Length
/// (no chunking). For HEAD the headers describe the body but it is not sent. 204 and 304 carry
/// no body; a 304 may carry the Content-Length of the representation (RFC 9110 §8.6) when the
/// handler supplies it as a decimal header, and that keeps the connection alive: Poco 1.11
/// closes the connection after a 204/304 without Content-Length. Handler headers that the writer owns (Content-Length,
/// Transfer-Encoding, Connection, Content-Type, X-Content-Type-Options) or that contain CR, LF
/// or NUL are dropped.
/// With `keepAlive` false the response says `Connection: close` and Poco closes the
/// connection afterwards.
void writeResponse(const Response& response, Poco::Net::HTTPServerResponse& out, bool headRequest, bool keepAlive);

/// The number of body bytes writeResponse() sends for `response`.
std::size_t bodyLength(const Response& response, bool headRequest);

}  // namespace statshost::http
