// The replay importer: a hand-written stream gives the exact events log; bad lines are named.
#include <cppunit/extensions/HelperMacros.h>

#include <sstream>

#include "ServiceHarness.h"
#include "services/ReplayImporter.h"

using namespace statshost;
using namespace statshost::test;
using Lines = std::vector<std::string>;

namespace {

void onBothBackends(const std::function<void(ServiceHarness&)>& body) {
    SqliteBackend sqlite;
    PostgresBackend postgres;
    for (TestBackend* backend : {static_cast<TestBackend*>(&sqlite), static_cast<TestBackend*>(&postgres)}) {
        if (!backend->available()) continue;
        ServiceHarness h(*backend);
        body(h);
    }
}

std::string op(const std::string& at, const std::string& name, const std::string& fields) {
    return "{\"op\":\"" + name + "\",\"at\":\"" + at + "\"" + (fields.empty() ? "" : "," + fields) + "}\n";
}

std::string community(const std::string& at, const std::string& id, const std::string& slug) {
    return op(at, "community", "\"community\":{\"id\":\"" + id + "\",\"slug\":\"" + slug +
                                   "\",\"metadata\":{\"title\":\"T\"},\"access\":{\"visibility\":\"public\"}}");
}

std::string publish(const std::string& at, const std::string& json) { return op(at, "publish", "\"record\":" + json); }

services::ImportReport runImport(ServiceHarness& h, const std::string& stream, bool keepGoing = false,
                                 std::size_t batch = 1000) {
    services::ReplayImporter importer(h.services(), {});
    std::istringstream in(stream);
    services::ImportOptions opts;
    opts.keepGoing = keepGoing;
    opts.batchLines = batch;
    return importer.run(in, opts);
}

/// A stream touching every operation.
std::string fullStream() {
    return community("2024-01-01T00:00:00Z", "c-a", "alpha") + community("2024-01-01T00:00:00Z", "c-b", "beta") +
           publish("2024-01-02T09:00:00Z", recordJson("r1", "p1", "2024-01-02T09:00:00Z", "c-a")) +
           publish("2024-01-03T09:00:00Z", recordJson("s1", "q1", "2024-01-03T09:00:00Z")) +
           op("2024-01-04T00:00:00Z", "add", "\"record_id\":\"s1\",\"community_ids\":[\"c-b\"]") +
           op("2024-01-05T00:00:00Z", "bulk_add", "\"community_id\":\"c-b\",\"record_ids\":[\"r1\",\"s1\"]") +
           op("2024-01-06T00:00:00Z", "remove", "\"record_id\":\"r1\",\"community_ids\":[\"c-a\"]") +
           op("2024-01-07T00:00:00Z", "accept_request",
              "\"request\":{\"type\":\"community-inclusion\",\"receiver\":{\"community\":\"c-a\"},\"topic\":{\"record\":\"s1\"}}") +
           op("2024-01-08T00:00:00Z", "delete", "\"record_id\":\"s1\"") +
           op("2024-01-09T00:00:00Z", "restore", "\"record_id\":\"s1\"") +
           op("2024-01-10T00:00:00Z", "delete", "\"record_id\":\"r1\"");
}

}  // namespace

class ReplayImporterTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ReplayImporterTest);
    CPPUNIT_TEST(streamGivesExactEventsLog);
    CPPUNIT_TEST(smallBatchesGiveTheSameLog);
    CPPUNIT_TEST(resumingFromCheckpointAppliesNothingTwice);
    CPPUNIT_TEST(firstBadLineStopsAndEarlierLinesStay);
    CPPUNIT_TEST(keepGoingSkipsAndListsBadLines);
    CPPUNIT_TEST(outOfOrderLineIsNamed);
    CPPUNIT_TEST(nullOptionalFieldsAreAbsent);
    CPPUNIT_TEST(usageOpsNeedAHandler);
    CPPUNIT_TEST(recordsDumpPublishesAtCreated);
    CPPUNIT_TEST_SUITE_END();

