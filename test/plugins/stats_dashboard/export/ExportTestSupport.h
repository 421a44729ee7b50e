#pragma once
/// Shared inputs and tools of the export tests: hand-made /api/stats answers, subprocesses
/// (xmllint, tar, and Debian's /usr/bin/python3 with python3-openpyxl: a python3 earlier on PATH,
/// e.g. pyenv's, lacks apt's modules), temporary files.
#include <map>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "SeriesExport.h"
#include "support/TestEnv.h"

namespace statshost::test::exportsupport {

/// Parses a JSON object text (throws on syntax errors).
Poco::JSON::Object::Ptr parseObject(const std::string& json);

/// A category answer with known values: record-delta-category with
///  global/records (2 points, year 2025 "MM-DD" dates), global/dataVolume (1 point, 3072.0),
///  global/uploaders (empty list), languages/records (2 series: multilingual label, and a label
///  with comma, quotes and a newline; 3 points), filePresence/records (2 series without data).
std::string categoryAnswerJson();

/// ExportInfo of community "my-community" (slug), 2025-01-01..2025-12-31, generated 2026-01-02T03:04:05Z.
dashboard::ExportInfo sampleInfo();

struct CommandResult {
    int status = -1;
    std::string output;  // stdout and stderr
};
/// Runs `command` through /bin/sh and captures its output.
CommandResult run(const std::string& command);

void writeFile(const std::string& path, const std::string& content);
std::string readFile(const std::string& path);

/// Unpacks a .tar.gz with tar(1) into `dir` and returns the member file paths, sorted.
std::vector<std::string> untar(const std::string& archive, const TempDir& dir);

/// Parses RFC 4180 CSV text (CRLF or LF records) into rows of fields.
std::vector<std::vector<std::string>> parseCsv(const std::string& text);

/// Validates an XML document text against docs/schemas/data-series.xsd with xmllint; returns
/// xmllint's output when invalid, "" when valid.
std::string schemaErrors(const std::string& xml);

}  // namespace statshost::test::exportsupport
