#pragma once
/// Helpers for the demo-generator suites: generate a stream into memory, parse its lines with
/// Poco::JSON, and replay it against the REPLAY.md rules (an independent re-implementation of
/// the validity rules, so the tests do not trust the generator's own bookkeeping).
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "demo/DemoGenerator.h"

namespace statshost::demo::test {

struct Line {
    std::size_t number = 0;  ///< 1-based
    std::string text;
    Poco::JSON::Object::Ptr json;  ///< null when the line is not a JSON object
    std::string op;
    std::string at;
};

struct Stream {
    std::string text;
    DemoSummary summary;
    std::vector<Line> lines;
};

/// Runs the generator into a string. Lines are parsed when `parse` is true.
Stream generate(const DemoOptions& options, bool parse = true);

/// The parsed `small` stream of a seed, generated once per process.
const Stream& smallStream(std::uint64_t seed = 1);

std::vector<std::string> splitLines(const std::string& text);

/// What replaying a stream found. `errors` names line numbers; empty means valid.
struct ReplayReport {
    std::vector<std::string> errors;
    std::map<std::string, std::uint64_t> ops;  ///< lines per op
    std::uint64_t parents = 0;                 ///< first versions
    std::uint64_t newVersions = 0;
    std::uint64_t versionCommunityChanges = 0;  ///< new versions whose stated set differs from the parent's
    std::uint64_t viewsOfDeleted = 0;      ///< views while the record is deleted (tombstone pages)
    std::uint64_t downloadsOfDeleted = 0;  ///< downloads while the record is deleted
    std::string firstAt, lastAt;
};

/// Checks every REPLAY.md rule the generator promises: JSON objects with the fields of their op,
/// `YYYY-MM-DDTHH:MM:SSZ` times in non-decreasing order, communities first, ids referenced only
/// after they exist, no hit before the record's publish, deletes of live records and restores of
/// deleted ones, `created` equal to the publish `at`, download keys present in the record.
ReplayReport replay(const Stream& stream);

// Small accessors over Poco JSON (null / "" when absent or of another type).
Poco::JSON::Object::Ptr obj(const Poco::JSON::Object::Ptr& o, const std::string& key);
Poco::JSON::Array::Ptr arr(const Poco::JSON::Object::Ptr& o, const std::string& key);
std::string str(const Poco::JSON::Object::Ptr& o, const std::string& key);
bool isString(const Poco::JSON::Object::Ptr& o, const std::string& key);
/// Follows a dotted path of object keys ("record.parent.id"); null when any step is missing.
Poco::JSON::Object::Ptr path(const Poco::JSON::Object::Ptr& o, const std::string& dotted);

bool isUuid(const std::string& s);
bool isTimestamp(const std::string& s);

}  // namespace statshost::demo::test
