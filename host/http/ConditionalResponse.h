#pragma once
/// Finishing a 200 answer of a conditional route (Route::conditional) for HTTP caches: a strong
/// ETag over the unencoded body, `If-None-Match` → 304 without a body, and the Accept-Encoding
/// negotiation for text bodies with `Vary: Accept-Encoding`. Encoded bodies are kept in a small
/// LRU keyed by (ETag, coding), so a repeated answer is compressed once.
///
/// Threading: EncodedBodyCache is internally locked; finishConditional() is re-entrant.
#include <cstddef>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

#include "http/ContentCoding.h"
#include "statshost/Http.h"

namespace statshost::http {

/// The ETag of a body: `"<16 hex digits of a 64-bit FNV-1a over 8-byte words>-<length in hex>"`
/// (deterministic across runs and platforms).
std::string bodyTag(const std::string& body);

/// True when an `If-None-Match` value matches `etag` (`*`, or a list; weak `W/` tags compare weakly).
bool etagMatches(const std::string& ifNoneMatch, const std::string& etag);

/// Encoded bodies by (etag, coding), at most `maxBytes` in total (least recently used evicted first).
class EncodedBodyCache {
public:
    explicit EncodedBodyCache(std::size_t maxBytes = 64u << 20) : _maxBytes(maxBytes) {}
    /// The encoded body, computing and remembering it on a miss.
    std::string get(const std::string& etag, const std::string& body, Coding coding);

private:
    using Entry = std::pair<std::string, std::string>;  // key, encoded body
    std::mutex _mutex;
    std::list<Entry> _lru;  // most recent first
    std::unordered_map<std::string, std::list<Entry>::iterator> _index;
    std::size_t _bytes = 0;
    const std::size_t _maxBytes;
};

/// Applies ETag / 304 / content coding to `response` (a 200 of a conditional route) for `request`.
/// Text bodies (application/json, application/xml, text/*) without a Content-Encoding header of the
/// handler's are compressed when the client accepts it and the body is at least 256 bytes.
void finishConditional(const Request& request, Response& response, EncodedBodyCache& cache);

}  // namespace statshost::http
