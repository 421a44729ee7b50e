#include "records/RecordFiles.h"

#include <cmath>
#include <optional>
#include <set>

#include "records/JsonAccess.h"
#include "records/RecordError.h"
#include "records/RecordFields.h"

namespace statshost::records {

namespace {

/// An entry before validation, with the field path used in its error messages.
struct RawEntry {
    Poco::Dynamic::Var value;
    std::string field;   ///< "files.entries.<map key>" or "files.entries[<index>]"
    std::string mapKey;  ///< empty for the list form
};

std::string lowerAscii(std::string text) {
    for (auto& c : text)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return text;
}

std::optional<std::int64_t> digitsValue(const std::string& text) {
    if (text.empty() || text.size() > 18) return std::nullopt;  // 18 digits always fit in int64
    std::int64_t out = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        out = out * 10 + (c - '0');
    }
    return out;
}

std::int64_t sizeOf(const Poco::JSON::Object::Ptr& entry, const std::string& field) {
    const auto value = entry->get("size");
    const std::string sizeField = field + ".size";
    std::optional<std::int64_t> size;
    if (isString(value)) {
        size = digitsValue(trim(value.extract<std::string>()));
    } else if (isInteger(value)) {
        size = digitsValue(value.convert<std::string>());  // a negative number has a '-'
    } else if (!isNull(value) && value.isNumeric() && value.type() != typeid(bool)) {
        const double d = value.convert<double>();
        if (d >= 0 && d < 9.2e18 && std::floor(d) == d) size = std::int64_t(d);
    }
    if (!size) throw RecordError(sizeField, "expected a non-negative number of bytes or a string of digits");
    return *size;
}

std::vector<RawEntry> rawEntries(const Poco::JSON::Object::Ptr& files) {
    std::vector<RawEntry> out;
    const auto entries = files->get("entries");
    if (isNull(entries)) return out;
    if (auto map = asObject(entries)) {
        for (const auto& kv : *map) out.push_back({kv.second, "files.entries." + kv.first, kv.first});
    } else if (auto list = asArray(entries)) {
        for (std::size_t i = 0; i < list->size(); ++i)
            out.push_back({list->get(i), "files.entries[" + std::to_string(i) + "]", ""});
    } else {
        throw RecordError("files.entries", "expected a mapping of key to entry or a list of entries");
    }
    return out;
}

RecordFile parseEntry(const RawEntry& raw, const std::string& recordId) {
    const auto entry = asObject(raw.value);
    if (!entry) throw RecordError(raw.field, "expected an object");
    RecordFile file;
    file.key = stringField(entry, raw.field, "key").value_or(raw.mapKey);
    if (file.key.empty()) throw RecordError(raw.field + ".key", "missing file key");
    file.size = sizeOf(entry, raw.field);
    file.ext = fileType(stringField(entry, raw.field, "ext").value_or(""), file.key);
    const auto id = trim(stringField(entry, raw.field, "id").value_or(""));
    file.fileId = id.empty() ? recordId + "/" + file.key : id;
    return file;
}

}  // namespace

std::string fileType(const std::string& ext, const std::string& key) {
    const auto given = trim(ext);
    if (!given.empty()) return lowerAscii(given);
    const auto dot = key.rfind('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == key.size()) return "";
    return lowerAscii(key.substr(dot + 1));
}

RecordFiles parseFiles(const Poco::JSON::Object::Ptr& record, const std::string& recordId) {
    RecordFiles out;
    const auto files = objectField(record, "", "files");
    if (!files) return out;

    const auto raw = rawEntries(files);
    out.enabled = boolField(files, "files", "enabled").value_or(!raw.empty());
    if (!out.enabled) return out;

    std::set<std::string> keys;
    for (const auto& entry : raw) {
        out.files.push_back(parseEntry(entry, recordId));
        if (!keys.insert(out.files.back().key).second)
            throw RecordError(entry.field + ".key", "duplicate file key '" + out.files.back().key + "'");
    }
    return out;
}

}  // namespace statshost::records
