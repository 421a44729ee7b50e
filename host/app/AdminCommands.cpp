// init, status, destroy-indices, token-hash.
#include <algorithm>
#include <iostream>
#include <optional>
#include <set>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "aggregation/AggregationStatus.h"
#include "app/AggregateSupport.h"
#include "app/Command.h"
#include "config/ConfigLoader.h"

namespace statshost::app {

namespace {

int runInit(AppSession& s, const ParsedArgs&) {
    auto& store = s.storage();
    std::size_t templates = s.registerTemplates();
    std::cout << "initialized " << store.redactedUrl() << ": " << templates << " index template"
              << (templates == 1 ? "" : "s") << " registered\n";
    return 0;
}

Poco::Dynamic::Var optionalText(const std::optional<std::string>& value) {
    return value ? Poco::Dynamic::Var(*value) : Poco::Dynamic::Var();
}

Poco::Dynamic::Var textOrNull(const std::string& value) {
    return value.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(value);
}

/// Per community of one aggregation: bookmark, dirty marker, stored days and documents.
Poco::JSON::Array::Ptr communityStatusJson(const aggregation::AggregationStatus& status) {
    Poco::JSON::Array::Ptr rows = new Poco::JSON::Array;
    for (const auto& c : status.communities) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("community", c.communityId);
        o->set("bookmark", optionalText(c.bookmark));
        o->set("dirty_from", optionalText(c.dirtyFrom));
        o->set("first_day", textOrNull(c.firstDay));
        o->set("last_day", textOrNull(c.lastDay));
        o->set("documents", static_cast<Poco::UInt64>(c.documents));
        rows->add(o);
    }
    return rows;
}

Poco::JSON::Object::Ptr statusJson(AppSession& s, const std::vector<std::string>& communityIds) {
    const auto& cfg = s.config();
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
    out->set("version", STATSHOST_VERSION);
    out->set("config", cfg.configFile);
    auto& store = s.storage();
    Poco::JSON::Object::Ptr storage = new Poco::JSON::Object;
    storage->set("url", store.redactedUrl());
    storage->set("backend", store.backend());
    out->set("storage", storage);

    auto& ext = s.extensions();
    // Derived families already in the store are counted through their derivers (Store.h DocumentDeriver);
    // nothing new is registered here.
    std::set<std::string> known;
    for (const auto& info : store.indices()) known.insert(info.alias);
    for (const auto& a : ext.aggregators())
        for (const IndexTemplate& t : a.object->indexTemplates())
            if (t.deriver && known.count(t.alias)) store.registerTemplate(t);
    Poco::JSON::Array::Ptr plugins = new Poco::JSON::Array;
    for (const auto& p : cfg.plugins) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("name", p.name);
        o->set("path", p.path);
        Poco::JSON::Array::Ptr points = new Poco::JSON::Array;
        for (const auto& point : ext.loader().extensionPoints(p.name)) points->add(point);
        o->set("extension_points", points);
        plugins->add(o);
    }
    out->set("plugins", plugins);

    Poco::JSON::Array::Ptr aggs = new Poco::JSON::Array;
    for (const auto& a : ext.aggregators()) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("name", a.config.name);
        o->set("plugin", a.config.extension.plugin);
        o->set("class", a.config.extension.className);
        o->set("index", a.config.templates);
        const auto status = aggregation::aggregationStatus(store, a.config.name, a.config.templates, communityIds);
        o->set("watermark", optionalText(status.watermark));
        o->set("communities", communityStatusJson(status));
        aggs->add(o);
    }
    out->set("aggregations", aggs);

    Poco::JSON::Array::Ptr indices = new Poco::JSON::Array;
    for (const auto& info : store.indices()) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("alias", info.alias);
        Poco::JSON::Array::Ptr years = new Poco::JSON::Array;
        for (int y : info.years) years->add(y);
        o->set("years", years);
        o->set("documents", static_cast<Poco::UInt64>(info.documents));
        indices->add(o);
    }
    out->set("indices", indices);
    return out;
}

std::string cell(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    return o->isNull(key) ? "-" : o->getValue<std::string>(key);
}

/// The per-community table of one aggregation, with aligned columns.
void printCommunityRows(const Poco::JSON::Array::Ptr& rows) {
    if (rows->size() == 0) {
        std::cout << "    (not aggregated yet)\n";
        return;
    }
    std::size_t width = std::string("community").size();
    for (std::size_t i = 0; i < rows->size(); ++i)
        width = std::max(width, rows->getObject(i)->getValue<std::string>("community").size());
    auto line = [&](const std::string& c, const std::string& b, const std::string& d, const std::string& f,
                    const std::string& l, const std::string& n) {
        auto pad = [](const std::string& t, std::size_t w) { return t + std::string(w > t.size() ? w - t.size() : 1, ' '); };
        std::cout << "    " << pad(c, width + 2) << pad(b, 12) << pad(d, 12) << pad(f, 12) << pad(l, 12) << n << "\n";
    };
    line("community", "bookmark", "dirty from", "first day", "last day", "documents");
    for (std::size_t i = 0; i < rows->size(); ++i) {
        auto o = rows->getObject(i);
        line(o->getValue<std::string>("community"), cell(o, "bookmark").substr(0, 10), cell(o, "dirty_from").substr(0, 10),
             cell(o, "first_day"), cell(o, "last_day"), std::to_string(o->getValue<Poco::UInt64>("documents")));
    }
}

