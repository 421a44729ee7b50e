#include "StorageTestSupport.h"

#include <iostream>
#include <sstream>

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include "statshost/Errors.h"

namespace statshost::test {

std::string jsonBody(int seed, std::size_t size) {
    std::string body = "{\"seed\":" + std::to_string(seed) + ",\"label\":\"doc \\\"" + std::to_string(seed) +
                       "\\\" \\\\ ü\",\"values\":[1,2.5,true,null],\"pad\":\"";
    body.reserve(size + 2);
    while (body.size() + 2 < size) body += static_cast<char>('a' + (seed + body.size()) % 26);
    return body + "\"}";
}

Document makeDoc(const std::string& id, const std::string& community, const std::string& day, const std::string& body) {
    return Document{id, community, day, body.empty() ? "{\"id\":\"" + id + "\",\"day\":\"" + day + "\"}" : body};
}

std::vector<Document> scanAll(DocumentStore& store, const std::string& alias, const DocumentRange& range) {
    std::vector<Document> docs;
    store.scan(alias, range, [&](const Document& doc) {
        docs.push_back(doc);
        return true;
    });
    return docs;
}

std::string canonicalJson(const std::string& json) {
    Poco::JSON::Parser parser;
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(parser.parse(json), out);
    return out.str();
}

}  // namespace statshost::test
