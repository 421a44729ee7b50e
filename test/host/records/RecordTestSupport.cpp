#include "RecordTestSupport.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include <Poco/DirectoryIterator.h>
#include <Poco/JSON/Parser.h>

#include "support/TestEnv.h"

namespace statshost::records::test {

namespace {

std::string fixtureDir() { return statshost::test::fixturePath("rdm_records"); }

}  // namespace

std::string fixtureText(const std::string& name) {
    std::ifstream in(fixtureDir() + "/" + name, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read fixture " + name);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::vector<std::string> fixtureNames() {
    std::vector<std::string> out;
    for (Poco::DirectoryIterator it(fixtureDir()), end; it != end; ++it)
        if (it.name().size() > 5 && it.name().substr(it.name().size() - 5) == ".json") out.push_back(it.name());
    std::sort(out.begin(), out.end());
    return out;
}

FixtureIdentity fixtureIdentity(const std::string& name) {
    // Only the missing parts are used: book, thesis and journal_article lack `id`, journal_article
    // lacks `created`, every fixture lacks `parent.id`.
    static const std::map<std::string, FixtureIdentity> kIdentities = {
        {"sample_metadata_book_pdf.json", {"bk001-00001", "bkp01-00001", ""}},
        {"sample_metadata_thesis_pdf.json", {"th001-00001", "thp01-00001", ""}},
        {"sample_metadata_journal_article_pdf.json", {"ja001-00001", "jap01-00001", "2020-10-13T09:00:00+02:00"}},
        {"sample_metadata_journal_article3_pdf.json", {"", "5ce94-par01", ""}},
        {"sample_metadata_journal_article4_pdf.json", {"", "jthhs-par01", ""}},
        {"sample_metadata_journal_article5_pdf.json", {"", "0dtmf-par01", ""}},
        {"sample_metadata_journal_article6_pdf.json", {"", "5ryf5-par01", ""}},
        {"sample_metadata_journal_article7_pdf.json", {"", "r4w2d-par01", ""}},
    };
    auto it = kIdentities.find(name);
    if (it == kIdentities.end()) throw std::runtime_error("no identity for fixture " + name);
    return it->second;
}

Poco::JSON::Object::Ptr fixtureRecord(const std::string& name) {
    auto record = parseJson(fixtureText(name));
    const auto identity = fixtureIdentity(name);
    if (!record->has("id")) record->set("id", identity.id);
    if (!record->has("created")) record->set("created", identity.created);
    auto parent = record->getObject("parent");
    if (!parent) {
        parent = new Poco::JSON::Object;
        record->set("parent", parent);
    }
    if (!parent->has("id")) parent->set("id", identity.parentId);
    return record;
}

Poco::JSON::Object::Ptr parseJson(const std::string& text) {
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

std::string toJson(const Poco::JSON::Object::Ptr& object) {
    std::ostringstream out;
    object->stringify(out);
    return out.str();
}

Poco::JSON::Object::Ptr minimalRecord() {
    return parseJson(R"({"id": "abcde-12345", "parent": {"id": "parnt-00001"},
                         "created": "2024-03-01T10:15:00+00:00"})");
}

void put(const Poco::JSON::Object::Ptr& root, const std::string& path, const std::string& json) {
    auto value = Poco::JSON::Parser().parse("[" + json + "]").extract<Poco::JSON::Array::Ptr>()->get(0);
    auto node = root;
    std::size_t start = 0;
    for (auto dot = path.find('.'); dot != std::string::npos; start = dot + 1, dot = path.find('.', start)) {
        const auto key = path.substr(start, dot - start);
        auto next = node->getObject(key);
        if (!next) {
            next = new Poco::JSON::Object;
            node->set(key, next);
        }
        node = next;
    }
    node->set(path.substr(start), value);
}

std::vector<FacetValue> facetValues(const RecordData& record, const std::string& facet) {
    std::vector<FacetValue> out;
    for (const auto& v : record.facets)
        if (v.facet == facet) out.push_back(v);
    return out;
}

std::string facetPairs(const RecordData& record, const std::string& facet) {
    std::vector<std::string> out;
    for (const auto& v : facetValues(record, facet)) out.push_back(v.id + "=" + v.label);
    return joined(out);
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : " | ") + item;
    return out;
}

}  // namespace statshost::records::test
