// Dense reads of every family compared with the reference or with another store.
#include "ReferenceCheck.h"

#include "ReferenceCompare.h"

#include <Poco/JSON/Parser.h>
#include "records/Dates.h"

namespace statshost::test::reference {

namespace {

std::vector<Document> dense(DocumentStore& store, const std::string& alias, const std::string& community) {
    std::vector<Document> docs;
    store.readDense(alias, {community, "", ""}, [&](const Document& d) {
        docs.push_back(d);
        return true;
    });
    return docs;
}

std::string where(const Family& f, const std::string& community, const std::string& day) {
    return f.alias + " community " + community + " day " + day + ": ";
}

Poco::JSON::Object::Ptr parse(const std::string& text) {
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
}

std::string days(const std::vector<Document>& docs) {
    if (docs.empty()) return "none";
    return docs.front().day + ".." + docs.back().day + " (" + std::to_string(docs.size()) + ")";
}

}  // namespace

CheckOutcome compareWithReference(DocumentStore& store, const Reference& reference, std::int64_t asOfDay) {
    CheckOutcome out;
    for (const Family& family : families()) {
        for (const std::string& community : reference.communities()) {
            auto expected = reference.documents(family, community, asOfDay);
            auto actual = dense(store, family.alias, community);
            std::string range = expected.empty() ? std::string("none")
                                                 : records::formatDay(expected.front().day) + ".." +
                                                       records::formatDay(expected.back().day) + " (" +
                                                       std::to_string(expected.size()) + ")";
            for (std::size_t i = 0; i < std::max(expected.size(), actual.size()); ++i) {
                if (i >= expected.size() || i >= actual.size() ||
                    records::formatDay(expected[i].day) != actual[i].day) {
                    std::string day = i < expected.size() ? records::formatDay(expected[i].day) : actual[i].day;
                    out.mismatch = where(family, community, day) + "documents: expected days " + range +
                                   ", actual days " + days(actual);
                    return out;
                }
                const std::string day = actual[i].day;
                if (actual[i].id != community + "-" + day) {
                    out.mismatch = where(family, community, day) + "document id: expected " + community + "-" + day +
                                   ", actual " + actual[i].id;
                    return out;
                }
                std::string diff = firstDifference(expected[i].body, parse(actual[i].body));
                ++out.documents;
                if (!diff.empty()) {
                    out.mismatch = where(family, community, day) + diff;
                    return out;
                }
            }
        }
    }
    return out;
}

CheckOutcome compareStores(DocumentStore& a, DocumentStore& b, const std::vector<std::string>& communities) {
    CheckOutcome out;
    for (const Family& family : families()) {
        for (const std::string& community : communities) {
            auto expected = dense(a, family.alias, community);
            auto actual = dense(b, family.alias, community);
            for (std::size_t i = 0; i < std::max(expected.size(), actual.size()); ++i) {
                if (i >= expected.size() || i >= actual.size() || expected[i].day != actual[i].day) {
                    std::string day = i < expected.size() ? expected[i].day : actual[i].day;
                    out.mismatch = where(family, community, day) + "documents: first store has days " +
                                   days(expected) + ", second store " + days(actual);
                    return out;
                }
                std::string diff = firstDifference(parse(expected[i].body), parse(actual[i].body));
                ++out.documents;
                if (!diff.empty()) {
                    out.mismatch = where(family, community, expected[i].day) + diff;
                    return out;
                }
            }
        }
    }
    return out;
}

}  // namespace statshost::test::reference
