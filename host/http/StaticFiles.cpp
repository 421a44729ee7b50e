#include "http/StaticFiles.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <map>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include "http/JsonError.h"
#include "statshost/Errors.h"

namespace statshost::http {

namespace {

const char* const kLongCache = "public, max-age=31536000, immutable";
const char* const kShortCache = "public, max-age=60";

/// The canonical form of `path`, or "" when it does not exist or cannot be resolved.
std::string canonical(const std::string& path) {
    char buf[PATH_MAX];
    return ::realpath(path.c_str(), buf) ? std::string(buf) : std::string();
}

bool isInside(const std::string& path, const std::string& root) {
    if (root == "/") return true;
    return path == root || (path.size() > root.size() && path.compare(0, root.size(), root) == 0 && path[root.size()] == '/');
}

/// True when `rel` names a location below the root: no NUL or backslash, no segment that starts
/// with '.', no empty segment except a trailing one ("dir/").
bool isAcceptablePath(const std::string& rel) {
    if (rel.find('\0') != std::string::npos || rel.find('\\') != std::string::npos) return false;
    std::size_t start = 0;
    while (start < rel.size()) {
        std::size_t end = rel.find('/', start);
        if (end == start || rel[start] == '.') return false;
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return true;
}

Response notFound() { return jsonError(404, "not found"); }

/// Strong validator from size and modification time (nanoseconds).
std::string etagFor(const struct stat& st) {
    char buf[64];
    long long ns = static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
    std::snprintf(buf, sizeof buf, "\"%llx-%llx\"", static_cast<unsigned long long>(st.st_size),
                  static_cast<unsigned long long>(ns));
    return buf;
}

/// RFC 9110 If-None-Match: "*" or a comma-separated list compared weakly (W/ ignored).
bool etagListMatches(const std::string& header, const std::string& etag) {
    std::size_t start = 0;
    while (start < header.size()) {
        std::size_t end = header.find(',', start);
        if (end == std::string::npos) end = header.size();
        std::size_t b = header.find_first_not_of(" \t", start);
        std::size_t e = header.find_last_not_of(" \t", end - 1);
        if (b != std::string::npos && b < end && e != std::string::npos && e >= b) {
            std::string tag = header.substr(b, e + 1 - b);
            if (tag == "*") return true;
            if (tag.compare(0, 2, "W/") == 0) tag.erase(0, 2);
            if (tag == etag) return true;
        }
        start = end + 1;
    }
    return false;
}

}  // namespace

StaticFiles::StaticFiles(const std::string& rootDir, const std::string& urlPrefix)
    : _root(canonical(rootDir)), _prefix(urlPrefix) {
    struct stat st;
    if (_root.empty() || ::stat(_root.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        throw ConfigError("paths.staticFiles", "'" + rootDir + "' is not a directory");
    while (!_prefix.empty() && _prefix.back() == '/') _prefix.pop_back();
    if (!_prefix.empty() && _prefix.front() != '/') throw ConfigError("", "static prefix '" + urlPrefix + "' must start with '/'");
}

std::string StaticFiles::contentTypeFor(const std::string& fileName) {
    static const std::map<std::string, std::string> types = {
        {"html", "text/html; charset=utf-8"},       {"js", "text/javascript; charset=utf-8"},
        {"mjs", "text/javascript; charset=utf-8"},  {"css", "text/css; charset=utf-8"},
        {"json", "application/json"},               {"svg", "image/svg+xml"},
        {"png", "image/png"},                       {"ico", "image/x-icon"},
        {"woff2", "font/woff2"},                    {"map", "application/json"},
        {"txt", "text/plain; charset=utf-8"},
    };
    std::size_t slash = fileName.rfind('/');
    std::size_t dot = fileName.rfind('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "application/octet-stream";
    auto it = types.find(fileName.substr(dot + 1));
    return it == types.end() ? "application/octet-stream" : it->second;
}

bool StaticFiles::isHashedAsset(const std::string& relativePath) {
    if (relativePath.compare(0, 7, "assets/") != 0) return false;
    std::string name = relativePath.substr(relativePath.rfind('/') + 1);
    std::size_t dot = name.rfind('.');
    if (dot == std::string::npos) return false;
    std::string stem = name.substr(0, dot);
    std::size_t sep = stem.find_last_of("-.");
    if (sep == std::string::npos) return false;
    std::string hash = stem.substr(sep + 1);
    bool hasDigit = false;
    for (char c : hash) {
        bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (!alnum) return false;
        hasDigit = hasDigit || (c >= '0' && c <= '9');
    }
    return hash.size() >= 8 && hasDigit;
}

Response StaticFiles::serve(const std::string& relativePath, const std::string& ifNoneMatch) const {
    if (!isAcceptablePath(relativePath)) return notFound();
    std::string rel = relativePath;
    std::string path = canonical(rel.empty() ? _root : _root + "/" + rel);
    if (path.empty() || !isInside(path, _root)) return notFound();
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return notFound();
    if (S_ISDIR(st.st_mode)) {
        rel += rel.empty() || rel.back() == '/' ? "index.html" : "/index.html";
        path = canonical(path + "/index.html");
        if (path.empty() || !isInside(path, _root)) return notFound();
    }

    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return notFound();
    Response r;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return notFound();
    }
    const std::string etag = etagFor(st);
    Poco::Timestamp mtime = Poco::Timestamp::fromEpochTime(st.st_mtim.tv_sec);
    r.headers = {{"ETag", etag},
                 {"Last-Modified", Poco::DateTimeFormatter::format(mtime, Poco::DateTimeFormat::HTTP_FORMAT)},
                 {"Cache-Control", isHashedAsset(rel) ? kLongCache : kShortCache}};
    r.contentType = contentTypeFor(path);
    if (!ifNoneMatch.empty() && etagListMatches(ifNoneMatch, etag)) {
        ::close(fd);
        r.status = 304;
        r.headers.emplace_back("Content-Length", std::to_string(st.st_size));  // of the 200 it stands for
        return r;
    }
    r.body.resize(static_cast<std::size_t>(st.st_size));
    std::size_t done = 0;
    while (done < r.body.size()) {
        ssize_t n = ::read(fd, &r.body[done], r.body.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    r.body.resize(done);
    return r;
}

Route StaticFiles::route(const std::string& name) const {
    Route route;
    route.method = "GET";
    route.pattern = _prefix + "/{path*}";
    route.permission = Permission::Public;
    route.name = name;
    StaticFiles self = *this;
    route.handler = [self](const Request& request) {
        auto it = request.pathParams.find("path");
        return self.serve(it == request.pathParams.end() ? "" : it->second, request.header("if-none-match"));
    };
    return route;
}

}  // namespace statshost::http
