// Files of a record: enabled, entries as map or list, sizes, file types and file ids
// (SEMANTICS §10.5, §10.7, §10.8, §10.10).
#include <cppunit/extensions/HelperMacros.h>

#include "RecordTestSupport.h"

namespace statshost::records {

using namespace statshost::records::test;

namespace {

RecordData withFiles(const std::string& files) {
    auto record = minimalRecord();
    put(record, "files", files);
    return parseRecord(record);
}

std::string errorFieldWithFiles(const std::string& files) {
    return recordErrorField([&] { withFiles(files); });
}

std::string typesOf(const std::string& files) {
    std::vector<std::string> out;
    for (const auto& f : withFiles(files).files) out.push_back(f.key + ":" + f.ext);
    return joined(out);
}

}  // namespace

class RecordFilesTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RecordFilesTest);
    CPPUNIT_TEST(enabledMissingFollowsEntries);
    CPPUNIT_TEST(disabledRecordsCountNoFiles);
    CPPUNIT_TEST(entriesAsMapAndAsList);
    CPPUNIT_TEST(sizesNumbersAndNumericStrings);
    CPPUNIT_TEST(invalidSizesRejectTheRecord);
    CPPUNIT_TEST(fileTypeFromExtElseKeySuffix);
    CPPUNIT_TEST(fileTypeFacetIsDistinctPerRecord);
    CPPUNIT_TEST(fileIdFromEntryElseRecordAndKey);
    CPPUNIT_TEST(malformedEntries);
    CPPUNIT_TEST_SUITE_END();