int runStatus(AppSession& s, const ParsedArgs& a) {
    auto status = statusJson(s, resolveCommunities(s, a.all("community-id")));
    if (a.flag("json")) {
        status->stringify(std::cout, 2);
        std::cout << "\n";
        return 0;
    }
    std::cout << "statshost " << status->getValue<std::string>("version") << "\n"
              << "config:   " << status->getValue<std::string>("config") << "\n";
    auto storage = status->getObject("storage");
    std::cout << "storage:  " << storage->getValue<std::string>("url") << " (" << storage->getValue<std::string>("backend")
              << ")\nplugins:\n";
    auto plugins = status->getArray("plugins");
    if (plugins->size() == 0) std::cout << "  (none)\n";
    for (std::size_t i = 0; i < plugins->size(); ++i) {
        auto p = plugins->getObject(i);
        std::string points;
        auto arr = p->getArray("extension_points");
        for (std::size_t j = 0; j < arr->size(); ++j) points += (j ? ", " : "") + arr->getElement<std::string>(j);
        std::cout << "  " << p->getValue<std::string>("name") << "  " << p->getValue<std::string>("path") << "  [" << points
                  << "]\n";
    }
    std::cout << "aggregations:\n";
    auto aggs = status->getArray("aggregations");
    if (aggs->size() == 0) std::cout << "  (none configured)\n";
    for (std::size_t i = 0; i < aggs->size(); ++i) {
        auto o = aggs->getObject(i);
        std::cout << "  " << o->getValue<std::string>("name") << "  " << o->getValue<std::string>("plugin") << "/"
                  << o->getValue<std::string>("class") << " -> " << o->getValue<std::string>("index")
                  << "  (change watermark: " << cell(o, "watermark") << ")\n";
        printCommunityRows(o->getArray("communities"));
    }
    std::cout << "indices:\n";
    auto indices = status->getArray("indices");
    if (indices->size() == 0) std::cout << "  (none; run 'statshost init')\n";
    for (std::size_t i = 0; i < indices->size(); ++i) {
        auto o = indices->getObject(i);
        std::string years;
        auto arr = o->getArray("years");
        for (std::size_t j = 0; j < arr->size(); ++j) years += (j ? "," : "") + std::to_string(arr->getElement<int>(j));
        std::cout << "  " << o->getValue<std::string>("alias") << "  years: " << (years.empty() ? "-" : years)
                  << "  documents: " << o->getValue<Poco::UInt64>("documents") << "\n";
    }
    return 0;
}

int runDestroy(AppSession& s, const ParsedArgs& a) {
    if (!a.flag("yes-i-know"))
        throw UsageError("destroy-indices deletes every statshost index, bookmark and lock; confirm with --yes-i-know");
    auto& store = s.storage();
    store.destroyIndices();
    std::cout << "destroyed all statshost indices in " << store.redactedUrl() << "\n";
    return 0;
}

int runTokenHash(AppSession&, const ParsedArgs& a) {
    std::string secret;
    if (!a.positional.empty()) {
        secret = a.positional[0];
    } else {
        std::getline(std::cin, secret);
    }
    if (secret.size() < 16) throw UsageError("a token secret needs at least 16 characters");
    std::cout << config::sha256Hex(secret) << "\n";
    return 0;
}

}  // namespace

void addAdminCommands(std::vector<Command>& out) {
    out.push_back({"init", "create the storage tables and register every aggregation's index templates",
                   "statshost [--config FILE] [--db URL] init",
                   "Creates statshost's internal tables (index registry, bookmarks, locks) if missing and\n"
                   "registers the index templates of every aggregation in STATS_AGGREGATIONS. Idempotent.",
                   {}, 0, runInit});
    out.push_back({"status", "show configuration, plugins, aggregations and indices",
                   "statshost [--config FILE] [--db URL] status [--json] [--community-id ID|SLUG]...",
                   "Prints the configuration file in use, the storage (password redacted), the loaded plugins\n"
                   "and their extension points, the configured aggregations and, per index, its yearly parts\n"
                   "and document count. Per aggregation and community: the bookmark (the last day whose\n"
                   "documents are correct), the dirty marker (first day the next run recomputes), the first and\n"
                   "last stored day and the number of stored documents (families are stored sparsely: days\n"
                   "without news are filled when read); per aggregation the change watermark.",
                   {{"json", "", "print one JSON object instead of text"},
                    {"community-id", "ID", "only these communities (id, slug or 'global')", true}},
                   0, runStatus});
    out.push_back({"destroy-indices", "delete every statshost index, bookmark and lock",
                   "statshost [--config FILE] [--db URL] destroy-indices --yes-i-know",
                   "Drops every index (all years), the bookmarks and the locks statshost created. Raw data\n"
                   "tables of later features are left alone. Requires --yes-i-know.",
                   {{"yes-i-know", "", "confirm the deletion"}}, 0, runDestroy});
    out.push_back({"token-hash", "print the SHA-256 of a token secret for statshost.yaml",
                   "statshost token-hash [SECRET]",
                   "Prints the lower-case hex SHA-256 of SECRET (read from standard input when omitted), the\n"
                   "value to put in a tokens[].sha256 entry of statshost.yaml. Secrets need >= 16 characters.",
                   {}, 1, runTokenHash});
}

}  // namespace statshost::app
