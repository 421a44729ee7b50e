#include "PageTemplates.h"

#include <fstream>
#include <sstream>

#include <kainjow/mustache.hpp>

#include "statshost/Errors.h"

namespace statshost::dashboard {

namespace mus = kainjow::mustache;

namespace {

std::string readTemplate(const std::string& path, const std::string& keyPath) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError(keyPath, "template file '" + path + "' cannot be read");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string renderText(const std::string& text, const mus::data& data) {
    mus::mustache tmpl(text);
    if (!tmpl.is_valid()) throw Error("template error: " + tmpl.error_message());
    return tmpl.render(data);
}

mus::data flag(bool on) { return on ? mus::data::type::bool_true : mus::data::type::bool_false; }

mus::data viewData(const PageView& view, const UiAssets& assets) {
    mus::data d;
    d.set("lang", view.lang);
    d.set("page_title", view.pageTitle);
    d.set("site_title", view.siteTitle);
    d.set("title", view.title);
    d.set("description", view.description);
    d.set("show_title", flag(view.showTitle));
    d.set("show_description", flag(view.showDescription));
    d.set("status", std::to_string(view.status));
    d.set("dashboard_config", view.dashboardConfig);
    d.set("community", view.community);
    d.set("community_title", view.communityTitle);
    d.set("community_url", view.communityUrl);
    d.set("heading", view.heading);
    d.set("message", view.message);
    d.set("ui_built", flag(assets.built));
    d.set("ui_problem", assets.problem);
    d.set("script", assets.script);
    mus::data styles{mus::data::type::list};
    for (const auto& href : assets.styles) {
        mus::data item;
        item.set("href", href);
        styles.push_back(item);
    }
    d.set("styles", styles);
    return d;
}

}  // namespace

PageTemplates PageTemplates::load(const std::string& directory, const TemplateNames& names, const std::string& keyPath) {
    PageTemplates t;
    const std::pair<const char*, const std::string*> roles[] = {{"page", &names.page},
                                                                {"macro", &names.macro},
                                                                {"global", &names.global},
                                                                {"community", &names.community},
                                                                {"message", &names.message}};
    for (const auto& [role, file] : roles) {
        const std::string key = keyPath + "." + role;
        const std::string path = directory + "/" + *file;
        std::string text = readTemplate(path, key);
        mus::mustache parsed(text);
        if (!parsed.is_valid()) throw ConfigError(key, "template '" + path + "': " + parsed.error_message());
        t._text[role] = std::move(text);
    }
    return t;
}

std::string PageTemplates::render(const PageView& view, const UiAssets& assets) const {
    mus::data data = viewData(view, assets);
    const std::string macro = _text.at("macro");
    data.set("stats_dashboard", mus::partial([macro] { return macro; }));
    const std::string body = renderText(_text.at(view.kind == "community" || view.kind == "global" ? view.kind : "message"), data);
    data.set("body", body);
    return renderText(_text.at("page"), data);
}

}  // namespace statshost::dashboard
