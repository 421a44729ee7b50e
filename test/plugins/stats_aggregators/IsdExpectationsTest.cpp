// The original's records scenarios (BACKEND.md §9, "Records delta, added basis" and "Records snapshot,
// added basis") on the real fixture records, re-derived under SEMANTICS.md (§9.3, §10.19): a record
// added and deleted on the same day is never present under the added basis, a community's documents
// start on its first day with data, and uploaders are distinct owners. Where the original's numbers
// still hold they are asserted as they were.
#include <cppunit/extensions/HelperMacros.h>

#include <fstream>
#include <sstream>

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include "AggregationHarness.h"

using namespace statshost;
using namespace statshost::test;
using aggregators::DateBasis;
using aggregators::RecordsKind;

namespace {

/// A fixture record with a parent (own concept, owner "1"), the given id and `created`.
std::string fixture(const std::string& file, const std::string& id, const std::string& created) {
    std::ifstream in(fixturePath("rdm_records/" + file));
    std::stringstream text;
    text << in.rdbuf();
    auto obj = Poco::JSON::Parser().parse(text.str()).extract<Poco::JSON::Object::Ptr>();
    obj->set("id", id);
    obj->set("created", created);
    Poco::JSON::Object::Ptr parent = new Poco::JSON::Object;
    parent->set("id", "parent-" + id);
    Poco::JSON::Object::Ptr owner = new Poco::JSON::Object;
    owner->set("user", "1");
    Poco::JSON::Object::Ptr access = new Poco::JSON::Object;
    access->set("owned_by", owner);
    parent->set("access", access);
    obj->set("parent", parent);
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(obj, out);
    return out.str();
}

const std::string kToday = "2025-06-16";

/// Publishes `file` as `id` at `created` (the global `added` event is written then).
void publishAt(AggregationHarness& h, const std::string& file, const std::string& id, const std::string& created) {
    h.at(created);
    h.repo().publish(fixture(file, id, created));
}

}  // namespace

class IsdExpectationsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(IsdExpectationsTest);
    CPPUNIT_TEST(recordsDeltaAddedBasis);
    CPPUNIT_TEST(recordsSnapshotAddedAndCreatedBases);
    CPPUNIT_TEST_SUITE_END();

