// The usage delta's targeted loading (UsageRecordLoad.h): hourly runs whose only news is usage events
// read just the records those events name and take labels from the label ledger; they must write
// exactly what a full load writes. Here an incremental pair runs after every "hour" — hours with a
// community move, a deletion, a restoration and new versions (full loads: records changed) between
// hours with events only (targeted) and one hour whose events bring an item no document showed yet
// (falls back to a full load) — and its stored documents must equal a from-scratch pair's, on both
// backends.
#include <cppunit/extensions/HelperMacros.h>

#include "ReferenceRun.h"
#include "UsageTestSupport.h"

using namespace statshost;
using namespace statshost::test;

namespace {

bool anyLineHas(const std::vector<std::string>& lines, const std::string& part) {
    for (const std::string& line : lines)
        if (line.find(part) != std::string::npos) return true;
    return false;
}

TestRecord subjectRecord(const std::string& id, const std::string& parent, const std::string& communities,
                         const std::string& subjectId, const std::string& subject, const std::string& file) {
    TestRecord r = recordWithFiles(id, parent, communities, file.empty() ? std::vector<std::pair<std::string, std::int64_t>>{}
                                                                          : std::vector<std::pair<std::string, std::int64_t>>{{file, 40}});
    r.subjects = {{subjectId, subject}};
    return r;
}

}  // namespace

class UsageTargetedLoadTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(UsageTargetedLoadTest);
    CPPUNIT_TEST(hourlyRunsEqualAFullLoad);
    CPPUNIT_TEST_SUITE_END();

public:
    void hourlyRunsEqualAFullLoad() {
        onBothBackends([](TestBackend& backend) {
            UsageHarness u(backend);
            auto& h = u.h();
            UsagePair inc = u.makePair("-inc");
            h.at("2024-01-01T00:00:00Z");
            h.community("ca");
            h.community("cb");
            h.publish(subjectRecord("r1", "p1", "ca", "s1", "Physics", "a.csv"));
            h.publish(subjectRecord("r2", "p2", "cb", "s2", "Chemistry", "b.pdf"));
            h.publish(subjectRecord("r3", "p3", "ca,cb", "s1", "", ""));
            h.publish(subjectRecord("r4", "p4", "ca", "s2", "", "c.txt"));
            for (const std::string day : {"2024-02-01", "2024-02-02", "2024-02-03"}) {
                u.view(day + "T08:00:00Z", "r1", "v1", "DE", "https://example.org/x");
                u.view(day + "T08:10:00Z", "r3", "v2", "FR");
                u.download(day + "T08:20:00Z", "r2", "v1", "b.pdf");
                u.download(day + "T08:30:00Z", "r4", "v3", "c.txt", "DE");
            }
            u.ingest();
            u.run(inc, "2024-02-03");  // the backfill: a full load

            // One "hour": optional repository changes at hh:00, then events at hh:10..hh:40 and a run.
            auto hour = [&](const std::string& at, const std::function<void()>& changes, bool targeted,
                            const std::string& why) {
                h.at(at + ":00:00Z");
                if (changes) changes();
                u.view(at + ":10:00Z", "r1", "v4", "DE");
                u.view(at + ":15:00Z", "r4", "v4", "", "https://example.org/y");
                u.download(at + ":20:00Z", "r2", "v5", "b.pdf", "FR");
                u.download(at + ":25:00Z", "r4", "v1", "c.txt");
                u.ingest();
                h.logger().lines.clear();
                u.run(inc, at.substr(0, 10));
                const bool read = anyLineHas(h.logger().lines, "usage delta: read the ");
                const bool fellBack = anyLineHas(h.logger().lines, "loading every record");
                CPPUNIT_ASSERT_EQUAL_MESSAGE(why + " (" + reference::backendName(backend) + ")", targeted, read && !fellBack);
            };
            hour("2024-02-04T10", [&] { h.remove("r1", "ca"); h.add("r1", "cb"); }, false, "community move");
            hour("2024-02-04T11", {}, true, "events only after a move");
            hour("2024-02-04T12", [&] { h.deleteRecord("r4"); }, false, "deletion");
            hour("2024-02-04T13", {}, true, "events only after a deletion");
            hour("2024-02-04T14", [&] { h.restoreRecord("r4"); }, false, "restoration");
            hour("2024-02-04T15", {}, true, "events only after a restoration");
            hour("2024-02-05T09", [&] {
                h.publish(subjectRecord("r5", "p1", "cb", "s3", "Biology", "d.csv"));  // a new version of p1
                h.publish(subjectRecord("r6", "p6", "ca", "s4", "Mathematics", ""));   // no events yet
                u.view("2024-02-05T09:30:00Z", "r5", "v6");
            }, false, "new versions");
            hour("2024-02-05T10", [&] { u.view("2024-02-05T10:30:00Z", "r5", "v7", "DE"); }, true,
                 "events of a new version");
            // r6's subject s4 is in no document yet: its label could come from any record.
            hour("2024-02-05T11", [&] { u.view("2024-02-05T11:30:00Z", "r6", "v8"); }, false, "an unwritten item");
            hour("2024-02-05T12", [&] { u.view("2024-02-05T12:30:00Z", "r6", "v9"); }, true, "after it was written");

            UsagePair scratch = u.makePair("-scr");
            u.run(scratch, "2024-02-05");
            const auto expectedDelta = h.storedWithoutTimestamps(scratch.deltaAlias());
            CPPUNIT_ASSERT(expectedDelta.size() > 10);
            CPPUNIT_ASSERT(expectedDelta == h.storedWithoutTimestamps(inc.deltaAlias()));
            CPPUNIT_ASSERT(h.storedWithoutTimestamps(scratch.snapshotAlias()) ==
                           h.storedWithoutTimestamps(inc.snapshotAlias()));
            // The labels the targeted hours took from the ledger are the records' own.
            auto doc = u.day(inc.deltaAlias(), "cb", "2024-02-05");
            CPPUNIT_ASSERT(doc);
            CPPUNIT_ASSERT_EQUAL(std::string("s1:Physics,s2:Chemistry,s3:Biology"), itemLabels(doc, "by_subjects"));
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(UsageTargetedLoadTest);
