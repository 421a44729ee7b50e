#pragma once
/// The access log line written for every request. Pure function: safe from any thread.
#include <cstddef>
#include <string>

namespace statshost::http {

struct AccessRecord {
    std::string remote;   ///< client address "ip:port"
    std::string method;
    std::string rawPath;  ///< request path as received, without the query string
    int status = 0;
    std::size_t bytes = 0;  ///< body bytes sent
    double milliseconds = 0;
    std::string token;    ///< authenticated token name, or empty
};

/// `<remote> <method> <path> <status> <bytes> <ms>ms <token or ->`, e.g.
/// `127.0.0.1:50312 GET /api/stats 200 512 1.204ms ingest-bot`. The query string is never
/// logged (it may carry secrets). Bytes outside printable ASCII, spaces and double quotes in
/// method and path are %XX-escaped so a request cannot forge log lines; the path is cut at
/// 1024 bytes.
std::string formatAccessLine(const AccessRecord& record);

}  // namespace statshost::http
