#include "AssetRoute.h"

#include "statshost/Errors.h"

namespace statshost::dashboard {

Route uiAssetRoute(const std::string& urlPrefix, std::shared_ptr<const UiAssets> assets) {
    Route route;
    route.method = "GET";
    route.pattern = urlPrefix + "/{path*}";
    route.permission = Permission::Public;
    route.name = "stats_dashboard.assets";
    route.conditional = true;
    route.handler = [assets](const Request& request) {
        auto param = request.pathParams.find("path");
        auto it = param == request.pathParams.end() ? assets->files.end() : assets->files.find(param->second);
        if (it == assets->files.end()) throw HttpError(404, "no such dashboard asset");
        Response r;
        r.contentType = it->second.contentType;
        r.body = it->second.body;
        r.headers.emplace_back("Cache-Control", kImmutableCache);
        r.headers.emplace_back("X-Content-Type-Options", "nosniff");
        return r;
    };
    return route;
}

}  // namespace statshost::dashboard