public:
    /// article4 and article5 created today-6, article6 and article7 today-10; all four added to C today;
    /// article4 then deleted today.
    void recordsDeltaAddedBasis() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            h.community("C");
            publishAt(h, "sample_metadata_journal_article6_pdf.json", "article6", "2025-06-06T09:00:00Z");
            publishAt(h, "sample_metadata_journal_article7_pdf.json", "article7", "2025-06-06T09:30:00Z");
            publishAt(h, "sample_metadata_journal_article4_pdf.json", "article4", "2025-06-10T09:00:00Z");
            publishAt(h, "sample_metadata_journal_article5_pdf.json", "article5", "2025-06-10T09:30:00Z");
            h.at(kToday + "T08:00:00Z");
            for (const char* id : {"article4", "article5", "article6", "article7"}) h.add(id, "C");
            h.at(kToday + "T09:00:00Z");
            h.deleteRecord("article4");
            auto delta = h.make(RecordsKind::Delta, DateBasis::Added);
            CPPUNIT_ASSERT(h.run(delta, kToday).errors.empty());
            const std::string alias = "stats-community-records-delta-added";

            // C starts on its first day with data (today): one document, not eleven.
            auto c = h.dense(alias, "C", "2025-06-06", kToday);
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), c.size());
            auto today = c[0];
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(today, "records.added.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(today, "records.added.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(today, "records.removed.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(today, "parents.added.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(today, "parents.added.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(today, "files.added.file_count"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(59117831), intAt(today, "files.added.data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(today, "files.removed.file_count"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(today, "uploaders"));
            auto metadataOnly = item(today, "by_access_right", "metadata-only");
            CPPUNIT_ASSERT_EQUAL(std::string("Metadata-only"), textAt(metadataOnly, "label"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(metadataOnly, "records.added.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(metadataOnly, "parents.added.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(metadataOnly, "records.added.with_files"));
            auto pdf = item(today, "by_file_type", "pdf");
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(pdf, "files.added.file_count"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(59117831), intAt(pdf, "files.added.data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(pdf, "records.added.with_files"));

            // Global (publication events on the creation days) holds the original's numbers.
            auto global = h.dense(alias, "global", "2025-06-06", kToday);
            CPPUNIT_ASSERT_EQUAL(std::size_t(11), global.size());
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(global[0], "records.added.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(global[0], "files.added.file_count"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(59117831), intAt(global[0], "files.added.data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(global[4], "records.added.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(global[4], "records.added.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1984949), intAt(global[4], "files.added.data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(global[10], "records_added"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(global[10], "records.removed.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(global[10], "files.removed.file_count"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1984949), intAt(global[10], "files.removed.data_volume"));
            for (int d : {1, 2, 3, 5, 6, 7, 8, 9}) CPPUNIT_ASSERT_EQUAL(std::int64_t(0), intAt(global[d], "records_added"));
        });
    }

    /// article4 and article5 created today-5, article6 and article7 today-2; all added to C today;
    /// article7 deleted today.
    void recordsSnapshotAddedAndCreatedBases() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            h.community("C");
            publishAt(h, "sample_metadata_journal_article4_pdf.json", "article4", "2025-06-11T09:00:00Z");
            publishAt(h, "sample_metadata_journal_article5_pdf.json", "article5", "2025-06-11T09:30:00Z");
            publishAt(h, "sample_metadata_journal_article6_pdf.json", "article6", "2025-06-14T09:00:00Z");
            publishAt(h, "sample_metadata_journal_article7_pdf.json", "article7", "2025-06-14T09:30:00Z");
            h.at(kToday + "T08:00:00Z");
            for (const char* id : {"article4", "article5", "article6", "article7"}) h.add(id, "C");
            h.at(kToday + "T09:00:00Z");
            h.deleteRecord("article7");

            auto snapAdded = h.make(RecordsKind::Snapshot, DateBasis::Added);
            CPPUNIT_ASSERT(h.run(snapAdded, kToday).errors.empty());
            auto c = h.dense("stats-community-records-snapshot-added", "C", "2025-06-11", kToday);
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), c.size());  // C starts today
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(c[0], "total_records.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(c[0], "total_records.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(c[0], "total_parents.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(c[0], "total_parents.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(c[0], "total_files.file_count"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2442985), intAt(c[0], "total_files.data_volume"));

            auto snapCreated = h.make(RecordsKind::Snapshot, DateBasis::Created);
            CPPUNIT_ASSERT(h.run(snapCreated, kToday).errors.empty());
            auto global = h.dense("stats-community-records-snapshot-created", "global", "2025-06-01", kToday);
            CPPUNIT_ASSERT_EQUAL(std::size_t(6), global.size());
            CPPUNIT_ASSERT_EQUAL(std::string("2025-06-11"), textAt(global[0], "snapshot_date"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(global[0], "total_records.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(global[0], "total_records.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(global[0], "total_files.file_count"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1984949), intAt(global[0], "total_files.data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(3), intAt(global[3], "total_records.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(3), intAt(global[3], "total_files.file_count"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(61102780), intAt(global[3], "total_files.data_volume"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(global[5], "total_records.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2), intAt(global[5], "total_records.with_files"));
            CPPUNIT_ASSERT_EQUAL(std::int64_t(2442985), intAt(global[5], "total_files.data_volume"));
            // Uploaders are distinct owners (the original summed daily counts: 1, 2, 2).
            for (const auto& doc : global) CPPUNIT_ASSERT_EQUAL(std::int64_t(1), intAt(doc, "total_uploaders"));
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(IsdExpectationsTest);
