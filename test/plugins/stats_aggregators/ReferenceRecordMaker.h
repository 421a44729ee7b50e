#pragma once
/// Random InvenioRDM record JSON for the cross-check generator (see ReferenceGenerator.h): metadata
/// from small vocabularies so that values, ties and label disagreements recur; created and
/// publication dates around a given instant in every supported form; files with and without
/// types, sizes as numbers or numeric strings, disabled files; owners 7 / "7" / others / none.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "ReferenceRandom.h"

namespace statshost::test::reference {

struct FileModel {
    std::string fileId;
    std::string key;
    std::string type;  ///< the file type the repository should derive (lower case, "" = none)
    std::int64_t size = 0;
};

struct RecordModel {
    std::string id;
    std::string parent;
    std::string baseJson;          ///< without parent.communities
    std::vector<FileModel> files;  ///< counted files (enabled only)
};

struct Titled;  ///< an id and an optional English title of a vocabulary entry

class RecordMaker {
public:
    explicit RecordMaker(Rng& rng) : _rng(rng) {}
    /// A new version `id` of `parent`, published at `nowMicros`.
    RecordModel make(const std::string& id, const std::string& parent, std::int64_t nowMicros);
    /// The record JSON with parent.communities set to `communities` (nullopt = key absent).
    static std::string withCommunities(const std::string& base, const std::optional<std::vector<std::string>>& communities);

private:
    std::string createdText();
    std::optional<std::string> publicationDate();
    Poco::JSON::Object::Ptr titled(const Titled& t, const std::string& idKey, const std::string& titleKey, bool nested);
    Poco::JSON::Array::Ptr people(int max);
    Poco::JSON::Object::Ptr owner();

    Rng& _rng;
    std::int64_t _now = 0;
};

}  // namespace statshost::test::reference
