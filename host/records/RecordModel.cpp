#include "records/RecordModel.h"

#include <sstream>

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include "records/Dates.h"
#include "records/JsonAccess.h"
#include "records/RecordAccess.h"
#include "records/RecordFields.h"

namespace statshost::records {

namespace {

std::string requiredId(const Poco::JSON::Object::Ptr& object, const std::string& field, const std::string& key) {
    auto text = trim(stringField(object, field, key).value_or(""));
    if (text.empty()) throw RecordError(fieldPath(field, key), "missing");
    return text;
}

std::optional<std::vector<std::string>> communities(const Poco::JSON::Object::Ptr& parent) {
    const auto section = objectField(parent, "parent", "communities");
    if (!section) return std::nullopt;
    std::vector<std::string> out;
    const auto ids = section->get("ids");
    if (isNull(ids)) return out;
    const auto list = asArray(ids);
    if (!list) throw RecordError("parent.communities.ids", "expected a list");
    for (std::size_t i = 0; i < list->size(); ++i) {
        const auto value = list->get(i);
        if (!isString(value))
            throw RecordError("parent.communities.ids[" + std::to_string(i) + "]", "expected a string");
        auto id = trim(value.extract<std::string>());
        bool seen = id.empty();
        for (const auto& existing : out) seen = seen || existing == id;
        if (!seen) out.push_back(std::move(id));
    }
    return out;
}

std::string publicationDateRaw(const Poco::JSON::Object::Ptr& record) {
    const auto metadata = objectField(record, "", "metadata");
    if (!metadata) return "";
    const auto value = metadata->get("publication_date");
    return isString(value) ? value.extract<std::string>() : "";
}

std::string compact(const Poco::JSON::Object::Ptr& object) {
    std::ostringstream out;
    object->stringify(out);
    return out.str();
}

Poco::JSON::Object::Ptr parseObject(const std::string& json) {
    Poco::Dynamic::Var value;
    try {
        value = Poco::JSON::Parser().parse(json);
    } catch (const Poco::Exception& e) {
        throw RecordError("", "invalid JSON: " + e.displayText());
    }
    auto object = asObject(value);
    if (!object) throw RecordError("", "expected a JSON object");
    return object;
}

/// The canonical JSON without `parent.communities`.
std::string withoutCommunities(const std::string& canonicalJson) {
    auto object = parseObject(canonicalJson);
    if (auto parent = asObject(object->get("parent"))) {
        auto copy = Poco::JSON::Object::Ptr(new Poco::JSON::Object(*parent));
        copy->remove("communities");
        object->set("parent", copy);
    }
    return compact(object);
}

}  // namespace

RecordData parseRecord(const std::string& json, const SubcountConfig& config) {
    return parseRecord(parseObject(json), config);
}

RecordData parseRecord(const Poco::JSON::Object::Ptr& record, const SubcountConfig& config) {
    if (!record) throw RecordError("", "expected a JSON object");
    RecordData out;
    out.id = requiredId(record, "", "id");
    const auto parent = objectField(record, "", "parent");
    if (!parent) throw RecordError("parent", "missing");
    out.parentId = requiredId(parent, "parent", "id");

    const auto created = trim(stringField(record, "", "created").value_or(""));
    if (created.empty()) throw RecordError("created", "missing");
    const auto micros = parseTimestampMicros(created);
    if (!micros) throw RecordError("created", "expected an ISO-8601 date or timestamp, got '" + created + "'");
    out.createdMicros = *micros;
    out.createdDay = formatDay(dayOfMicros(*micros));

    out.publicationDateRaw = publicationDateRaw(record);
    out.publicationDay = publicationDay(out.publicationDateRaw, out.createdDay);

    auto files = parseFiles(record, out.id);
    out.filesEnabled = files.enabled;
    out.files = std::move(files.files);
    out.fileCount = std::int64_t(out.files.size());
    for (const auto& f : out.files)
        if (__builtin_add_overflow(out.dataVolume, f.size, &out.dataVolume))
            throw RecordError("files.entries", "total size exceeds 2^63 bytes");

    out.accessStatus = accessStatus(record, out.filesEnabled);
    out.owner = owner(record);
    out.parentCommunities = communities(parent);
    out.facets = extractFacets(config.facets, record, FacetInputs{out.files, out.accessStatus});
    out.canonicalJson = compact(record);
    return out;
}

bool sameExceptCommunities(const RecordData& a, const RecordData& b) {
    return a.canonicalJson == b.canonicalJson ||
           withoutCommunities(a.canonicalJson) == withoutCommunities(b.canonicalJson);
}

}  // namespace statshost::records
