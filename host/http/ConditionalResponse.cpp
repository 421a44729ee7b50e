#include "http/ConditionalResponse.h"

#include <cstdint>
#include <cstdio>
#include <sstream>

#include <Poco/String.h>

namespace statshost::http {

namespace {

constexpr std::size_t kMinCompressBytes = 256;

bool isText(const std::string& contentType) {
    const std::string t = Poco::toLower(contentType);
    return t.rfind("application/json", 0) == 0 || t.rfind("application/xml", 0) == 0 || t.rfind("text/", 0) == 0;
}

bool hasHeader(const Response& r, const std::string& name) {
    for (const auto& h : r.headers)
        if (Poco::icompare(h.first, name) == 0) return true;
    return false;
}

std::string stripWeak(std::string tag) {
    tag = Poco::trim(tag);
    if (tag.rfind("W/", 0) == 0) tag = tag.substr(2);
    return tag;
}

}  // namespace

std::string bodyTag(const std::string& body) {
    // FNV-1a over 8-byte little-endian words (then the remaining bytes), with a shift after each
    // multiply so high bits reach the low ones: one multiply per 8 bytes keeps the tag of a
    // multi-megabyte answer at a millisecond.
    constexpr std::uint64_t kPrime = 1099511628211ull;
    std::uint64_t h = 1469598103934665603ull;
    const char* p = body.data();
    const std::size_t n = body.size();
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t word = 0;
        for (int b = 7; b >= 0; --b) word = (word << 8) | static_cast<unsigned char>(p[i + b]);
        h = (h ^ word) * kPrime;
        h ^= h >> 29;
    }
    for (; i < n; ++i) {
        h ^= static_cast<unsigned char>(p[i]);
        h *= kPrime;
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "\"%016llx-%llx\"", static_cast<unsigned long long>(h),
                  static_cast<unsigned long long>(body.size()));
    return buf;
}

bool etagMatches(const std::string& ifNoneMatch, const std::string& etag) {
    if (Poco::trim(ifNoneMatch) == "*") return true;
    const std::string want = stripWeak(etag);
    std::istringstream in(ifNoneMatch);
    std::string tag;
    while (std::getline(in, tag, ','))
        if (stripWeak(tag) == want) return true;
    return false;
}

std::string EncodedBodyCache::get(const std::string& etag, const std::string& body, Coding coding) {
    const std::string key = etag + codingName(coding);
    {
        std::lock_guard<std::mutex> lock(_mutex);
        auto it = _index.find(key);
        if (it != _index.end()) {
            _lru.splice(_lru.begin(), _lru, it->second);
            return it->second->second;
        }
    }
    std::string encoded = encodeBody(body, coding);
    std::lock_guard<std::mutex> lock(_mutex);
    if (encoded.size() > _maxBytes || _index.count(key)) return encoded;
    _lru.emplace_front(key, encoded);
    _index[key] = _lru.begin();
    _bytes += encoded.size() + key.size();
    while (_bytes > _maxBytes && !_lru.empty()) {
        _bytes -= _lru.back().second.size() + _lru.back().first.size();
        _index.erase(_lru.back().first);
        _lru.pop_back();
    }
    return encoded;
}

void finishConditional(const Request& request, Response& response, EncodedBodyCache& cache) {
    if (response.status != 200) return;
    const std::string etag = bodyTag(response.body);
    response.headers.emplace_back("ETag", etag);
    const bool compressible = isText(response.contentType) && !hasHeader(response, "Content-Encoding");
    if (compressible) response.headers.emplace_back("Vary", "Accept-Encoding");
    const std::string ifNoneMatch = request.header("if-none-match");
    if (!ifNoneMatch.empty() && etagMatches(ifNoneMatch, etag)) {
        response.status = 304;
        response.body.clear();
        return;
    }
    if (!compressible || response.body.size() < kMinCompressBytes) return;
    const Coding coding = chooseCoding(request.header("accept-encoding"));
    if (coding == Coding::Identity) return;
    response.body = cache.get(etag, response.body, coding);
    response.headers.emplace_back("Content-Encoding", codingName(coding));
}

}  // namespace statshost::http
