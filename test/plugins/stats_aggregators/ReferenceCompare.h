#pragma once
/// Field-by-field comparison of documents: a JSON document flattens to path → value text
/// ("subcounts.by_language[002].records.added.with_files" → "3"). Numbers compare by value,
/// except that a count (any number field other than data_volume / total_volume) written as a
/// non-integral JSON number shows its type ("3.0 (double)"), SEMANTICS §7. Strings are quoted.
/// `timestamp` (when computed) is never compared.
#include <map>
#include <string>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

namespace statshost::test::reference {

using FlatDoc = std::map<std::string, std::string>;

FlatDoc flatten(const Poco::JSON::Object::Ptr& doc);
FlatDoc flattenText(const std::string& jsonText);

/// "" when equal; else "<path>: expected <x>, actual <y>" for the first differing path (path order).
std::string firstDifference(const FlatDoc& expected, const FlatDoc& actual);

/// The same comparison on the JSON trees directly (no flattening unless they differ); `timestamp`
/// is skipped at the top level.
std::string firstDifference(const Poco::JSON::Object::Ptr& expected, const Poco::JSON::Object::Ptr& actual);

/// Compact JSON text of a document (for messages).
std::string text(const Poco::JSON::Object::Ptr& doc);

}  // namespace statshost::test::reference
