#include "AssetManifest.h"

#include <fstream>
#include <sstream>

#include <Poco/JSON/Parser.h>

namespace statshost::dashboard {

namespace {

bool readFile(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return static_cast<bool>(in) || in.eof();
}

/// A manifest path is a relative path with plain segments (no "..", ".", empty or hidden segments).
bool isPlainRelativePath(const std::string& path) {
    if (path.empty() || path[0] == '/' || path.find('\\') != std::string::npos) return false;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string::npos) end = path.size();
        if (end == start || path[start] == '.') return false;
        start = end + 1;
    }
    return true;
}

std::vector<std::string> stringList(const Poco::JSON::Object::Ptr& entry, const std::string& key) {
    std::vector<std::string> out;
    Poco::JSON::Array::Ptr list = entry->getArray(key);
    if (!list) return out;
    for (const auto& item : *list)
        if (item.isString()) out.push_back(item.extract<std::string>());
    return out;
}

UiAssets notBuilt(std::string problem) {
    UiAssets a;
    a.problem = std::move(problem);
    return a;
}

}  // namespace

std::string assetContentType(const std::string& path) {
    static const std::map<std::string, std::string> types = {
        {"js", "text/javascript; charset=utf-8"}, {"mjs", "text/javascript; charset=utf-8"},
        {"css", "text/css; charset=utf-8"},       {"json", "application/json"},
        {"svg", "image/svg+xml"},                 {"png", "image/png"},
        {"woff2", "font/woff2"},                  {"woff", "font/woff"},
        {"map", "application/json"},              {"txt", "text/plain; charset=utf-8"},
    };
    const std::size_t slash = path.rfind('/');
    const std::size_t dot = path.rfind('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return "application/octet-stream";
    auto it = types.find(path.substr(dot + 1));
    return it == types.end() ? "application/octet-stream" : it->second;
}

UiAssets readUiAssets(const std::string& distDir, const std::string& urlPrefix, const std::string& entry) {
    const std::string manifestPath = distDir + "/.vite/manifest.json";
    std::string text;
    if (!readFile(manifestPath, text))
        return notBuilt("no UI build: " + manifestPath + " is missing (run scripts/setup, or 'npm ci && npm run build' in plugins/stats_dashboard/ui)");
    Poco::JSON::Object::Ptr manifest;
    try {
        Poco::Dynamic::Var parsed = Poco::JSON::Parser().parse(text);
        if (parsed.type() == typeid(Poco::JSON::Object::Ptr)) manifest = parsed.extract<Poco::JSON::Object::Ptr>();
    } catch (const std::exception& e) {
        return notBuilt(manifestPath + " is not valid JSON: " + e.what());
    }
    if (!manifest) return notBuilt(manifestPath + " is not a JSON object");
    Poco::JSON::Object::Ptr main = manifest->getObject(entry);
    if (!main || !main->has("file") || !main->get("file").isString())
        return notBuilt(manifestPath + " has no entry '" + entry + "' with a 'file'");

    UiAssets assets;
    for (const auto& kv : *manifest) {
        if (kv.second.type() != typeid(Poco::JSON::Object::Ptr)) continue;
        Poco::JSON::Object::Ptr item = kv.second.extract<Poco::JSON::Object::Ptr>();
        std::vector<std::string> paths = stringList(item, "css");
        for (const auto& p : stringList(item, "assets")) paths.push_back(p);
        if (item->has("file") && item->get("file").isString()) paths.push_back(item->getValue<std::string>("file"));
        for (const auto& p : paths) {
            if (!isPlainRelativePath(p)) return notBuilt(manifestPath + " names a path outside the build: '" + p + "'");
            if (assets.files.count(p)) continue;
            AssetFile file{assetContentType(p), {}};
            if (!readFile(distDir + "/" + p, file.body))
                return notBuilt("the UI build is incomplete: " + distDir + "/" + p + " is missing");
            assets.files.emplace(p, std::move(file));
        }
    }
    assets.script = urlPrefix + "/" + main->getValue<std::string>("file");
    for (const auto& css : stringList(main, "css")) assets.styles.push_back(urlPrefix + "/" + css);
    assets.built = true;
    return assets;
}

}  // namespace statshost::dashboard
