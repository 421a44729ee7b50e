// HostAggregationSource: records with files and facets, communities, the events log — from a repository
// written through the real services, on both backends, against hand-written expectations.
#include <cppunit/extensions/HelperMacros.h>

#include <Poco/JSON/Parser.h>

#include "AggregationTestSupport.h"
#include "aggregation/HostAggregationSource.h"
#include "services/ServiceTx.h"

using namespace statshost;
using namespace statshost::test;

namespace {

/// A record with `files` files f1..fn (sizes 10, 20, ...; extensions alternating csv / pdf), or a
/// metadata-only record when `files` is 0; owner "u<files>" (none for 0).
std::string recordWithFiles(const std::string& id, const std::string& parent, int files) {
    std::string entries;
    for (int i = 1; i <= files; ++i)
        entries += std::string(i > 1 ? "," : "") + "\"f" + std::to_string(i) + (i % 2 ? ".csv" : ".pdf") +
                   "\":{\"key\":\"f" + std::to_string(i) + (i % 2 ? ".csv" : ".pdf") + "\",\"id\":\"" + id + "-f" +
                   std::to_string(i) + "\",\"size\":" + std::to_string(10 * i) + "}";
    std::string owner = files ? ",\"access\":{\"owned_by\":{\"user\":\"u" + std::to_string(files) + "\"}}" : "";
    return "{\"id\":\"" + id + "\",\"created\":\"2024-02-0" + std::to_string(1 + files % 9) +
           "T00:00:00Z\",\"parent\":{\"id\":\"" + parent + "\"" + owner +
           "},\"metadata\":{\"title\":\"t\",\"publication_date\":\"2019\",\"resource_type\":{\"id\":\"image\"}},"
           "\"access\":{\"status\":\"restricted\"},\"files\":{\"enabled\":" +
           (files ? "true" : "false") + ",\"entries\":{" + entries + "}}}";
}

std::vector<RecordFacts> allRecords(AggregationSource& source) {
    std::vector<RecordFacts> out;
    source.forEachRecord([&](const RecordFacts& r) { out.push_back(r); });
    return out;
}

std::string filesOf(const RecordFacts& r) {
    std::string out;
    for (const FileFact& f : r.files)
        out += (out.empty() ? "" : " ") + f.fileId + ":" + f.key + ":" + f.ext + ":" + std::to_string(f.size);
    return out;
}

std::string facetsOf(const RecordFacts& r) {
    std::string out;
    for (const FacetFact& f : r.facets) out += (out.empty() ? "" : " ") + f.facet + "=" + f.id + "/" + f.label;
    return out;
}

std::string eventLine(const CommunityEvent& e) {
    return e.recordId + " " + e.communityId + " " + e.eventType;
}

}  // namespace

class SourceRecordsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SourceRecordsTest);
    CPPUNIT_TEST(recordCarriesEveryFact);
    CPPUNIT_TEST(pagesKeepFilesAndFacetsWithTheirRecord);
    CPPUNIT_TEST(recordsByIdSkipUnknownAndSort);
    CPPUNIT_TEST(deletionStateIsRead);
    CPPUNIT_TEST(communitiesInIdOrder);
    CPPUNIT_TEST(communityEventsPageInDateOrder);
    CPPUNIT_TEST_SUITE_END();

