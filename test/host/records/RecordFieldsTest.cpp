// Identity, created time, owner, communities, access status and republishing (SEMANTICS §1,
// §9.2, §10.8, §10.10, §10.12).
#include <cppunit/extensions/HelperMacros.h>

#include "RecordTestSupport.h"
#include "records/Dates.h"

namespace statshost::records {

using namespace statshost::records::test;

namespace {

RecordData withPut(const std::string& path, const std::string& json) {
    auto record = minimalRecord();
    put(record, path, json);
    return parseRecord(record);
}

std::string errorFieldWith(const std::string& path, const std::string& json) {
    return recordErrorField([&] { withPut(path, json); });
}

std::string ownerOf(const std::string& ownedBy) {
    return withPut("parent.access.owned_by", ownedBy).owner.value_or("<none>");
}

std::string communitiesOf(const std::string& communities) {
    auto r = withPut("parent.communities", communities);
    return r.parentCommunities ? "[" + joined(*r.parentCommunities) + "]" : "<unchanged>";
}

std::string statusWith(const std::string& access, const std::string& files) {
    auto record = minimalRecord();
    put(record, "access", access);
    put(record, "files", files);
    return parseRecord(record).accessStatus;
}

}  // namespace

class RecordFieldsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RecordFieldsTest);
    CPPUNIT_TEST(minimalRecordParses);
    CPPUNIT_TEST(idsAreTrimmedAndRequired);
    CPPUNIT_TEST(createdIsNormalisedToUtc);
    CPPUNIT_TEST(documentErrors);
    CPPUNIT_TEST(ownerForms);
    CPPUNIT_TEST(ownerErrors);
    CPPUNIT_TEST(parentCommunities);
    CPPUNIT_TEST(accessStatusGivenOrDerived);
    CPPUNIT_TEST(canonicalJsonIsCompactWithSortedKeys);
    CPPUNIT_TEST(republishMayOnlyChangeCommunities);
    CPPUNIT_TEST_SUITE_END();

