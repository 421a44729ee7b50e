#pragma once
/// Typed member access for the fixed fields of a record: absent and null read as "not given", a
/// value of another type throws RecordError naming `field.key` (e.g. "files.enabled").
#include <optional>
#include <string>

#include <Poco/JSON/Object.h>

namespace statshost::records {

/// `field` joined with `key` by a dot ("" + key = key).
std::string fieldPath(const std::string& field, const std::string& key);

std::optional<std::string> stringField(const Poco::JSON::Object::Ptr& object, const std::string& field,
                                       const std::string& key);
std::optional<bool> boolField(const Poco::JSON::Object::Ptr& object, const std::string& field, const std::string& key);
/// The object member, or null when not given.
Poco::JSON::Object::Ptr objectField(const Poco::JSON::Object::Ptr& object, const std::string& field,
                                    const std::string& key);

}  // namespace statshost::records
