#pragma once
/// Reading request bodies within a size limit. Called on the connection's worker thread.
///
/// Framing follows RFC 9112 §6.3, strictly: Transfer-Encoding must be exactly "chunked" and not
/// combined with Content-Length; Content-Length must be decimal digits, and repeated
/// Content-Length headers must agree; a request with neither has an empty body. Anything else is
/// malformed and the connection must not be reused (it could smuggle a second request).
#include <cstdint>
#include <string>

namespace Poco::Net {
class HTTPServerRequest;
}

namespace statshost::http {

struct BodyRead {
    enum class Status {
        Ok,        ///< `body` holds the whole body; the connection can be reused
        TooLarge,  ///< over the limit (413); close the connection
        Malformed  ///< bad framing, or the client stopped sending or timed out (400); close it
    };
    Status status = Status::Ok;
    std::string body;
};

/// Reads the body of `request`. A Content-Length above `maxBytes` gives TooLarge before a single
/// body byte is read. A chunked body is counted while reading and gives TooLarge as soon as it
/// passes `maxBytes` (after discarding at most a further 64 KiB, so that a client that has
/// already sent the rest still receives the 413 instead of a connection reset).
BodyRead readBody(Poco::Net::HTTPServerRequest& request, std::int64_t maxBytes);

/// Discards an unread body of at most `maxBytes`. Returns true when the body ended (the
/// connection can serve another request), false when it is larger, malformed or broken.
bool discardBody(Poco::Net::HTTPServerRequest& request, std::int64_t maxBytes);

}  // namespace statshost::http
