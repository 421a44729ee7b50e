#include "ExportTestSupport.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>

#include <Poco/File.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Path.h>
#include <Poco/RecursiveDirectoryIterator.h>

namespace statshost::test::exportsupport {

Poco::JSON::Object::Ptr parseObject(const std::string& json) {
    Poco::JSON::Parser parser;
    return parser.parse(json).extract<Poco::JSON::Object::Ptr>();
}

std::string categoryAnswerJson() {
    return R"({"record-delta-category": {
  "global": {
    "records": [{"id": "global", "name": "Global", "type": "bar", "valueType": "number", "year": 2025,
                 "data": [["05-30", 2], ["05-31", -1]]}],
    "dataVolume": [{"id": "global", "name": "Global", "type": "bar", "valueType": "filesize", "year": 2025,
                    "data": [["05-30", 3072.0]]}],
    "uploaders": []
  },
  "languages": {
    "records": [
      {"id": "eng", "name": {"de": "Englisch", "en": "English"}, "type": "line", "valueType": "number",
       "data": [["2024-12-31", 1], ["2025-01-02", 5]]},
      {"id": "fr, \"x\"", "label": "Fran\u00e7ais, \"le\"\nnouveau", "name": "ignored", "type": "line",
       "valueType": "number", "data": [["2025-03-01", 7.5]]}
    ]
  },
  "filePresence": {
    "records": [{"id": "metadata_only", "name": "Metadata Only", "data": []},
                {"id": "with_files", "name": "With Files", "data": []}]
  }
}})";
}

dashboard::ExportInfo sampleInfo() {
    dashboard::ExportInfo info;
    info.communityId = "3f1c2b9e-0000-4000-8000-000000000001";
    info.communitySlug = "my-community";
    info.communityTitle = "My <Community> & Friends";
    info.startDate = "2025-01-01";
    info.endDate = "2025-12-31";
    info.generatedAt = "2026-01-02T03:04:05Z";
    return info;
}

CommandResult run(const std::string& command) {
    CommandResult result;
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) throw std::runtime_error("cannot run: " + command);
    std::array<char, 4096> buffer;
    std::size_t n;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), n);
    int status = pclose(pipe);
    result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

void writeFile(const std::string& path, const std::string& content) {
    Poco::File(Poco::Path(path).parent()).createDirectories();
    std::ofstream out(path, std::ios::binary);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + path);
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

std::vector<std::string> untar(const std::string& archive, const TempDir& dir) {
    std::string file = dir.file("archive.tar.gz"), target = dir.file("unpacked");
    writeFile(file, archive);
    Poco::File(target).createDirectories();
    CommandResult result = run("tar -xzf '" + file + "' -C '" + target + "'");
    if (result.status != 0) throw std::runtime_error("tar failed: " + result.output);
    std::vector<std::string> members;
    for (Poco::RecursiveDirectoryIterator it(target), end; it != end; ++it) {
        if (it->isFile()) members.push_back(it->path().substr(target.size() + 1));
    }
    std::sort(members.begin(), members.end());
    return members;
}

std::vector<std::vector<std::string>> parseCsv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false, fieldStarted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"' && field.empty()) {
            quoted = fieldStarted = true;
        } else if (c == ',') {
            row.push_back(field);
            field.clear();
            fieldStarted = false;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            row.push_back(field);
            rows.push_back(row);
            row.clear();
            field.clear();
            fieldStarted = false;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (fieldStarted || !field.empty() || !row.empty()) {
        row.push_back(field);
        rows.push_back(row);
    }
    return rows;
}

std::string schemaErrors(const std::string& xml) {
    TempDir dir;
    writeFile(dir.file("export.xml"), xml);
    std::string schema = std::string(STATSHOST_SOURCE_DIR) + "/docs/schemas/data-series.xsd";
    CommandResult result = run("xmllint --noout --nonet --schema '" + schema + "' '" + dir.file("export.xml") + "'");
    return result.status == 0 ? "" : "xmllint exit " + std::to_string(result.status) + ": " + result.output;
}

}  // namespace statshost::test::exportsupport