public:
    void minimalRecordParses() {
        const auto r = parseRecord(toJson(minimalRecord()));
        CPPUNIT_ASSERT_EQUAL(std::string("abcde-12345"), r.id);
        CPPUNIT_ASSERT_EQUAL(std::string("parnt-00001"), r.parentId);
        CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01T10:15:00"), formatSeconds(r.createdMicros));
        CPPUNIT_ASSERT(!r.filesEnabled);
        CPPUNIT_ASSERT(r.files.empty());
        CPPUNIT_ASSERT_EQUAL(std::string(""), r.accessStatus);
        CPPUNIT_ASSERT(!r.owner);
        CPPUNIT_ASSERT(!r.parentCommunities);
        CPPUNIT_ASSERT(r.facets.empty());
    }

    void idsAreTrimmedAndRequired() {
        CPPUNIT_ASSERT_EQUAL(std::string("x1"), withPut("id", "\"  x1\\t\"").id);
        CPPUNIT_ASSERT_EQUAL(std::string("p 1"), withPut("parent.id", "\" p 1 \"").parentId);  // inner space kept
        CPPUNIT_ASSERT_EQUAL(std::string("Abc"), withPut("id", "\"Abc\"").id);                 // no case folding
        CPPUNIT_ASSERT_EQUAL(std::string("id"), errorFieldWith("id", "\"   \""));
        CPPUNIT_ASSERT_EQUAL(std::string("id"), errorFieldWith("id", "null"));
        CPPUNIT_ASSERT_EQUAL(std::string("id"), errorFieldWith("id", "12"));
        CPPUNIT_ASSERT_EQUAL(std::string("parent.id"), errorFieldWith("parent.id", "\"\""));
        CPPUNIT_ASSERT_EQUAL(std::string("parent"), errorFieldWith("parent", "null"));
        CPPUNIT_ASSERT_EQUAL(std::string("parent"), errorFieldWith("parent", "\"parnt-00001\""));
        auto record = minimalRecord();
        record->getObject("parent")->remove("id");
        CPPUNIT_ASSERT_EQUAL(std::string("parent.id"), recordErrorField([&] { parseRecord(record); }));
    }

    void createdIsNormalisedToUtc() {
        auto r = withPut("created", "\"2024-03-01T00:30:00.250+01:00\"");
        CPPUNIT_ASSERT_EQUAL(std::string("2024-02-29T23:30:00.250"), formatMillis(r.createdMicros));
        CPPUNIT_ASSERT_EQUAL(std::string("2024-02-29"), r.createdDay);
        r = withPut("created", "\"2023-12-31T21:00:00-05:00\"");
        CPPUNIT_ASSERT_EQUAL(std::string("2024-01-01"), r.createdDay);
        r = withPut("created", "\"2024-03-01\"");
        CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01T00:00:00.000"), formatMillis(r.createdMicros));
        CPPUNIT_ASSERT_EQUAL(std::string("created"), errorFieldWith("created", "\"2023-02-30T10:00:00Z\""));
        CPPUNIT_ASSERT_EQUAL(std::string("created"), errorFieldWith("created", "\"yesterday\""));
        CPPUNIT_ASSERT_EQUAL(std::string("created"), errorFieldWith("created", "null"));
        CPPUNIT_ASSERT_EQUAL(std::string("created"), errorFieldWith("created", "1700000000"));
    }

    void documentErrors() {
        CPPUNIT_ASSERT_EQUAL(std::string(""), recordErrorField([] { parseRecord("{not json"); }));
        CPPUNIT_ASSERT_EQUAL(std::string(""), recordErrorField([] { parseRecord("[1, 2]"); }));
        CPPUNIT_ASSERT_EQUAL(std::string(""), recordErrorField([] { parseRecord(Poco::JSON::Object::Ptr()); }));
        CPPUNIT_ASSERT_EQUAL(std::string("metadata"), errorFieldWith("metadata", "[]"));
        try {
            withPut("id", "\" \"");
            CPPUNIT_FAIL("expected RecordError");
        } catch (const statshost::Error& e) {  // RecordError is a statshost::Error
            CPPUNIT_ASSERT_EQUAL(std::string("id: missing"), std::string(e.what()));
        }
    }

    void ownerForms() {
        CPPUNIT_ASSERT_EQUAL(std::string("7"), ownerOf(R"({"user": 7})"));
        CPPUNIT_ASSERT_EQUAL(std::string("7"), ownerOf(R"({"user": "7"})"));
        CPPUNIT_ASSERT_EQUAL(std::string("7"), ownerOf(R"({"user": " 7 "})"));
        CPPUNIT_ASSERT_EQUAL(std::string("12"), ownerOf(R"([{"user": 12}, {"user": 13}])"));
        CPPUNIT_ASSERT_EQUAL(std::string("<none>"), ownerOf(R"([{"email": "a@example.org"}, {"user": 13}])"));
        CPPUNIT_ASSERT_EQUAL(std::string("<none>"), ownerOf(R"({"email": "a@example.org"})"));
        CPPUNIT_ASSERT_EQUAL(std::string("<none>"), ownerOf(R"({"user": null})"));
        CPPUNIT_ASSERT_EQUAL(std::string("<none>"), ownerOf(R"({"user": "  "})"));
        CPPUNIT_ASSERT_EQUAL(std::string("<none>"), ownerOf("[]"));
        CPPUNIT_ASSERT_EQUAL(std::string("<none>"), ownerOf("null"));
        CPPUNIT_ASSERT(!parseRecord(minimalRecord()).owner);  // no parent.access
    }

    void ownerErrors() {
        CPPUNIT_ASSERT_EQUAL(std::string("parent.access.owned_by.user"),
                             errorFieldWith("parent.access.owned_by", R"({"user": true})"));
        CPPUNIT_ASSERT_EQUAL(std::string("parent.access.owned_by.user"),
                             errorFieldWith("parent.access.owned_by", R"({"user": {"id": 7}})"));
        CPPUNIT_ASSERT_EQUAL(std::string("parent.access.owned_by[0].user"),
                             errorFieldWith("parent.access.owned_by", R"([{"user": 1.5}])"));
        CPPUNIT_ASSERT_EQUAL(std::string("parent.access.owned_by[0]"),
                             errorFieldWith("parent.access.owned_by", R"(["7"])"));
        CPPUNIT_ASSERT_EQUAL(std::string("parent.access.owned_by"), errorFieldWith("parent.access.owned_by", "\"7\""));
        CPPUNIT_ASSERT_EQUAL(std::string("parent.access"), errorFieldWith("parent.access", "\"public\""));
    }

    void parentCommunities() {
        CPPUNIT_ASSERT_EQUAL(std::string("<unchanged>"), communitiesOf("null"));
        CPPUNIT_ASSERT_EQUAL(std::string("[]"), communitiesOf(R"({"ids": []})"));
        CPPUNIT_ASSERT_EQUAL(std::string("[]"), communitiesOf("{}"));  // InvenioRDM omits empty keys
        CPPUNIT_ASSERT_EQUAL(std::string("[c1 | c2]"),
                             communitiesOf(R"({"ids": ["c1", " c2 ", "c1", "  "], "default": "c1"})"));
        CPPUNIT_ASSERT_EQUAL(std::string("parent.communities.ids"),
                             errorFieldWith("parent.communities", R"({"ids": "c1"})"));
        CPPUNIT_ASSERT_EQUAL(std::string("parent.communities.ids[1]"),
                             errorFieldWith("parent.communities", R"({"ids": ["c1", 2]})"));
        CPPUNIT_ASSERT_EQUAL(std::string("parent.communities"), errorFieldWith("parent.communities", R"(["c1"])"));
    }

    void accessStatusGivenOrDerived() {
        const std::string withFiles = R"({"enabled": true, "entries": {"a.pdf": {"key": "a.pdf", "size": 1}}})";
        const std::string noFiles = R"({"enabled": false})";
        CPPUNIT_ASSERT_EQUAL(std::string("restricted"),
                             statusWith(R"({"status": " restricted ", "record": "public"})", withFiles));
        CPPUNIT_ASSERT_EQUAL(std::string("open"), statusWith(R"({"record": "public", "files": "public"})", withFiles));
        CPPUNIT_ASSERT_EQUAL(std::string("open"),
                             statusWith(R"({"status": "", "embargo": {"active": false}})", withFiles));
        CPPUNIT_ASSERT_EQUAL(std::string("metadata-only"),
                             statusWith(R"({"record": "public", "files": "restricted"})", noFiles));
        CPPUNIT_ASSERT_EQUAL(std::string("restricted"),
                             statusWith(R"({"record": "public", "files": "restricted"})", withFiles));
        CPPUNIT_ASSERT_EQUAL(std::string("restricted"),
                             statusWith(R"({"record": "restricted", "files": "public"})", noFiles));
        CPPUNIT_ASSERT_EQUAL(
            std::string("embargoed"),
            statusWith(R"({"record": "public", "embargo": {"active": true, "until": "2030-01-01"}})", noFiles));
        CPPUNIT_ASSERT_EQUAL(std::string("access.embargo.active"),
                             recordErrorField([&] { statusWith(R"({"embargo": {"active": "yes"}})", noFiles); }));
        CPPUNIT_ASSERT_EQUAL(std::string("access.status"),
                             recordErrorField([&] { statusWith(R"({"status": 1})", noFiles); }));
    }

    void canonicalJsonIsCompactWithSortedKeys() {
        const auto r = parseRecord(R"({"parent": {"id": "p"}, "id": "r",
                                       "created": "2024-01-01", "metadata": {"title": "T", "publisher": "P"}})");
        CPPUNIT_ASSERT_EQUAL(
            std::string(
                R"({"created":"2024-01-01","id":"r","metadata":{"publisher":"P","title":"T"},"parent":{"id":"p"}})"),
            r.canonicalJson);
    }

    void republishMayOnlyChangeCommunities() {
        auto record = fixtureRecord("sample_metadata_journal_article4_pdf.json");
        const auto stored = parseRecord(record);
        CPPUNIT_ASSERT(sameExceptCommunities(stored, parseRecord(toJson(record))));

        put(record, "parent.communities", R"({"ids": ["c1"], "default": "c1"})");
        const auto withCommunity = parseRecord(record);
        CPPUNIT_ASSERT(sameExceptCommunities(stored, withCommunity));
        put(record, "parent.communities", R"({"ids": []})");
        CPPUNIT_ASSERT(sameExceptCommunities(withCommunity, parseRecord(record)));

        put(record, "metadata.title", "\"Another title\"");
        CPPUNIT_ASSERT(!sameExceptCommunities(stored, parseRecord(record)));
        auto owner = fixtureRecord("sample_metadata_journal_article4_pdf.json");
        put(owner, "parent.access.owned_by", R"({"user": 3})");
        CPPUNIT_ASSERT(!sameExceptCommunities(stored, parseRecord(owner)));
        auto files = fixtureRecord("sample_metadata_journal_article4_pdf.json");
        put(files, "files.enabled", "false");
        CPPUNIT_ASSERT(!sameExceptCommunities(stored, parseRecord(files)));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RecordFieldsTest);

}  // namespace statshost::records