public:
    void streamGivesExactEventsLog() {
        onBothBackends([](ServiceHarness& h) {
            auto report = runImport(h, fullStream());
            CPPUNIT_ASSERT_EQUAL(std::size_t(11), report.lines);
            CPPUNIT_ASSERT_EQUAL(std::size_t(11), report.applied);
            CPPUNIT_ASSERT(report.errors.empty());
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), report.byOutcome["community:created"]);
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), report.byOutcome["publish:created"]);
            Lines expected = {
                "r1 global added 2024-01-02 09:00:00 deleted 2024-01-10 00:00:00",
                "r1 c-a added 2024-01-02 09:00:00 deleted 2024-01-10 00:00:00",
                "s1 global added 2024-01-03 09:00:00",
                "s1 c-b added 2024-01-04 00:00:00",
                "r1 c-b added 2024-01-05 00:00:00 deleted 2024-01-10 00:00:00",
                "r1 c-a removed 2024-01-06 00:00:00 deleted 2024-01-10 00:00:00",
                "s1 c-a added 2024-01-07 00:00:00",
            };
            CPPUNIT_ASSERT_EQUAL(expected.size(), h.log().size());
            for (std::size_t i = 0; i < expected.size(); ++i) CPPUNIT_ASSERT_EQUAL(expected[i], h.log()[i]);
        });
    }

    void smallBatchesGiveTheSameLog() {
        SqliteBackend a, b;
        ServiceHarness ha(a), hb(b);
        runImport(ha, fullStream(), false, 1000);
        runImport(hb, fullStream(), false, 2);
        CPPUNIT_ASSERT(ha.log() == hb.log());
    }

    void resumingFromCheckpointAppliesNothingTwice() {
        SqliteBackend once;
        ServiceHarness reference(once);
        runImport(reference, fullStream());
        onBothBackends([&](ServiceHarness& h) {
            // A run that got through the first 6 lines (as if killed after its third batch of 2)...
            std::string stream = fullStream();
            std::size_t cut = 0;
            for (int i = 0; i < 6; ++i) cut = stream.find('\n', cut) + 1;
            services::ReplayImporter importer(h.services(), {});
            services::ImportOptions opts;
            opts.batchLines = 2;
            opts.checkpoint = "full-stream";
            std::istringstream head(stream.substr(0, cut));
            CPPUNIT_ASSERT_EQUAL(std::size_t(6), importer.run(head, opts).applied);
            // ...then the whole file again under the same checkpoint: lines 1-6 are skipped.
            std::istringstream all(stream);
            auto report = importer.run(all, opts);
            CPPUNIT_ASSERT_EQUAL(std::size_t(6), report.skipped);
            CPPUNIT_ASSERT_EQUAL(std::size_t(5), report.applied);
            CPPUNIT_ASSERT(reference.log() == h.log());
            // A third run has nothing left to do.
            std::istringstream again(stream);
            CPPUNIT_ASSERT_EQUAL(std::size_t(0), importer.run(again, opts).applied);
            CPPUNIT_ASSERT(reference.log() == h.log());
        });
    }

    void firstBadLineStopsAndEarlierLinesStay() {
        onBothBackends([](ServiceHarness& h) {
            std::string stream = community("2024-01-01T00:00:00Z", "c-a", "alpha") +
                                 publish("2024-01-02T00:00:00Z", recordJson("r1", "p1", "2024-01-02T00:00:00Z", "c-a")) +
                                 op("2024-01-03T00:00:00Z", "add", "\"record_id\":\"ghost\",\"community_ids\":[\"c-a\"]") +
                                 publish("2024-01-04T00:00:00Z", recordJson("r2", "p2", "2024-01-04T00:00:00Z"));
            auto report = runImport(h, stream);
            CPPUNIT_ASSERT(report.stopped);
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), report.errors.size());
            CPPUNIT_ASSERT_EQUAL(std::size_t(3), report.errors[0].line);
            CPPUNIT_ASSERT_MESSAGE(report.errors[0].message, report.errors[0].message.find("unknown record 'ghost'") != std::string::npos);
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), report.applied);
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), h.log().size());  // r1 global + c-a; nothing of r2
        });
    }

    void keepGoingSkipsAndListsBadLines() {
        onBothBackends([](ServiceHarness& h) {
            std::string stream = community("2024-01-01T00:00:00Z", "c-a", "alpha") + "{not json\n" + "[1]\n" +
                                 op("2024-01-02T00:00:00Z", "frobnicate", "") +
                                 op("2024-01-02T00:00:00Z", "add", "\"record_id\":\"r1\"") +
                                 publish("2024-01-03T00:00:00Z", recordJson("r1", "p1", "2024-01-03T00:00:00Z", "nope")) +
                                 "\n" +
                                 publish("2024-01-04T00:00:00Z", recordJson("r2", "p2", "2024-01-04T00:00:00Z", "c-a"));
            auto report = runImport(h, stream, true);
            CPPUNIT_ASSERT(!report.stopped);
            CPPUNIT_ASSERT_EQUAL(std::size_t(7), report.lines);
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), report.applied);
            CPPUNIT_ASSERT_EQUAL(std::size_t(5), report.errors.size());
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), report.errors[0].line);
            CPPUNIT_ASSERT(report.errors[0].message.find("malformed JSON") != std::string::npos);
            CPPUNIT_ASSERT_EQUAL(std::size_t(3), report.errors[1].line);
            CPPUNIT_ASSERT_MESSAGE(report.errors[1].message,
                                   report.errors[1].message.find("expected a JSON object") != std::string::npos);
            CPPUNIT_ASSERT(report.errors[2].message.find("unknown operation 'frobnicate'") != std::string::npos);
            CPPUNIT_ASSERT(report.errors[3].message.find("community_ids: missing") != std::string::npos);
            CPPUNIT_ASSERT_EQUAL(std::size_t(6), report.errors[4].line);
            CPPUNIT_ASSERT(report.errors[4].message.find("unknown community 'nope'") != std::string::npos);
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), h.log().size());  // only r2
        });
    }

    void outOfOrderLineIsNamed() {
        onBothBackends([](ServiceHarness& h) {
            std::string stream = community("2024-01-05T00:00:00Z", "c-a", "alpha") +
                                 community("2024-01-04T00:00:00Z", "c-b", "beta");
            auto report = runImport(h, stream);
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), report.errors.size());
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), report.errors[0].line);
            CPPUNIT_ASSERT(report.errors[0].message.find("earlier than line 1") != std::string::npos);
        });
    }

    void nullOptionalFieldsAreAbsent() {
        onBothBackends([](ServiceHarness& h) {
            std::string stream = op("2024-01-01T00:00:00Z", "community",
                                    "\"community\":{\"id\":\"c-a\",\"slug\":\"alpha\",\"metadata\":null,\"access\":null,"
                                    "\"custom_fields\":null}");
            auto report = runImport(h, stream);
            CPPUNIT_ASSERT_MESSAGE(report.errors.empty() ? "" : report.errors[0].message, report.errors.empty());
        });
    }

    void usageOpsNeedAHandler() {
        onBothBackends([](ServiceHarness& h) {
            auto report = runImport(h, op("2024-01-01T00:00:00Z", "view", "\"recid\":\"r1\""));
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), report.errors.size());
            CPPUNIT_ASSERT(report.errors[0].message.find("usage events are not handled") != std::string::npos);
        });
    }

    void recordsDumpPublishesAtCreated() {
        onBothBackends([](ServiceHarness& h) {
            services::ReplayImporter importer(h.services(), {});
            std::istringstream in(recordJson("r2", "p2", "2023-05-01T08:00:00+02:00") + "\n" +
                                  recordJson("r1", "p1", "2021-01-01T00:00:00Z") + "\n");
            services::ImportOptions opts;
            opts.recordsOnly = true;
            auto report = importer.run(in, opts);
            CPPUNIT_ASSERT(report.errors.empty());
            auto log = h.log();
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), log.size());
            CPPUNIT_ASSERT_EQUAL(std::string("r1 global added 2021-01-01 00:00:00"), log[0]);
            CPPUNIT_ASSERT_EQUAL(std::string("r2 global added 2023-05-01 06:00:00"), log[1]);
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ReplayImporterTest);
