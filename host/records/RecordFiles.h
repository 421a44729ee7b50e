#pragma once
/// The files of a record (SEMANTICS §10.5, §10.7, §10.8, §10.10): which entries count, their
/// sizes, file types and file ids.
#include <cstdint>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

namespace statshost::records {

/// One counted file entry.
struct RecordFile {
    std::string key;        ///< the entry's `key` (else its key in the `entries` map), as given
    std::string ext;        ///< file type, lower case; empty when the file has none
    std::int64_t size = 0;  ///< bytes
    std::string fileId;     ///< the entry's `id`, else `<record id>/<key>`

    bool operator==(const RecordFile& o) const {
        return key == o.key && ext == o.ext && size == o.size && fileId == o.fileId;
    }
};

struct RecordFiles {
    /// `files.enabled`; when absent, true exactly when there is at least one entry.
    bool enabled = false;
    /// The entries, in `entries` order (a map's entries by key); empty unless `enabled`.
    std::vector<RecordFile> files;
};

/// The file type of an entry: `ext` when non-empty after trimming, else the key's suffix after its
/// last dot when that suffix is non-empty and the dot is not the first character; lower-cased
/// (ASCII). `a.tar.GZ` → `gz`, `.bashrc` → ``, `noext` → ``.
std::string fileType(const std::string& ext, const std::string& key);

/// Reads `files` of `record` (absent → not enabled, no files). `files.entries` is a map
/// key → entry or a list of entries. Only an enabled record's entries are read, and then every
/// entry must be an object with a non-empty unique key and a `size` that is a non-negative integral
/// number or a string of at most 18 decimal digits (white space around allowed); anything else
/// throws RecordError naming the field.
RecordFiles parseFiles(const Poco::JSON::Object::Ptr& record, const std::string& recordId);

}  // namespace statshost::records
