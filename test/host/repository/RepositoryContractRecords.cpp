// Contract: communities, records (files, facets, deletion, versions) and parents' community sets.
#include "RepositoryContract.h"
#include "statshost/Errors.h"

namespace statshost::test {

using repository::CommunityRow;
using repository::RecordRow;
using repository::RepositoryTx;

namespace {

void assertSameCommunity(const CommunityRow& expected, const CommunityRow& actual) {
    CPPUNIT_ASSERT_EQUAL(expected.id, actual.id);
    CPPUNIT_ASSERT_EQUAL(expected.slug, actual.slug);
    CPPUNIT_ASSERT_EQUAL(expected.title, actual.title);
    CPPUNIT_ASSERT_EQUAL(expected.visibility, actual.visibility);
    CPPUNIT_ASSERT_EQUAL(expected.dashboardEnabled, actual.dashboardEnabled);
    CPPUNIT_ASSERT_EQUAL(expected.sourceJson, actual.sourceJson);
    CPPUNIT_ASSERT_EQUAL(expected.createdMicros, actual.createdMicros);
    CPPUNIT_ASSERT_EQUAL(expected.updatedMicros, actual.updatedMicros);
}

void assertSameRef(const RecordRef& expected, const RecordRef& actual) {
    CPPUNIT_ASSERT_EQUAL(expected.recordId, actual.recordId);
    CPPUNIT_ASSERT_EQUAL(expected.parentId, actual.parentId);
    CPPUNIT_ASSERT_EQUAL(expected.created, actual.created);
    CPPUNIT_ASSERT_EQUAL(expected.createdMicros, actual.createdMicros);
    CPPUNIT_ASSERT_EQUAL(expected.publicationDate, actual.publicationDate);
    CPPUNIT_ASSERT_EQUAL(expected.normalisedPublishedDate, actual.normalisedPublishedDate);
    CPPUNIT_ASSERT_EQUAL(expected.isDeleted, actual.isDeleted);
    CPPUNIT_ASSERT_EQUAL(expected.deletedMicros, actual.deletedMicros);
}

void assertSameRow(const RecordRow& expected, const RecordRow& actual, bool withChildren = true) {
    assertSameRef(expected.ref, actual.ref);
    CPPUNIT_ASSERT_EQUAL(expected.publishedMicros, actual.publishedMicros);
    CPPUNIT_ASSERT_EQUAL(expected.publicationDay, actual.publicationDay);
    CPPUNIT_ASSERT_EQUAL(expected.filesEnabled, actual.filesEnabled);
    CPPUNIT_ASSERT_EQUAL(expected.fileCount, actual.fileCount);
    CPPUNIT_ASSERT_EQUAL(expected.dataVolume, actual.dataVolume);
    CPPUNIT_ASSERT_EQUAL(expected.accessStatus, actual.accessStatus);
    CPPUNIT_ASSERT_EQUAL(expected.owner, actual.owner);
    CPPUNIT_ASSERT_EQUAL(expected.sourceJson, actual.sourceJson);
    if (!withChildren) {
        CPPUNIT_ASSERT(actual.files.empty());
        CPPUNIT_ASSERT(actual.facets.empty());
        return;
    }
    CPPUNIT_ASSERT_EQUAL(expected.files.size(), actual.files.size());
    for (std::size_t i = 0; i < expected.files.size(); ++i) {
        CPPUNIT_ASSERT_EQUAL(expected.files[i].key, actual.files[i].key);
        CPPUNIT_ASSERT_EQUAL(expected.files[i].fileId, actual.files[i].fileId);
        CPPUNIT_ASSERT_EQUAL(expected.files[i].ext, actual.files[i].ext);
        CPPUNIT_ASSERT_EQUAL(expected.files[i].size, actual.files[i].size);
    }
    CPPUNIT_ASSERT_EQUAL(expected.facets.size(), actual.facets.size());
    for (std::size_t i = 0; i < expected.facets.size(); ++i) {
        CPPUNIT_ASSERT_EQUAL(expected.facets[i].facet, actual.facets[i].facet);
        CPPUNIT_ASSERT_EQUAL(expected.facets[i].valueId, actual.facets[i].valueId);
        CPPUNIT_ASSERT_EQUAL(expected.facets[i].label, actual.facets[i].label);
    }
}

std::vector<std::string> ids(const std::vector<RecordRef>& refs) {
    std::vector<std::string> out;
    for (const RecordRef& ref : refs) out.push_back(ref.recordId);
    return out;
}

}  // namespace

void RepositoryContract::testCommunities() {
    if (!ready()) return;
    CommunityRow a = makeCommunity("a-id", "alpha");
    CommunityRow b = makeCommunity("B-id", "beta");  // upper case sorts first, bytewise
    b.visibility = "restricted";
    b.dashboardEnabled = false;
    tx([&](RepositoryTx& r) {
        CPPUNIT_ASSERT(!r.community("a-id"));
        r.putCommunity(a);
        r.putCommunity(b);
        assertSameCommunity(a, *r.community("a-id"));
        assertSameCommunity(b, *r.communityBySlug("beta"));
        CPPUNIT_ASSERT(!r.communityBySlug("gamma"));
    });
    // update by id, including a new slug; the old slug is free again
    a.slug = "alpha-2";
    a.title = "Renamed";
    a.dashboardEnabled = false;
    a.updatedMicros = dayMicros(20);
    const std::int64_t before = counter();
    tx([&](RepositoryTx& r) { r.putCommunity(a); });
    CPPUNIT_ASSERT_EQUAL(before + 1, counter());
    tx([&](RepositoryTx& r) {
        assertSameCommunity(a, *r.community("a-id"));
        assertSameCommunity(a, *r.communityBySlug("alpha-2"));
        CPPUNIT_ASSERT(!r.communityBySlug("alpha"));
        r.putCommunity(makeCommunity("c-id", "alpha"));
    });
    // an unchanged put writes nothing (no change number)
    const std::int64_t unchanged = counter();
    tx([&](RepositoryTx& r) { r.putCommunity(a); });
    CPPUNIT_ASSERT_EQUAL(unchanged, counter());
    // the slug of another community
    tx([&](RepositoryTx& r) {
        CommunityRow thief = makeCommunity("d-id", "beta");
        std::string error = storageError([&] { r.putCommunity(thief); });
        CPPUNIT_ASSERT_MESSAGE(error, contains(error, "'beta'"));
        CPPUNIT_ASSERT_MESSAGE(error, contains(error, "B-id"));
        CommunityRow renamed = a;
        renamed.slug = "beta";
        CPPUNIT_ASSERT(contains(storageError([&] { r.putCommunity(renamed); }), "'beta'"));
        CPPUNIT_ASSERT(!r.community("d-id"));  // the transaction is still usable
        assertSameCommunity(a, *r.community("a-id"));
    });
    std::vector<std::string> order;
    tx([&](RepositoryTx& r) { r.forEachCommunity([&](const CommunityRow& c) { order.push_back(c.id); }); });
    CPPUNIT_ASSERT((order == std::vector<std::string>{"B-id", "a-id", "c-id"}));
}

void RepositoryContract::testRecordRoundTrip() {
    if (!ready()) return;
    RecordRow full = makeRecord("rec-1", "par-1", dayMicros(2) + 123456);
    full.ref.created = "2024-01-03T00:00:00.123456+00:00";
    full.ref.publicationDate = "2023-05/2023-06";
    full.ref.normalisedPublishedDate = "2023-05-01";
    full.ref.isDeleted = true;
    full.ref.deletedMicros = dayMicros(30);
    full.sourceJson = "{\"title\":\"It's \\\"quoted\\\" ü ✓\",\"n\":[1,2]}";
    full.accessStatus = "metadata-only";
    RecordRow bare = bareRecord("rec-2", "par-1", -86400000000);  // before 1970
    bare.ref.normalisedPublishedDate = "";                         // unparsable
    bare.ref.publicationDate = "";
    tx([&](RepositoryTx& r) {
        r.insertRecord(full);
        r.insertRecord(bare);
        assertSameRow(full, *r.recordRow("rec-1"));  // inside the writing transaction
    });
    tx([&](RepositoryTx& r) {
        assertSameRow(full, *r.recordRow("rec-1"));
        assertSameRow(bare, *r.recordRow("rec-2"));
        assertSameRef(full.ref, *r.record("rec-1"));
        assertSameRef(bare.ref, *r.record("rec-2"));
        CPPUNIT_ASSERT(!r.record("rec-3"));
        CPPUNIT_ASSERT(!r.recordRow("rec-3"));
    });
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, scalar(db(), "SELECT count(*) FROM repo_records WHERE published_date IS NULL"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, scalar(db(), "SELECT count(*) FROM repo_records WHERE deleted_us IS NULL"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2},
                         scalar(db(), "SELECT count(*) FROM repo_record_facets WHERE facet = 'languages'"));
}

void RepositoryContract::testDuplicateRecord() {
    if (!ready()) return;
    RecordRow original = makeRecord("rec-dup", "par-1", dayMicros(1));
    tx([&](RepositoryTx& r) { r.insertRecord(original); });
    RecordRow again = makeRecord("rec-dup", "par-2", dayMicros(2));
    again.files.push_back({"more.txt", "f-3", "txt", 5});
    again.facets.push_back({"subjects", "s1", "Subject"});
    tx([&](RepositoryTx& r) {
        std::string error = storageError([&] { r.insertRecord(again); });
        CPPUNIT_ASSERT_MESSAGE(error, contains(error, "rec-dup"));
        CPPUNIT_ASSERT_MESSAGE(error, contains(error, "exists"));
        // nothing of the second insert arrived, and the transaction goes on (it commits below)
        assertSameRow(original, *r.recordRow("rec-dup"));
        r.insertRecord(bareRecord("rec-other", "par-1", dayMicros(3)));
        // repeated facet values are refused before anything is written
        RecordRow twice = bareRecord("rec-twice", "par-1", dayMicros(4));
        twice.facets = {{"languages", "eng", "English"}, {"languages", "eng", "English"}};
        CPPUNIT_ASSERT(contains(storageError([&] { r.insertRecord(twice); }), "rec-twice"));
        CPPUNIT_ASSERT(!r.record("rec-twice"));
        CPPUNIT_ASSERT(!storageError([&] { r.insertRecord(bareRecord("", "par-1", 0)); }).empty());
    });
    // a refused insert alone writes nothing at all, not even a change number
    const std::int64_t before = counter();
    tx([&](RepositoryTx& r) { CPPUNIT_ASSERT(!storageError([&] { r.insertRecord(again); }).empty()); });
    CPPUNIT_ASSERT_EQUAL(before, counter());
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, scalar(db(), "SELECT count(*) FROM repo_records"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, scalar(db(), "SELECT count(*) FROM repo_record_files"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{3}, scalar(db(), "SELECT count(*) FROM repo_record_facets"));
}

void RepositoryContract::testRecordDeletion() {
    if (!ready()) return;
    tx([&](RepositoryTx& r) { r.insertRecord(makeRecord("rec-d", "par-1", dayMicros(1))); });
    const std::int64_t inserted = counter();
    tx([&](RepositoryTx& r) {
        r.setRecordDeleted("rec-d", true, dayMicros(5));
        RecordRef ref = *r.record("rec-d");
        CPPUNIT_ASSERT(ref.isDeleted);
        CPPUNIT_ASSERT_EQUAL(dayMicros(5), ref.deletedMicros);
    });
    CPPUNIT_ASSERT_EQUAL(inserted + 1, scalar(db(), "SELECT change_seq FROM repo_records WHERE record_id = 'rec-d'"));
    tx([&](RepositoryTx& r) { r.setRecordDeleted("rec-d", true, dayMicros(5)); });  // no change, no number
    CPPUNIT_ASSERT_EQUAL(inserted + 1, counter());
    tx([&](RepositoryTx& r) {
        RecordRow row = *r.recordRow("rec-d");
        CPPUNIT_ASSERT(row.ref.isDeleted);
        CPPUNIT_ASSERT_EQUAL(std::size_t{2}, row.files.size());  // tombstoned versions keep their data
        r.setRecordDeleted("rec-d", false, 0);
        RecordRef ref = *r.record("rec-d");
        CPPUNIT_ASSERT(!ref.isDeleted);
        CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, ref.deletedMicros);
        CPPUNIT_ASSERT(contains(storageError([&] { r.setRecordDeleted("rec-missing", true, 1); }), "rec-missing"));
    });
    CPPUNIT_ASSERT_EQUAL(inserted + 2, scalar(db(), "SELECT change_seq FROM repo_records WHERE record_id = 'rec-d'"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, scalar(db(), "SELECT count(*) FROM repo_records WHERE deleted_us IS NULL"));
}

void RepositoryContract::testVersionsOf() {
    if (!ready()) return;
    // Publication order is insertion order, whatever the ids or created dates say.
    tx([&](RepositoryTx& r) {
        r.insertRecord(bareRecord("v-c", "par-v", dayMicros(9)));
        r.insertRecord(bareRecord("other", "par-w", dayMicros(1)));
    });
    tx([&](RepositoryTx& r) { r.insertRecord(bareRecord("v-a", "par-v", dayMicros(1))); });
    tx([&](RepositoryTx& r) {
        r.insertRecord(bareRecord("v-b", "par-v", dayMicros(5)));
        CPPUNIT_ASSERT((ids(r.versionsOf("par-v")) == std::vector<std::string>{"v-c", "v-a", "v-b"}));
    });
    tx([&](RepositoryTx& r) {
        CPPUNIT_ASSERT((ids(r.versionsOf("par-v")) == std::vector<std::string>{"v-c", "v-a", "v-b"}));
        CPPUNIT_ASSERT((ids(r.versionsOf("par-w")) == std::vector<std::string>{"other"}));
        CPPUNIT_ASSERT(r.versionsOf("par-none").empty());
        r.setRecordDeleted("v-a", true, dayMicros(10));
        std::vector<RecordRef> versions = r.versionsOf("par-v");
        CPPUNIT_ASSERT_EQUAL(std::size_t{3}, versions.size());  // tombstoned versions stay listed
        CPPUNIT_ASSERT(versions[1].isDeleted);
        CPPUNIT_ASSERT_EQUAL(dayMicros(10), versions[1].deletedMicros);
        CPPUNIT_ASSERT_EQUAL(dayMicros(5), versions[2].createdMicros);
    });
}

void RepositoryContract::testParentCommunities() {
    if (!ready()) return;
    const std::int64_t start = counter();
    tx([&](RepositoryTx& r) {
        CPPUNIT_ASSERT(!r.parentExists("par-1"));
        CPPUNIT_ASSERT(r.communitiesOf("par-1").empty());
        r.setCommunitiesOf("par-1", {"c2", "C9", "c1", "c2"});
        CPPUNIT_ASSERT(r.parentExists("par-1"));
        CPPUNIT_ASSERT((r.communitiesOf("par-1") == std::vector<std::string>{"C9", "c1", "c2"}));
        r.setCommunitiesOf("par-empty", {});
        CPPUNIT_ASSERT(r.parentExists("par-empty"));
        CPPUNIT_ASSERT(r.communitiesOf("par-empty").empty());
    });
    CPPUNIT_ASSERT_EQUAL(start + 1, counter());
    tx([&](RepositoryTx& r) {
        r.setCommunitiesOf("par-1", {"c3", "c1"});
        CPPUNIT_ASSERT((r.communitiesOf("par-1") == std::vector<std::string>{"c1", "c3"}));
    });
    CPPUNIT_ASSERT_EQUAL(start + 2, counter());
    // the new member and the parent carry the new number; the kept member keeps its own
    CPPUNIT_ASSERT_EQUAL(start + 2, scalar(db(), "SELECT change_seq FROM repo_parents WHERE parent_id = 'par-1'"));
    CPPUNIT_ASSERT_EQUAL(start + 2, scalar(db(), "SELECT change_seq FROM repo_parent_communities "
                                                 "WHERE parent_id = 'par-1' AND community_id = 'c3'"));
    CPPUNIT_ASSERT_EQUAL(start + 1, scalar(db(), "SELECT change_seq FROM repo_parent_communities "
                                                 "WHERE parent_id = 'par-1' AND community_id = 'c1'"));
    tx([&](RepositoryTx& r) { r.setCommunitiesOf("par-1", {"c1", "c3", "c1"}); });  // same set: no write
    CPPUNIT_ASSERT_EQUAL(start + 2, counter());
    tx([&](RepositoryTx& r) {
        r.setCommunitiesOf("par-1", {});
        CPPUNIT_ASSERT(r.parentExists("par-1"));
        CPPUNIT_ASSERT(r.communitiesOf("par-1").empty());
        CPPUNIT_ASSERT(!r.parentExists("par-other"));
        CPPUNIT_ASSERT(!storageError([&] { r.setCommunitiesOf("par-1", {"c1", ""}); }).empty());
    });
    CPPUNIT_ASSERT_EQUAL(start + 3, scalar(db(), "SELECT change_seq FROM repo_parents WHERE parent_id = 'par-1'"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, scalar(db(), "SELECT count(*) FROM repo_parent_communities"));
}

}  // namespace statshost::test
