#include <cppunit/extensions/HelperMacros.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include "DemoTestSupport.h"
#include "demo/DemoGenerator.h"

using namespace statshost::demo;
using namespace statshost::demo::test;

namespace {

std::string joined(const std::vector<std::string>& errors) {
    std::string s;
    for (const auto& e : errors) s += e + "\n";
    return s;
}

void assertValid(const Stream& s) {
    const ReplayReport r = replay(s);
    CPPUNIT_ASSERT_MESSAGE(joined(r.errors), r.errors.empty());
}

}  // namespace

class DemoValidityTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(DemoValidityTest);
    CPPUNIT_TEST(everyLineIsAJsonObjectWithOpAndAt);
    CPPUNIT_TEST(atIsNonDecreasingAndSecondResolution);
    CPPUNIT_TEST(smallStreamReplaysCleanly);
    CPPUNIT_TEST(otherSeedsReplayCleanly);
    CPPUNIT_TEST(mediumStreamReplaysCleanly);
    CPPUNIT_TEST(opsCarryTheirRequiredFields);
    CPPUNIT_TEST(summaryMatchesARecount);
    CPPUNIT_TEST(allTimesLieInsideThePeriod);
    CPPUNIT_TEST(customPeriodIsHonoured);
    CPPUNIT_TEST(badOptionsAreRejectedBeforeWriting);
    CPPUNIT_TEST(replayCatchesBrokenStreams);
    CPPUNIT_TEST(failingOutputThrows);
    CPPUNIT_TEST_SUITE_END();