public:
    void enabledMissingFollowsEntries() {
        auto r = withFiles(R"({"entries": {"a.pdf": {"key": "a.pdf", "size": 10}}})");
        CPPUNIT_ASSERT(r.filesEnabled);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), r.fileCount);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(10), r.dataVolume);
        CPPUNIT_ASSERT(!withFiles(R"({"entries": {}})").filesEnabled);
        CPPUNIT_ASSERT(!withFiles(R"({"entries": []})").filesEnabled);
        CPPUNIT_ASSERT(!withFiles(R"({"enabled": null})").filesEnabled);
        CPPUNIT_ASSERT(!withFiles("{}").filesEnabled);
        CPPUNIT_ASSERT(!withFiles("null").filesEnabled);
        // Enabled without entries is still a with_files record, with nothing to count.
        r = withFiles(R"({"enabled": true})");
        CPPUNIT_ASSERT(r.filesEnabled);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), r.fileCount);
    }

    void disabledRecordsCountNoFiles() {
        auto r = withFiles(R"({"enabled": false, "entries": {"a.pdf": {"key": "a.pdf", "size": 10}}})");
        CPPUNIT_ASSERT(!r.filesEnabled);
        CPPUNIT_ASSERT(r.files.empty());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), r.fileCount);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), r.dataVolume);
        CPPUNIT_ASSERT(facetValues(r, "file_type").empty());
    }

    void entriesAsMapAndAsList() {
        auto map = withFiles(R"({"enabled": true, "entries": {
            "b.csv": {"key": "b.csv", "size": 5, "id": "f-b"},
            "a.pdf": {"size": 7}}})");
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), map.fileCount);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(12), map.dataVolume);
        CPPUNIT_ASSERT_EQUAL(std::string("a.pdf"), map.files[0].key);  // map key when the entry has none
        CPPUNIT_ASSERT(map.files[0] == (RecordFile{"a.pdf", "pdf", 7, "abcde-12345/a.pdf"}));
        CPPUNIT_ASSERT(map.files[1] == (RecordFile{"b.csv", "csv", 5, "f-b"}));

        auto list = withFiles(R"({"enabled": true, "entries": [
            {"key": "b.csv", "size": 5, "id": "f-b"}, {"key": "a.pdf", "size": 7}]})");
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), list.fileCount);
        CPPUNIT_ASSERT(list.files[0] == (RecordFile{"b.csv", "csv", 5, "f-b"}));  // list order kept
        CPPUNIT_ASSERT(list.files[1] == (RecordFile{"a.pdf", "pdf", 7, "abcde-12345/a.pdf"}));
    }

    void sizesNumbersAndNumericStrings() {
        auto r = withFiles(R"({"entries": [{"key": "a", "size": "17181"}, {"key": "b", "size": " 3 "},
                                           {"key": "c", "size": 0}, {"key": "d", "size": 2.0},
                                           {"key": "e", "size": 5000000000000}]})");
        CPPUNIT_ASSERT_EQUAL(std::int64_t(5), r.fileCount);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(17181), r.files[0].size);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(3), r.files[1].size);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), r.files[2].size);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), r.files[3].size);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(5000000017186), r.dataVolume);
    }

    void invalidSizesRejectTheRecord() {
        CPPUNIT_ASSERT_EQUAL(std::string("files.entries.a.pdf.size"),
                             errorFieldWithFiles(R"({"entries": {"a.pdf": {"key": "a.pdf", "size": "12kB"}}})"));
        for (const char* bad : {"\"\"", "\"-5\"", "\"1.5\"", "\"1e3\"", "-5", "1.5", "true", "null", "[1]", "{}"})
            CPPUNIT_ASSERT_EQUAL_MESSAGE(
                bad, std::string("files.entries[0].size"),
                errorFieldWithFiles(std::string(R"({"entries": [{"key": "a", "size": )") + bad + "}]}"));
        CPPUNIT_ASSERT_EQUAL(std::string("files.entries[1].size"),
                             errorFieldWithFiles(R"({"entries": [{"key": "a", "size": 1}, {"key": "b"}]})"));
        // Entries of a disabled record are not read.
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0),
                             withFiles(R"({"enabled": false, "entries": [{"key": "a", "size": "x"}]})").fileCount);
    }

    void fileTypeFromExtElseKeySuffix() {
        CPPUNIT_ASSERT_EQUAL(std::string("data.bin:csv"),
                             typesOf(R"({"entries": [{"key": "data.bin", "ext": "CSV", "size": 1}]})"));
        CPPUNIT_ASSERT_EQUAL(std::string("a.tar.GZ:gz | .bashrc: | noext: | trailing.: | x.Pdf:pdf | y.txt:txt"),
                             typesOf(R"({"entries": [{"key": "a.tar.GZ", "size": 1}, {"key": ".bashrc", "size": 1},
                                                     {"key": "noext", "size": 1}, {"key": "trailing.", "size": 1},
                                                     {"key": "x.Pdf", "ext": " ", "size": 1},
                                                     {"key": "y.txt", "ext": null, "size": 1}]})"));
        CPPUNIT_ASSERT_EQUAL(std::string("gz"), fileType("", "a.tar.GZ"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), fileType("", ".bashrc"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), fileType("", "noext"));
        CPPUNIT_ASSERT_EQUAL(std::string("jpg"), fileType("JPG", "photo.jpeg"));
        CPPUNIT_ASSERT_EQUAL(std::string("files.entries[0].ext"),
                             errorFieldWithFiles(R"({"entries": [{"key": "a.pdf", "ext": 5, "size": 1}]})"));
    }

    void fileTypeFacetIsDistinctPerRecord() {
        auto r = withFiles(R"({"entries": [{"key": "a.PDF", "size": 1}, {"key": "b.pdf", "size": 2},
                                           {"key": "c.csv", "size": 3}, {"key": "README", "size": 4}]})");
        CPPUNIT_ASSERT_EQUAL(std::string("pdf=PDF | csv=CSV"), facetPairs(r, "file_type"));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(4), r.fileCount);  // a file without a type still counts
        CPPUNIT_ASSERT_EQUAL(std::int64_t(10), r.dataVolume);
    }

    void fileIdFromEntryElseRecordAndKey() {
        auto r = withFiles(R"({"entries": [{"key": "a", "size": 1, "id": " 2f6e-uuid "},
                                           {"key": "b", "size": 1, "id": "  "}, {"key": "c d.pdf", "size": 1}]})");
        CPPUNIT_ASSERT_EQUAL(std::string("2f6e-uuid"), r.files[0].fileId);
        CPPUNIT_ASSERT_EQUAL(std::string("abcde-12345/b"), r.files[1].fileId);
        CPPUNIT_ASSERT_EQUAL(std::string("abcde-12345/c d.pdf"), r.files[2].fileId);
    }

    void malformedEntries() {
        CPPUNIT_ASSERT_EQUAL(std::string("files"), errorFieldWithFiles("[]"));
        CPPUNIT_ASSERT_EQUAL(std::string("files.enabled"), errorFieldWithFiles(R"({"enabled": "yes"})"));
        CPPUNIT_ASSERT_EQUAL(std::string("files.entries"), errorFieldWithFiles(R"({"entries": "a.pdf"})"));
        CPPUNIT_ASSERT_EQUAL(std::string("files.entries[0]"), errorFieldWithFiles(R"({"entries": ["a.pdf"]})"));
        CPPUNIT_ASSERT_EQUAL(std::string("files.entries[0].key"), errorFieldWithFiles(R"({"entries": [{"size": 1}]})"));
        CPPUNIT_ASSERT_EQUAL(std::string("files.entries[0].key"),
                             errorFieldWithFiles(R"({"entries": [{"key": 3, "size": 1}]})"));
        CPPUNIT_ASSERT_EQUAL(std::string("files.entries[1].key"),
                             errorFieldWithFiles(R"({"entries": [{"key": "a", "size": 1}, {"key": "a", "size": 2}]})"));
        CPPUNIT_ASSERT_EQUAL(std::string("files.entries.x.key"),
                             errorFieldWithFiles(R"({"entries": {"a": {"size": 1}, "x": {"key": "a", "size": 2}}})"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RecordFilesTest);

}  // namespace statshost::records
