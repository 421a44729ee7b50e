// init, status, destroy-indices, token-hash.
#include <iostream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

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

Poco::JSON::Object::Ptr statusJson(AppSession& s) {
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

int runStatus(AppSession& s, const ParsedArgs& a) {
    auto status = statusJson(s);
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
                  << o->getValue<std::string>("class") << " -> " << o->getValue<std::string>("index") << "\n";
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
                   "statshost [--config FILE] [--db URL] status [--json]",
                   "Prints the configuration file in use, the storage (password redacted), the loaded plugins\n"
                   "and their extension points, the configured aggregations and, per index, its yearly parts\n"
                   "and document count.",
                   {{"json", "", "print one JSON object instead of text"}}, 0, runStatus});
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
