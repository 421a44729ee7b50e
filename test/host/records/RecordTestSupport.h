#pragma once
/// Shared by the records suites: fixture records, JSON building and assertions on facets.
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "records/RecordModel.h"

namespace statshost::records::test {

/// The text of test/fixtures/rdm_records/<name>.
std::string fixtureText(const std::string& name);

/// The fixture file names, sorted.
std::vector<std::string> fixtureNames();

/// A fixture parsed as JSON, with `id`, `parent.id` and `created` added where the file lacks
/// them (values: fixtureIdentity).
Poco::JSON::Object::Ptr fixtureRecord(const std::string& name);

/// The identity fixtureRecord adds to `name` where missing: {id, parent id, created}.
struct FixtureIdentity {
    std::string id;
    std::string parentId;
    std::string created;
};
FixtureIdentity fixtureIdentity(const std::string& name);

Poco::JSON::Object::Ptr parseJson(const std::string& text);
std::string toJson(const Poco::JSON::Object::Ptr& object);

/// {"id": "abcde-12345", "parent": {"id": "parnt-00001"}, "created": "2024-03-01T10:15:00+00:00"}.
Poco::JSON::Object::Ptr minimalRecord();

/// Sets the member at a dot path (no dots inside keys), creating objects on the way, to the
/// value of `json` (any JSON text: `"text"`, `12`, `{...}`, `[...]`, `null`).
void put(const Poco::JSON::Object::Ptr& root, const std::string& path, const std::string& json);

/// The values of one facet, in order.
std::vector<FacetValue> facetValues(const RecordData& record, const std::string& facet);

/// "id=label" for each value of one facet, in order, joined by " | " (compact assertions).
std::string facetPairs(const RecordData& record, const std::string& facet);

/// The items joined by " | ".
std::string joined(const std::vector<std::string>& items);

/// Runs `action`, which must throw RecordError, and returns the error's field.
template <typename F>
std::string recordErrorField(F action) {
    try {
        action();
    } catch (const RecordError& e) {
        return e.field();
    }
    return "<no RecordError>";
}

}  // namespace statshost::records::test
