#pragma once
/// Serves the files below one directory at a URL prefix (e.g. the dashboard bundle at /static).
///
/// Safety: a request resolves only to a regular file whose canonical path (realpath, so after
/// following symlinks) lies inside the canonical root. Segments that are empty or start with '.'
/// (hence "..", ".", dotfiles), backslashes and NUL bytes are refused. Every refusal, like a
/// missing file, is a 404 that does not say why.
///
/// Threading: immutable after construction; serve() may run on any number of threads.
/// Files are read whole into the response, so this is meant for web assets, not large downloads.
#include <string>

#include "statshost/Http.h"

namespace statshost::http {

class StaticFiles {
public:
    /// `rootDir` must be an existing directory (throws statshost::ConfigError otherwise).
    /// `urlPrefix` is where it is mounted, e.g. "/static" ("" or "/" mounts it at the root).
    StaticFiles(const std::string& rootDir, const std::string& urlPrefix);

    /// Answers a request for `relativePath` (decoded, relative to the root; "" or a directory
    /// means its index.html). Sets Content-Type by extension, ETag, Last-Modified and
    /// Cache-Control; answers 304 with no body when `ifNoneMatch` names the current ETag (the
    /// 304 lists the file's size as Content-Length, which the server forwards).
    Response serve(const std::string& relativePath, const std::string& ifNoneMatch) const;

    /// A public GET route "<prefix>/{path*}" named `name` that calls serve(). The route holds a
    /// copy of this object, so it stays valid after this object is gone.
    Route route(const std::string& name = "static") const;

    /// The media type used for a file name, e.g. "text/css; charset=utf-8".
    static std::string contentTypeFor(const std::string& fileName);

    /// True for names under "assets/" whose last '-' or '.'-separated stem part looks like a
    /// content hash (8+ characters of [A-Za-z0-9_-] with a digit), e.g. "assets/index-B4x9Qa1c.js".
    static bool isHashedAsset(const std::string& relativePath);

private:
    std::string _root;    ///< canonical, no trailing slash
    std::string _prefix;  ///< no trailing slash
};

}  // namespace statshost::http
