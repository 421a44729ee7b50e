#pragma once
/// Serving the UI build: GET <prefix>/{path*} answers the files the Vite manifest names from memory.
/// Their names carry content hashes, so they are `Cache-Control: public, max-age=31536000, immutable`;
/// the route is conditional, so the host adds the ETag, answers If-None-Match with 304 and
/// compresses JS/CSS (br or gzip, by Accept-Encoding). Anything else under the prefix is 404.
#include <memory>

#include "AssetManifest.h"
#include "statshost/Http.h"

namespace statshost::dashboard {

inline const char* const kImmutableCache = "public, max-age=31536000, immutable";

/// The route at `urlPrefix` ("/static/stats_dashboard") over `assets` (shared with the pages).
Route uiAssetRoute(const std::string& urlPrefix, std::shared_ptr<const UiAssets> assets);

}  // namespace statshost::dashboard
