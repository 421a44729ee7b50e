#include "records/RecordFields.h"

#include "records/JsonAccess.h"
#include "records/RecordError.h"

namespace statshost::records {

std::string fieldPath(const std::string& field, const std::string& key) {
    return field.empty() ? key : field + "." + key;
}

std::optional<std::string> stringField(const Poco::JSON::Object::Ptr& object, const std::string& field,
                                       const std::string& key) {
    const auto value = object->get(key);
    if (isNull(value)) return std::nullopt;
    if (!isString(value)) throw RecordError(fieldPath(field, key), "expected a string");
    return value.extract<std::string>();
}

std::optional<bool> boolField(const Poco::JSON::Object::Ptr& object, const std::string& field, const std::string& key) {
    const auto value = object->get(key);
    if (isNull(value)) return std::nullopt;
    if (value.type() != typeid(bool)) throw RecordError(fieldPath(field, key), "expected true or false");
    return value.extract<bool>();
}

Poco::JSON::Object::Ptr objectField(const Poco::JSON::Object::Ptr& object, const std::string& field,
                                    const std::string& key) {
    const auto value = object->get(key);
    if (isNull(value)) return nullptr;
    auto out = asObject(value);
    if (!out) throw RecordError(fieldPath(field, key), "expected an object");
    return out;
}

}  // namespace statshost::records
