// Every fixture record parses; four of them are checked field by field against values read off
// the JSON by hand.
#include <cppunit/extensions/HelperMacros.h>

#include <set>

#include "RecordTestSupport.h"
#include "records/Dates.h"

namespace statshost::records {

using namespace statshost::records::test;

namespace {

RecordData fixture(const std::string& name) { return parseRecord(fixtureRecord(name)); }

std::string everyFacet(const RecordData& r) {
    std::vector<std::string> out;
    for (const auto& v : r.facets) out.push_back(v.facet + ":" + v.id + "=" + v.label);
    return joined(out);
}

}  // namespace

class RecordFixturesTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RecordFixturesTest);
    CPPUNIT_TEST(everyFixtureParses);
    CPPUNIT_TEST(journalArticle);
    CPPUNIT_TEST(journalArticle3);
    CPPUNIT_TEST(journalArticle5MetadataOnly);
    CPPUNIT_TEST(journalArticle6RepeatedAffiliations);
    CPPUNIT_TEST(bookWithoutAccess);
    CPPUNIT_TEST_SUITE_END();

public:
    void everyFixtureParses() {
        const auto names = fixtureNames();
        CPPUNIT_ASSERT_EQUAL(std::size_t(8), names.size());
        for (const auto& name : names) {
            const auto r = fixture(name);
            const auto identity = fixtureIdentity(name);
            if (!identity.id.empty()) CPPUNIT_ASSERT_EQUAL_MESSAGE(name, identity.id, r.id);
            CPPUNIT_ASSERT_EQUAL_MESSAGE(name, identity.parentId, r.parentId);
            CPPUNIT_ASSERT_MESSAGE(name, !r.id.empty() && parseDay(r.createdDay) && parseDay(r.publicationDay));
            CPPUNIT_ASSERT_MESSAGE(name, !r.publicationDateRaw.empty());
            CPPUNIT_ASSERT_EQUAL_MESSAGE(name, std::int64_t(r.files.size()), r.fileCount);
            std::int64_t volume = 0;
            for (const auto& f : r.files) volume += f.size;
            CPPUNIT_ASSERT_EQUAL_MESSAGE(name, volume, r.dataVolume);
            std::set<std::string> distinct;
            for (const auto& v : r.facets) CPPUNIT_ASSERT_MESSAGE(name, distinct.insert(v.facet + "\n" + v.id).second);
            CPPUNIT_ASSERT_MESSAGE(name, !facetValues(r, "resource_type").empty());
            CPPUNIT_ASSERT_MESSAGE(name, parseJson(r.canonicalJson)->has("metadata"));
        }
    }

    void journalArticle() {
        const auto r = fixture("sample_metadata_journal_article_pdf.json");
        CPPUNIT_ASSERT_EQUAL(std::string("ja001-00001"), r.id);
        CPPUNIT_ASSERT_EQUAL(std::string("jap01-00001"), r.parentId);
        CPPUNIT_ASSERT_EQUAL(std::string("2020-10-13T07:00:00"), formatSeconds(r.createdMicros));  // +02:00 added
        CPPUNIT_ASSERT_EQUAL(std::string("2020-10-13"), r.createdDay);
        CPPUNIT_ASSERT_EQUAL(std::string("2020"), r.publicationDateRaw);
        CPPUNIT_ASSERT_EQUAL(std::string("2020-01-01"), r.publicationDay);
        CPPUNIT_ASSERT(r.filesEnabled);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), r.fileCount);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(17181), r.dataVolume);  // "size": "17181"
        CPPUNIT_ASSERT_EQUAL(std::string("24519197_005_03-04_s004_text.pdf"), r.files[0].key);
        CPPUNIT_ASSERT_EQUAL(std::string("pdf"), r.files[0].ext);  // no `ext`: from the key
        CPPUNIT_ASSERT_EQUAL(std::string("ja001-00001/24519197_005_03-04_s004_text.pdf"), r.files[0].fileId);
        CPPUNIT_ASSERT_EQUAL(std::string("open"), r.accessStatus);
        CPPUNIT_ASSERT(!r.owner);  // owned_by[0] has only an e-mail
        CPPUNIT_ASSERT(!r.parentCommunities);
        CPPUNIT_ASSERT_EQUAL(std::string("access_right:open=Open Access"
                                         " | affiliation_creator:University of Southern California=University of "
                                         "Southern California"
                                         " | file_type:pdf=PDF"
                                         " | language:eng=English"
                                         " | license:arr=All Rights Reserved"
                                         " | periodical:Philological Encounters=Philological Encounters"
                                         " | publisher:Brill=Brill"
                                         " | resource_type:textDocument-journalArticle="
                                         " | subject:http://id.worldcat.org/fast/1108176=Science"
                                         " | subject:http://id.worldcat.org/fast/958235=History"
                                         " | subject:http://id.worldcat.org/fast/1012213=Mathematics--Philosophy"
                                         " | subject:http://id.worldcat.org/fast/1012163=Mathematics"),
                             everyFacet(r));
    }

    void journalArticle3() {
        const auto r = fixture("sample_metadata_journal_article3_pdf.json");
        CPPUNIT_ASSERT_EQUAL(std::string("5ce94-3yt37"), r.id);
        CPPUNIT_ASSERT_EQUAL(std::string("5ce94-par01"), r.parentId);
        CPPUNIT_ASSERT_EQUAL(std::string("2025-06-12T18:43:57.051"), formatMillis(r.createdMicros));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(51364), r.createdMicros % kMicrosPerSecond);
        CPPUNIT_ASSERT_EQUAL(std::string("2012-06-12"), r.publicationDay);
        CPPUNIT_ASSERT(r.filesEnabled);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1), r.fileCount);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(1768474), r.dataVolume);
        CPPUNIT_ASSERT_EQUAL(std::string("1305.pdf"), r.files[0].key);
        CPPUNIT_ASSERT_EQUAL(std::string("5ce94-3yt37/1305.pdf"), r.files[0].fileId);
        CPPUNIT_ASSERT_EQUAL(std::string("open"), r.accessStatus);
        CPPUNIT_ASSERT(!r.owner);
        CPPUNIT_ASSERT_EQUAL(std::string("access_right:open=Open Access"
                                         " | file_type:pdf=PDF"
                                         " | language:por=Portuguese"
                                         " | periodical:ARCHITECTON -REVISTA DE ARQUITETURA E URBANISMO="
                                         "ARCHITECTON -REVISTA DE ARQUITETURA E URBANISMO"
                                         " | publisher:ARIC \xE2\x80\x93"
                                         "FACULDADE DAMAS DA INSTRU\xC3\x87\xC3\x83O "
                                         "CRIST\xC3\x83=ARIC \xE2\x80\x93"
                                         "FACULDADE DAMAS DA INSTRU\xC3\x87\xC3\x83O "
                                         "CRIST\xC3\x83"
                                         " | resource_type:textDocument-journalArticle=Journal article"),
                             everyFacet(r));
    }

    void journalArticle5MetadataOnly() {
        const auto r = fixture("sample_metadata_journal_article5_pdf.json");
        CPPUNIT_ASSERT_EQUAL(std::string("0dtmf-ph235"), r.id);
        CPPUNIT_ASSERT_EQUAL(std::string("2025-06-03"), r.createdDay);
        CPPUNIT_ASSERT_EQUAL(std::string("2025-06-03"), r.publicationDay);
        CPPUNIT_ASSERT(!r.filesEnabled);  // "enabled": false, "entries": {}
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), r.fileCount);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(0), r.dataVolume);
        CPPUNIT_ASSERT_EQUAL(std::string("metadata-only"), r.accessStatus);
        CPPUNIT_ASSERT(!r.owner);
        CPPUNIT_ASSERT_EQUAL(std::string("metadata-only=Metadata-only"), facetPairs(r, "access_right"));
        // The first creator's affiliation has only a name, the second an id (and a differently
        // capitalised name): two values.
        CPPUNIT_ASSERT_EQUAL(std::string("University Of British Columbia=University Of British Columbia"
                                         " | 03rmrcq20=University of British Columbia"),
                             facetPairs(r, "affiliation_creator"));
        CPPUNIT_ASSERT_EQUAL(std::string("textDocument-book=Book"), facetPairs(r, "resource_type"));
        CPPUNIT_ASSERT_EQUAL(std::string("UBC=UBC"), facetPairs(r, "publisher"));
        const auto subjects = facetValues(r, "subject");
        CPPUNIT_ASSERT_EQUAL(std::size_t(11), subjects.size());
        CPPUNIT_ASSERT(subjects.front() == (FacetValue{"subject", "http://id.worldcat.org/fast/911979",
                                                       "English language--Written English--History"}));
        CPPUNIT_ASSERT(subjects.back() == (FacetValue{"subject", "http://id.worldcat.org/fast/911328",
                                                      "English language--Lexicography--History"}));
        for (const char* none :
             {"file_type", "language", "license", "funder", "keyword", "periodical", "affiliation_contributor"})
            CPPUNIT_ASSERT_EQUAL_MESSAGE(none, std::string(), facetPairs(r, none));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1 + 2 + 1 + 1 + 11), r.facets.size());
    }

    void journalArticle6RepeatedAffiliations() {
        const auto r = fixture("sample_metadata_journal_article6_pdf.json");
        CPPUNIT_ASSERT_EQUAL(std::string("5ryf5-bfn20"), r.id);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(458036), r.dataVolume);
        // Three creators name "San Francisco Public Library" without an id: counted once.
        CPPUNIT_ASSERT_EQUAL(std::string("San Francisco Public Library=San Francisco Public Library"
                                         " | 013v4ng57=San Francisco Public Library"),
                             facetPairs(r, "affiliation_creator"));
        CPPUNIT_ASSERT_EQUAL(std::string(), facetPairs(r, "periodical"));  // "custom_fields": {}
        CPPUNIT_ASSERT_EQUAL(std::size_t(6), facetValues(r, "subject").size());
        CPPUNIT_ASSERT_EQUAL(std::string("eng=English"), facetPairs(r, "language"));
        CPPUNIT_ASSERT_EQUAL(std::string("Knowledge Commons=Knowledge Commons"), facetPairs(r, "publisher"));
    }

    void bookWithoutAccess() {
        const auto r = fixture("sample_metadata_book_pdf.json");
        CPPUNIT_ASSERT_EQUAL(std::string("bk001-00001"), r.id);
        CPPUNIT_ASSERT_EQUAL(std::string("bkp01-00001"), r.parentId);
        CPPUNIT_ASSERT_EQUAL(std::string("2020-01-30T16:46:54"), formatSeconds(r.createdMicros));
        CPPUNIT_ASSERT_EQUAL(std::string("2008-01-01"), r.publicationDay);
        CPPUNIT_ASSERT(r.filesEnabled);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(17181), r.dataVolume);
        CPPUNIT_ASSERT_EQUAL(std::string(""), r.accessStatus);  // no `access` at all
        CPPUNIT_ASSERT(!r.owner);
        CPPUNIT_ASSERT_EQUAL(
            std::string("file_type:pdf=PDF"
                        " | language:spa=Spanish"
                        " | license:arr=All Rights Reserved"
                        " | publisher:Editorial ACRIBIA, S. A., Apartado 466, 50080, Zaragoza, Espana."
                        "=Editorial ACRIBIA, S. A., Apartado 466, 50080, Zaragoza, Espana."
                        " | resource_type:textDocument-book="
                        " | subject:http://id.worldcat.org/fast/1108387=Science--Study and teaching"
                        " | subject:http://id.worldcat.org/fast/1145221=Technology--Study and teaching"),
            everyFacet(r));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RecordFixturesTest);

}  // namespace statshost::records
