#pragma once
/// The built dashboard UI (plugins/stats_dashboard/ui, `npm run build`): what the page links and
/// which files the host serves, read once at start-up from Vite's `<dist>/.vite/manifest.json`.
///
/// A missing or unreadable build is not an error: the result says why (`problem`), the blueprint
/// logs a warning and the pages say that the UI was not built.
#include <map>
#include <string>
#include <vector>

namespace statshost::dashboard {

/// One file of the build, held in memory (the build is small and immutable while serving).
struct AssetFile {
    std::string contentType;
    std::string body;
};

struct UiAssets {
    bool built = false;                   ///< the manifest and every file it names were read
    std::string problem;                  ///< why not (empty when built)
    std::string script;                   ///< URL of the entry script (under the URL prefix)
    std::vector<std::string> styles;      ///< URLs of the entry's stylesheets, in manifest order
    std::map<std::string, AssetFile> files;  ///< every file the manifest names, by path relative to dist
};

/// The Vite entry the page boots (README of the UI).
inline const char* const kUiEntry = "src/main.jsx";

/// Reads `<distDir>/.vite/manifest.json`: `entry`'s `file` and `css` become the page's script and
/// stylesheets (URLs `<urlPrefix>/<file>`); every `file`, `css` and `assets` path of every entry is
/// loaded. Paths that leave the dist folder ("..", absolute) make the build unusable.
UiAssets readUiAssets(const std::string& distDir, const std::string& urlPrefix, const std::string& entry = kUiEntry);

/// Content type by file extension (js, css, json, svg, png, woff2, ...; else application/octet-stream).
std::string assetContentType(const std::string& path);

}  // namespace statshost::dashboard
