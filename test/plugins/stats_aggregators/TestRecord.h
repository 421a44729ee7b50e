#pragma once
/// A small builder of InvenioRDM record JSON for the aggregator tests: only what the records families
/// read (files, owner, access, publication date, resource type, languages, subjects, publisher,
/// creator affiliations, parent communities).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace statshost::test {

struct TestFile {
    std::string key;
    std::int64_t size = 0;
    std::string ext;  ///< "" = taken from the key by the record parser
};

struct TestRecord {
    std::string id;
    std::string parent;
    std::string created = "2024-01-01T10:00:00Z";
    std::string communities = "-";  ///< "-": no parent.communities; else comma-separated ("" = empty list)
    std::string publicationDate;    ///< "" = absent (the created day is used)
    std::string owner = "7";        ///< "" = no owner
    std::vector<TestFile> files;    ///< files.enabled = !files.empty()
    std::string access = "open";
    std::string resourceType = "dataset";
    std::string resourceTitle = "Dataset";  ///< "" = no title
    std::vector<std::pair<std::string, std::string>> languages;  ///< (id, English title or "")
    std::vector<std::pair<std::string, std::string>> subjects;   ///< (id or "" for a keyword, subject text)
    std::string publisher;
    std::vector<std::pair<std::string, std::string>> creatorAffiliations;  ///< (id or "", name)

    TestRecord(std::string recordId, std::string parentId) : id(std::move(recordId)), parent(std::move(parentId)) {}

    std::string json() const;
};

}  // namespace statshost::test