public:
    void recordCarriesEveryFact() {
        onEachBackend([](TestBackend& b) {
            ServiceHarness h(b);
            h.community("c-a", "alpha");
            h.at("2024-03-01T12:00:00Z");
            h.publish(recordJson("r1", "p1", "2024-02-03T04:05:06Z", "c-a"));
            aggregation::ensureSourceTables(h.storage().database());
            aggregation::HostAggregationSource source(h.storage().database(), "");
            auto records = allRecords(source);
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), records.size());
            const RecordFacts& r = records[0];
            CPPUNIT_ASSERT_EQUAL(std::string("r1"), r.recordId);
            CPPUNIT_ASSERT_EQUAL(std::string("p1"), r.parentId);
            CPPUNIT_ASSERT_EQUAL(micros("2024-02-03T04:05:06Z"), r.createdMicros);
            CPPUNIT_ASSERT_EQUAL(micros("2024-03-01T12:00:00Z"), r.publishedMicros);
            CPPUNIT_ASSERT_EQUAL(std::string("2020-05-01"), r.publicationDay);  // "2020-05", not floored
            CPPUNIT_ASSERT(r.filesEnabled);
            CPPUNIT_ASSERT_EQUAL(std::string("7"), r.owner);
            CPPUNIT_ASSERT(!r.isDeleted);
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), r.deletedMicros);
            CPPUNIT_ASSERT_EQUAL(std::string("r1/a.csv:a.csv:csv:100"), filesOf(r));
            CPPUNIT_ASSERT_EQUAL(std::string("access_right=open/Open Access file_type=csv/CSV resource_type=dataset/Dataset"),
                                 facetsOf(r));
        });
    }

    void pagesKeepFilesAndFacetsWithTheirRecord() {
        onEachBackend([](TestBackend& b) {
            ServiceHarness h(b);
            // Published out of id order; ids sort r01..r07. File counts 0..6, so pages of 3 split records
            // with many file and facet rows.
            for (int n : {4, 0, 6, 2, 1, 5, 3})
                h.publish(recordWithFiles("r0" + std::to_string(n + 1), "p0" + std::to_string(n + 1), n));
            aggregation::ensureSourceTables(h.storage().database());
            aggregation::HostAggregationSource source(h.storage().database(), "", 3);
            auto records = allRecords(source);
            CPPUNIT_ASSERT_EQUAL(std::size_t(7), records.size());
            for (int n = 0; n < 7; ++n) {
                const RecordFacts& r = records[static_cast<std::size_t>(n)];
                const std::string id = "r0" + std::to_string(n + 1);
                CPPUNIT_ASSERT_EQUAL(id, r.recordId);
                CPPUNIT_ASSERT_EQUAL("p0" + std::to_string(n + 1), r.parentId);
                CPPUNIT_ASSERT_EQUAL(n > 0, r.filesEnabled);
                CPPUNIT_ASSERT_EQUAL(n > 0 ? "u" + std::to_string(n) : std::string(), r.owner);
                CPPUNIT_ASSERT_EQUAL(std::string("2019-01-01"), r.publicationDay);
                std::string files, types;
                for (int i = 1; i <= n; ++i) {
                    const std::string key = "f" + std::to_string(i) + (i % 2 ? ".csv" : ".pdf");
                    files += std::string(i > 1 ? " " : "") + id + "-f" + std::to_string(i) + ":" + key + ":" +
                             (i % 2 ? "csv" : "pdf") + ":" + std::to_string(10 * i);
                }
                if (n >= 1) types += " file_type=csv/CSV";
                if (n >= 2) types += " file_type=pdf/PDF";
                CPPUNIT_ASSERT_EQUAL_MESSAGE(id, files, filesOf(r));
                CPPUNIT_ASSERT_EQUAL_MESSAGE(id, "access_right=restricted/Restricted" + types + " resource_type=image/",
                                             facetsOf(r));
            }
        });
    }

    void recordsByIdSkipUnknownAndSort() {
        onEachBackend([](TestBackend& b) {
            ServiceHarness h(b);
            for (int n : {1, 2, 3}) h.publish(recordWithFiles("r" + std::to_string(n), "p" + std::to_string(n), n));
            aggregation::ensureSourceTables(h.storage().database());
            aggregation::HostAggregationSource source(h.storage().database(), "");
            auto records = source.records({"r3", "nope", "r1", "r3"});
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), records.size());
            CPPUNIT_ASSERT_EQUAL(std::string("r1"), records[0].recordId);
            CPPUNIT_ASSERT_EQUAL(std::string("r3"), records[1].recordId);
            CPPUNIT_ASSERT_EQUAL(std::string("r1-f1:f1.csv:csv:10"), filesOf(records[0]));
            CPPUNIT_ASSERT_EQUAL(std::string("r3-f1:f1.csv:csv:10 r3-f2:f2.pdf:pdf:20 r3-f3:f3.csv:csv:30"),
                                 filesOf(records[1]));
            CPPUNIT_ASSERT_EQUAL(std::string("access_right=restricted/Restricted file_type=csv/CSV file_type=pdf/PDF "
                                             "resource_type=image/"),
                                 facetsOf(records[1]));
            // More ids than one statement takes: the known ones still come back whole, in id order.
            // Sorted: r1, 1200 × "r1-…", r2, 1200 × "r2-…", r3 — the three known ones land in three chunks.
            std::vector<std::string> many = {"r3", "r2"};
            for (int i = 0; i < 1200; ++i) {
                many.push_back("r2-" + std::to_string(i));
                many.push_back("r1-" + std::to_string(i));
            }
            many.push_back("r1");
            many.push_back("r3");
            auto found = source.records(many);
            CPPUNIT_ASSERT_EQUAL(std::size_t(3), found.size());
            CPPUNIT_ASSERT_EQUAL(std::string("r1"), found[0].recordId);
            CPPUNIT_ASSERT_EQUAL(std::string("r2"), found[1].recordId);
            CPPUNIT_ASSERT_EQUAL(std::string("r3-f1:f1.csv:csv:10 r3-f2:f2.pdf:pdf:20 r3-f3:f3.csv:csv:30"),
                                 filesOf(found[2]));
            CPPUNIT_ASSERT(source.records({}).empty());
            CPPUNIT_ASSERT(source.records({"nope"}).empty());
        });
    }

    void deletionStateIsRead() {
        onEachBackend([](TestBackend& b) {
            ServiceHarness h(b);
            h.publish(recordWithFiles("r1", "p1", 1));
            h.publish(recordWithFiles("r2", "q", 1));
            h.at("2024-05-06T07:08:09Z");
            h.call([](services::ServiceTx& tx) { return tx.deleteRecord("r2"); });
            aggregation::ensureSourceTables(h.storage().database());
            aggregation::HostAggregationSource source(h.storage().database(), "");
            auto records = allRecords(source);
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), records.size());
            CPPUNIT_ASSERT(!records[0].isDeleted);
            CPPUNIT_ASSERT(records[1].isDeleted);
            CPPUNIT_ASSERT_EQUAL(micros("2024-05-06T07:08:09Z"), records[1].deletedMicros);
        });
    }

    void communitiesInIdOrder() {
        onEachBackend([](TestBackend& b) {
            ServiceHarness h(b);
            aggregation::ensureSourceTables(h.storage().database());
            aggregation::HostAggregationSource source(h.storage().database(), "");
            CPPUNIT_ASSERT(source.communities().empty());
            h.community("c-b", "beta");
            h.community("c-a", "alpha");
            h.community("C-z", "zed");  // bytewise: upper case first
            auto communities = source.communities();
            CPPUNIT_ASSERT_EQUAL(std::size_t(3), communities.size());
            CPPUNIT_ASSERT_EQUAL(std::string("C-z"), communities[0].id);
            CPPUNIT_ASSERT_EQUAL(std::string("zed"), communities[0].slug);
            CPPUNIT_ASSERT_EQUAL(std::string("c-a"), communities[1].id);
            CPPUNIT_ASSERT_EQUAL(std::string("alpha"), communities[1].slug);
            CPPUNIT_ASSERT_EQUAL(std::string("c-b"), communities[2].id);
        });
    }

    void communityEventsPageInDateOrder() {
        onEachBackend([](TestBackend& b) {
            ServiceHarness h(b);
            h.community("c-a", "alpha");
            h.community("c-b", "beta");
            // 520 records in c-a published in one transaction at one instant (one date: insertion order
            // decides), then more on later days: more than one page (1000 events) of the log.
            h.at("2024-01-02T00:00:00Z");
            h.call([](services::ServiceTx& tx) {
                for (int i = 0; i < 520; ++i) {
                    char id[16];
                    std::snprintf(id, sizeof id, "r%04d", 519 - i);
                    tx.publish(Poco::JSON::Parser()
                                   .parse(recordJson(id, std::string("p") + id, "2024-01-01T00:00:00Z", "c-a"))
                                   .extract<Poco::JSON::Object::Ptr>());
                }
                return services::Outcome{};
            });
            h.at("2024-01-03T00:00:00Z");
            h.call([](services::ServiceTx& tx) { return tx.add("r0007", {"c-b"}); });
            h.at("2024-01-04T00:00:00Z");
            h.call([](services::ServiceTx& tx) { return tx.remove("r0007", {"c-a"}); });

            aggregation::ensureSourceTables(h.storage().database());
            aggregation::HostAggregationSource source(h.storage().database(), "");
            std::vector<std::string> all, ca, cb, global;
            source.forEachCommunityEvent("", [&](const CommunityEvent& e) { all.push_back(eventLine(e)); });
            source.forEachCommunityEvent("c-a", [&](const CommunityEvent& e) { ca.push_back(eventLine(e)); });
            source.forEachCommunityEvent("c-b", [&](const CommunityEvent& e) { cb.push_back(eventLine(e)); });
            source.forEachCommunityEvent("global", [&](const CommunityEvent& e) { global.push_back(eventLine(e)); });
            CPPUNIT_ASSERT_EQUAL(std::size_t(1042), all.size());  // 520 × (global, c-a), + c-b add, + c-a remove
            CPPUNIT_ASSERT_EQUAL(std::size_t(521), ca.size());
            CPPUNIT_ASSERT_EQUAL(std::size_t(520), global.size());
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), cb.size());
            // The log itself, as the harness reads it (same order), and insertion order within one date.
            std::vector<std::string> log = h.log();
            CPPUNIT_ASSERT_EQUAL(log.size(), all.size());
            for (std::size_t i = 0; i < log.size(); ++i)
                CPPUNIT_ASSERT_EQUAL(log[i].substr(0, all[i].size()), all[i]);
            CPPUNIT_ASSERT_EQUAL(std::string("r0519 global added"), all[0]);
            CPPUNIT_ASSERT_EQUAL(std::string("r0519 c-a added"), all[1]);
            CPPUNIT_ASSERT_EQUAL(std::string("r0000 c-a added"), all[1039]);
            CPPUNIT_ASSERT_EQUAL(std::string("r0007 c-b added"), all[1040]);
            CPPUNIT_ASSERT_EQUAL(std::string("r0007 c-a removed"), all[1041]);
            CPPUNIT_ASSERT_EQUAL(std::string("r0007 c-a removed"), ca.back());
            CPPUNIT_ASSERT_EQUAL(std::string("r0007 c-b added"), cb[0]);
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SourceRecordsTest);