public:
    void everyLineIsAJsonObjectWithOpAndAt() {
        const Stream& s = smallStream();
        CPPUNIT_ASSERT(s.lines.size() > 5000);
        CPPUNIT_ASSERT_EQUAL('\n', s.text.back());
        for (const auto& l : s.lines) {
            CPPUNIT_ASSERT_MESSAGE("line " + std::to_string(l.number) + ": " + l.text.substr(0, 120), l.json);
            CPPUNIT_ASSERT(!l.op.empty());
            CPPUNIT_ASSERT(!l.at.empty());
        }
    }

    void atIsNonDecreasingAndSecondResolution() {
        const Stream& s = smallStream();
        std::string last;
        for (const auto& l : s.lines) {
            CPPUNIT_ASSERT_MESSAGE(l.at, isTimestamp(l.at));
            CPPUNIT_ASSERT_MESSAGE("line " + std::to_string(l.number), l.at >= last);
            last = l.at;
        }
    }

    void smallStreamReplaysCleanly() { assertValid(smallStream()); }

    void otherSeedsReplayCleanly() {
        for (std::uint64_t seed : {2u, 99u, 123456789u}) assertValid(smallStream(seed));
    }

    void mediumStreamReplaysCleanly() {
        DemoOptions o;
        o.scale = Scale::Medium;
        o.seed = 5;
        const Stream s = generate(o);
        CPPUNIT_ASSERT(s.lines.size() > 200000);
        const ReplayReport r = replay(s);
        CPPUNIT_ASSERT_MESSAGE(joined(r.errors), r.errors.empty());
        // Deleted records keep a few (tombstone) views but are never downloaded.
        CPPUNIT_ASSERT(r.viewsOfDeleted > 0);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), r.downloadsOfDeleted);
    }

    void opsCarryTheirRequiredFields() {
        // Field by field per REPLAY.md; replay() checks references, this checks presence and types.
        for (const auto& l : smallStream().lines) {
            const auto& j = l.json;
            const std::string where = "line " + std::to_string(l.number) + " (" + l.op + ")";
            if (l.op == "community") {
                const auto c = obj(j, "community");
                CPPUNIT_ASSERT_MESSAGE(where, isString(c, "id") && isString(c, "slug"));
                CPPUNIT_ASSERT_MESSAGE(where, isString(obj(c, "metadata"), "title"));
                CPPUNIT_ASSERT_MESSAGE(where, isString(obj(c, "access"), "visibility"));
                CPPUNIT_ASSERT_MESSAGE(where, obj(c, "custom_fields")->has("stats:dashboard_enabled"));
            } else if (l.op == "publish") {
                const auto r = obj(j, "record");
                CPPUNIT_ASSERT_MESSAGE(where, isString(r, "id") && isString(r, "created"));
                CPPUNIT_ASSERT_MESSAGE(where, isString(obj(r, "parent"), "id"));
                CPPUNIT_ASSERT_MESSAGE(where, obj(r, "metadata") && obj(r, "access") && obj(r, "files"));
                CPPUNIT_ASSERT_MESSAGE(where, obj(r, "custom_fields"));
            } else if (l.op == "add" || l.op == "remove") {
                CPPUNIT_ASSERT_MESSAGE(where, isString(j, "record_id"));
                CPPUNIT_ASSERT_MESSAGE(where, arr(j, "community_ids") && arr(j, "community_ids")->size() > 0);
            } else if (l.op == "bulk_add") {
                CPPUNIT_ASSERT_MESSAGE(where, isString(j, "community_id"));
                CPPUNIT_ASSERT_MESSAGE(where, arr(j, "record_ids") && arr(j, "record_ids")->size() > 0);
            } else if (l.op == "accept_request") {
                const auto q = obj(j, "request");
                CPPUNIT_ASSERT_MESSAGE(where, isString(q, "type"));
                CPPUNIT_ASSERT_MESSAGE(where, isString(obj(q, "receiver"), "community"));
                CPPUNIT_ASSERT_MESSAGE(where, isString(obj(q, "topic"), "record"));
            } else if (l.op == "delete" || l.op == "restore") {
                CPPUNIT_ASSERT_MESSAGE(where, isString(j, "record_id"));
            } else if (l.op == "view") {
                CPPUNIT_ASSERT_MESSAGE(where, isString(j, "recid"));
                CPPUNIT_ASSERT_MESSAGE(where, !j->has("file_key"));
            } else if (l.op == "download") {
                CPPUNIT_ASSERT_MESSAGE(where, isString(j, "recid") && isString(j, "file_key"));
                CPPUNIT_ASSERT_MESSAGE(where, !j->has("via_api"));
            } else {
                CPPUNIT_FAIL(where + ": unexpected op");
            }
            // No top-level field is written as null: optional fields are left out instead.
            for (const auto& name : j->getNames()) CPPUNIT_ASSERT_MESSAGE(where + " " + name, !j->isNull(name));
        }
    }

    void summaryMatchesARecount() {
        for (std::uint64_t seed : {1u, 2u}) {
            const Stream& s = smallStream(seed);
            const DemoSummary& sum = s.summary;
            const ReplayReport r = replay(s);
            auto count = [&](const char* op) {
                auto it = r.ops.find(op);
                return it == r.ops.end() ? std::uint64_t(0) : it->second;
            };
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(s.lines.size()), sum.lines);
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(s.text.size()), sum.bytes);
            CPPUNIT_ASSERT_EQUAL(count("community"), sum.communities);
            CPPUNIT_ASSERT_EQUAL(count("publish"), sum.records);
            CPPUNIT_ASSERT_EQUAL(r.parents, sum.parents);
            CPPUNIT_ASSERT_EQUAL(r.newVersions, sum.versions);
            CPPUNIT_ASSERT_EQUAL(sum.records, sum.parents + sum.versions);
            CPPUNIT_ASSERT_EQUAL(r.versionCommunityChanges, sum.versionCommunityChanges);
            CPPUNIT_ASSERT_EQUAL(count("add"), sum.adds);
            CPPUNIT_ASSERT_EQUAL(count("bulk_add"), sum.bulkAdds);
            CPPUNIT_ASSERT_EQUAL(count("remove"), sum.removes);
            CPPUNIT_ASSERT_EQUAL(count("accept_request"), sum.acceptRequests);
            CPPUNIT_ASSERT_EQUAL(count("add") + count("bulk_add") + count("remove") + count("accept_request"),
                                 sum.membershipOps);
            CPPUNIT_ASSERT_EQUAL(count("delete"), sum.deletions);
            CPPUNIT_ASSERT_EQUAL(count("restore"), sum.restorations);
            CPPUNIT_ASSERT_EQUAL(count("view"), sum.views);
            CPPUNIT_ASSERT_EQUAL(count("download"), sum.downloads);
            CPPUNIT_ASSERT_EQUAL(r.firstAt, sum.firstAt);
            CPPUNIT_ASSERT_EQUAL(r.lastAt, sum.lastAt);
        }
    }

    void allTimesLieInsideThePeriod() {
        const Stream& s = smallStream();
        // small: two years ending on the fixed default end date.
        CPPUNIT_ASSERT_EQUAL(std::string("2024-01-01T00:00:00Z"), s.summary.firstAt);
        for (const auto& l : s.lines) {
            CPPUNIT_ASSERT(l.at >= "2024-01-01T00:00:00Z");
            CPPUNIT_ASSERT(l.at <= "2025-12-31T23:59:59Z");
        }
    }

    void customPeriodIsHonoured() {
        DemoOptions o;
        o.startDate = "2021-03-15";
        o.endDate = "2021-09-30";
        o.records = 80;
        o.usageEvents = 900;
        o.communities = 3;
        const Stream s = generate(o);
        assertValid(s);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), s.summary.communities);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(80), s.summary.records);
        CPPUNIT_ASSERT_EQUAL(std::uint64_t(900), s.summary.views + s.summary.downloads);
        CPPUNIT_ASSERT_EQUAL(std::string("2021-03-15T00:00:00Z"), s.summary.firstAt);
        CPPUNIT_ASSERT(s.summary.lastAt <= std::string("2021-09-30T23:59:59Z"));
        CPPUNIT_ASSERT(s.summary.lastAt >= std::string("2021-09-01T00:00:00Z"));

        DemoOptions startOnly;
        startOnly.startDate = "2019-06-01";  // small = two years from the start
        const Stream t = generate(startOnly, false);
        CPPUNIT_ASSERT_EQUAL(std::string("2019-06-01T00:00:00Z"), t.summary.firstAt);
        CPPUNIT_ASSERT(t.summary.lastAt <= std::string("2021-05-31T23:59:59Z"));
        CPPUNIT_ASSERT(t.summary.lastAt >= std::string("2021-05-01T00:00:00Z"));
    }

    void badOptionsAreRejectedBeforeWriting() {
        const auto rejects = [](const DemoOptions& o) {
            std::ostringstream out;
            try {
                DemoGenerator().generate(o, out);
            } catch (const std::invalid_argument&) {
                return out.str().empty();
            }
            return false;
        };
        DemoOptions o;
        o.startDate = "2024-02-30";
        CPPUNIT_ASSERT(rejects(o));
        o.startDate = "2024-01-01";
        o.endDate = "2023-12-01";
        CPPUNIT_ASSERT(rejects(o));
        o.endDate = "2024-01-03";  // shorter than a week
        CPPUNIT_ASSERT(rejects(o));
        o = DemoOptions();
        o.endDate = "31.12.2024";
        CPPUNIT_ASSERT(rejects(o));
        o = DemoOptions();
        o.communities = 60000;
        CPPUNIT_ASSERT(rejects(o));
        CPPUNIT_ASSERT_THROW(parseScale("huge"), std::invalid_argument);
        CPPUNIT_ASSERT(parseScale("medium") == Scale::Medium);
        CPPUNIT_ASSERT_EQUAL(std::string("large"), scaleName(Scale::Large));
    }

    void failingOutputThrows() {
        std::ofstream out("/nonexistent-dir/demo.ndjson");
        CPPUNIT_ASSERT(!out);
        CPPUNIT_ASSERT_THROW(DemoGenerator().generate(DemoOptions(), out), std::runtime_error);
    }

    void replayCatchesBrokenStreams() {
        // The checker itself must be able to fail: a valid prefix of the stream passes, and each
        // single corruption of it is reported.
        const auto reparse = [](const std::vector<std::string>& lines) {
            Stream s;
            std::size_t n = 0;
            Poco::JSON::Parser parser;
            for (const auto& t : lines) {
                s.text += t + "\n";
                Line l;
                l.number = ++n;
                l.text = t;
                try {
                    parser.reset();
                    auto v = parser.parse(t);
                    l.json = v.extract<Poco::JSON::Object::Ptr>();
                } catch (...) {
                }
                l.op = str(l.json, "op");
                l.at = str(l.json, "at");
                s.lines.push_back(l);
            }
            return s;
        };
        const auto lines = splitLines(smallStream().text);
        std::vector<std::string> prefix;  // the communities and the first publish
        for (const auto& l : lines) {
            prefix.push_back(l);
            if (l.find("\"op\":\"publish\"") != std::string::npos) break;
        }
        const Stream valid = reparse(prefix);
        CPPUNIT_ASSERT(replay(valid).errors.empty());
        const std::string recid = str(obj(valid.lines.back().json, "record"), "id");
        const std::string at = valid.lines.back().at;

        auto withLine = [&](const std::string& extra, bool beforePublish) {
            auto v = prefix;
            v.insert(beforePublish ? v.end() - 1 : v.end(), extra);
            return replay(reparse(v)).errors.size();
        };
        const std::string view = "{\"op\":\"view\",\"at\":\"" + at + "\",\"recid\":\"" + recid + "\"}";
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), withLine(view, false));
        CPPUNIT_ASSERT(withLine(view, true) > 0);                                         // hit before publish
        CPPUNIT_ASSERT(withLine(view.substr(1), false) > 0);                              // malformed JSON
        CPPUNIT_ASSERT(withLine("{\"op\":\"restore\",\"at\":\"" + at + "\",\"record_id\":\"" + recid + "\"}", false) > 0);
        CPPUNIT_ASSERT(withLine("{\"op\":\"view\",\"at\":\"2000-01-01T00:00:00Z\",\"recid\":\"" + recid + "\"}", false) > 0);
        CPPUNIT_ASSERT(withLine("{\"op\":\"download\",\"at\":\"" + at + "\",\"recid\":\"" + recid +
                                    "\",\"file_key\":\"no-such-file.bin\"}", false) > 0);
        CPPUNIT_ASSERT(withLine("{\"op\":\"add\",\"at\":\"" + at + "\",\"record_id\":\"" + recid +
                                    "\",\"community_ids\":[\"00000000-0000-4000-8000-000000000000\"]}", false) > 0);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DemoValidityTest);
