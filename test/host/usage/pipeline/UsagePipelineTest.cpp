// Each processing rule of SEMANTICS.md §6 through the pipeline, with hand-computed expectations,
// on SQLite and PostgreSQL.
#include <cppunit/extensions/HelperMacros.h>

#include <sstream>

#include <Poco/JSON/Parser.h>

#include "../../services/ServiceHarness.h"
#include "records/Dates.h"
#include "services/ServiceError.h"
#include "usage/pipeline/Attribution.h"
#include "usage/pipeline/UsagePipeline.h"
#include "usage/store/IngestWriter.h"

using namespace statshost;
using namespace statshost::test;
using namespace statshost::usage;

namespace {

const char* kBrowser = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

/// Classifiers from the shipped data, plus a machine list that is not also a robot pattern (with
/// the shipped lists every machine agent is a robot, so the flag could not be observed).
Classifiers testClassifiers() {
    auto cfg = ClassifierConfig::forDataDir(std::string(STATSHOST_SOURCE_DIR) + "/conf/data");
    cfg.geoipV4 = fixturePath("usage/geoip_v4_ranges.txt");
    cfg.geoipV6 = "";
    auto c = loadClassifiers(cfg);
    return Classifiers{std::move(c.robots), MachineMatcher({"^ScholarHarvester/"}), std::move(c.countries),
                       std::move(c.countryNames)};
}

struct Fixture {
    ServiceHarness& h;
    Classifiers classifiers = testClassifiers();
    VisitorHasher hasher{"test-secret"};
    UsageStore store;
    UsagePipeline pipeline{classifiers, hasher, store};

    explicit Fixture(ServiceHarness& harness) : h(harness) {
        UsageStore::createSchema(h.storage().database());
        h.at("2024-01-01T00:00:00Z");
        h.community("c-a", "alpha");
        h.community("c-b", "beta");
        h.publish(recordJson("r1", "p1", "2024-01-01T00:00:00Z", "c-a"));
    }

    static std::vector<Parsed<RawHit>> parsed(const std::vector<std::string>& jsons, EventType type = EventType::View) {
        std::vector<Parsed<RawHit>> hits(jsons.size());
        for (std::size_t i = 0; i < jsons.size(); ++i) {
            try {
                hits[i].value = parseRawHit(type, Poco::JSON::Parser().parse(jsons[i]).extract<Poco::JSON::Object::Ptr>(),
                                            std::nullopt);
            } catch (const std::exception& e) {
                hits[i].error = e.what();
            }
        }
        return hits;
    }

    /// Prepared outside, stored through an IngestWriter transaction (the HTTP path on SQLite).
    BatchResult rawViaWriter(IngestWriter& writer, const std::vector<std::string>& jsons, bool atomic = false) {
        const auto hits = parsed(jsons);
        auto prepared = pipeline.prepareRaw(hits, pipeline.cachedLookupIn(h.storage().database()));
        BatchResult r;
        writer.transaction([&](storage::Connection& c) {
            repository::RepositoryTx repo(c, h.clock());
            r = pipeline.commitRaw(c, repo, hits, std::move(prepared), atomic);
        });
        return r;
    }

    BatchResult raw(const std::vector<std::string>& jsons, EventType type = EventType::View, bool atomic = false) {
        const auto hits = parsed(jsons, type);
        BatchResult r;
        h.services().transaction(h.clock(), [&](services::ServiceTx& tx) { r = pipeline.ingestRaw(tx, hits, atomic); });
        return r;
    }

    std::vector<UsageEvent> stored() {
        std::vector<UsageEvent> out;
        UsageStore::scanDays(h.storage().database(), 0, 100000, [&](const UsageEvent& e) { out.push_back(e); });
        return out;
    }
};

/// A view of r1 by 192.0.2.1 with a browser agent; `extra` fields are added or replace these.
std::string view(const std::string& ts, const std::string& extra = "") {
    auto obj = Poco::JSON::Parser()
                   .parse("{\"timestamp\":\"" + ts + "\",\"recid\":\"r1\",\"ip\":\"192.0.2.1\",\"user_agent\":\"" +
                          kBrowser + "\"}")
                   .extract<Poco::JSON::Object::Ptr>();
    if (!extra.empty()) {
        auto more = Poco::JSON::Parser().parse("{" + extra + "}").extract<Poco::JSON::Object::Ptr>();
        for (const auto& kv : *more) obj->set(kv.first, kv.second);
    }
    std::ostringstream out;
    obj->stringify(out);
    return out.str();
}

void onBothBackends(const std::function<void(Fixture&)>& body) {
    SqliteBackend sqlite;
    PostgresBackend postgres;
    for (TestBackend* b : {static_cast<TestBackend*>(&sqlite), static_cast<TestBackend*>(&postgres)}) {
        if (!b->available()) continue;
        ServiceHarness h(*b);
        Fixture f(h);
        body(f);
    }
}

}  // namespace

class UsagePipelineTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(UsagePipelineTest);
    CPPUNIT_TEST(robotsAreDroppedBrowsersKept);
    CPPUNIT_TEST(machinesAreFlaggedAndCounted);
    CPPUNIT_TEST(apiViewsDroppedApiDownloadsKept);
    CPPUNIT_TEST(doubleClickWithinTenSecondsCountsOnce);
    CPPUNIT_TEST(elevenSecondsApartCountTwice);
    CPPUNIT_TEST(hourChangeMakesANewIpAgentVisitor);
    CPPUNIT_TEST(userIdBeatsSessionBeatsIp);
    CPPUNIT_TEST(countryFromEventOrGeoip);
    CPPUNIT_TEST(referrerHostAndDownloadFields);
    CPPUNIT_TEST(badEventsAreReportedByIndex);
    CPPUNIT_TEST(atomicBatchStoresNothingOnError);
    CPPUNIT_TEST(preparedOutsideTheTransactionSeesRecordsPublishedBeforeCommit);
    CPPUNIT_TEST(processedExportsAreTrusted);
    CPPUNIT_TEST(attributionFollowsMembershipAtTheEventInstant);
    CPPUNIT_TEST(ingestWriterStoresLikeAServiceTransaction);
    CPPUNIT_TEST_SUITE_END();

public:
    void robotsAreDroppedBrowsersKept() {
        onBothBackends([](Fixture& f) {
            auto r = f.raw({view("2024-01-02T10:00:00Z"), view("2024-01-02T11:00:00Z", "\"user_agent\":\"curl/8.0\""),
                            view("2024-01-02T12:00:00Z", "\"user_agent\":\"python-requests/2.31\""),
                            view("2024-01-02T13:00:00Z", "\"user_agent\":\"\"")});
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), r.accepted);
            CPPUNIT_ASSERT_EQUAL(std::size_t(3), r.robots);
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), f.stored().size());
            auto status = UsageStore::status(f.h.storage().database());
            CPPUNIT_ASSERT_EQUAL(std::int64_t(3), status.at(0).robots);
        });
    }

    void machinesAreFlaggedAndCounted() {
        onBothBackends([](Fixture& f) {
            f.raw({view("2024-01-02T10:00:00Z", "\"user_agent\":\"ScholarHarvester/2.0 (+https://example.org)\"")});
            auto events = f.stored();
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), events.size());
            CPPUNIT_ASSERT(events[0].isMachine);
        });
    }

    void apiViewsDroppedApiDownloadsKept() {
        onBothBackends([](Fixture& f) {
            auto r = f.raw({view("2024-01-02T10:00:00Z", "\"via_api\":true")});
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), r.apiViews);
            r = f.raw({view("2024-01-02T10:00:00Z", "\"via_api\":true,\"file_key\":\"a.csv\"")}, EventType::Download);
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), r.accepted);
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), f.stored().size());
        });
    }

    void doubleClickWithinTenSecondsCountsOnce() {
        onBothBackends([](Fixture& f) {
            auto r = f.raw({view("2024-01-02T10:00:01Z", "\"referrer\":\"https://first.example/\""),
                            view("2024-01-02T10:00:08Z", "\"referrer\":\"https://second.example/\"")});
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), r.counters.suppressed);
            auto events = f.stored();
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), events.size());
            // The survivor is the last click, with its own fields.
            CPPUNIT_ASSERT_EQUAL(std::string("second.example"), events[0].referrerHost);
            CPPUNIT_ASSERT_EQUAL(*records::parseTimestampMicros("2024-01-02T10:00:08Z"), events[0].timestampMicros);
        });
    }

    void elevenSecondsApartCountTwice() {
        onBothBackends([](Fixture& f) {
            f.raw({view("2024-01-02T10:00:00Z"), view("2024-01-02T10:00:11Z")});
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), f.stored().size());
        });
    }

    void hourChangeMakesANewIpAgentVisitor() {
        onBothBackends([](Fixture& f) {
            f.raw({view("2024-01-02T10:59:50Z"), view("2024-01-02T11:00:20Z"), view("2024-01-02T11:30:00Z")});
            auto events = f.stored();
            CPPUNIT_ASSERT_EQUAL(std::size_t(3), events.size());
            CPPUNIT_ASSERT(events[0].visitorId != events[1].visitorId);  // 10h vs 11h
            CPPUNIT_ASSERT_EQUAL(events[1].visitorId, events[2].visitorId);
            for (const auto& e : events) {
                CPPUNIT_ASSERT_EQUAL(std::size_t(32), e.visitorId.size());
                CPPUNIT_ASSERT(e.visitorId.find("192.0.2.1") == std::string::npos);
            }
        });
    }

    void userIdBeatsSessionBeatsIp() {
        onBothBackends([](Fixture& f) {
            f.raw({view("2024-01-02T10:00:00Z", "\"user_id\":7,\"session_id\":\"s1\""),
                   view("2024-01-02T12:00:00Z", "\"user_id\":\"7\",\"ip\":\"198.51.100.9\""),
                   view("2024-01-02T14:00:00Z", "\"session_id\":\"s1\"")});
            auto events = f.stored();
            CPPUNIT_ASSERT_EQUAL(std::size_t(3), events.size());
            CPPUNIT_ASSERT_EQUAL(events[0].visitorId, events[1].visitorId);  // 7 == "7", ip ignored
            CPPUNIT_ASSERT(events[2].visitorId != events[0].visitorId);     // session only
        });
    }

    void countryFromEventOrGeoip() {
        onBothBackends([](Fixture& f) {
            f.raw({view("2024-01-02T10:00:00Z", "\"country\":\"de\""),                       // given, normalised
                   view("2024-01-02T11:00:00Z", "\"ip\":\"3.0.3.77\""),                   // fixture range → FR
                   view("2024-01-02T12:00:00Z", "\"ip\":\"198.18.0.1\""),                     // no range
                   view("2024-01-02T13:00:00Z", "\"country\":\"XX\",\"ip\":\"3.0.3.77\"")});  // invalid code → none
            auto events = f.stored();
            CPPUNIT_ASSERT_EQUAL(std::string("DE"), events[0].country);
            CPPUNIT_ASSERT_EQUAL(std::string("FR"), events[1].country);
            CPPUNIT_ASSERT_EQUAL(std::string(""), events[2].country);
            CPPUNIT_ASSERT_EQUAL(std::string(""), events[3].country);
        });
    }

    void referrerHostAndDownloadFields() {
        onBothBackends([](Fixture& f) {
            f.raw({view("2024-01-02T10:00:00Z", "\"file_key\":\"a.csv\",\"referrer\":\"https://User@WWW.Example.org:8443/x\"")},
                  EventType::Download);
            f.raw({view("2024-01-02T10:00:00Z", "\"file_key\":\"other.TXT\",\"size\":\"55\",\"bucket_id\":\"b9\"")},
                  EventType::Download);
            auto events = f.stored();
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), events.size());
            const auto& a = events[0].fileKey == "a.csv" ? events[0] : events[1];
            const auto& b = events[0].fileKey == "a.csv" ? events[1] : events[0];
            CPPUNIT_ASSERT_EQUAL(std::string("www.example.org"), a.referrerHost);
            CPPUNIT_ASSERT_EQUAL(std::int64_t(100), a.size);  // from the record's entry
            CPPUNIT_ASSERT_EQUAL(std::string("csv"), a.fileType);
            CPPUNIT_ASSERT_EQUAL(std::string("r1/a.csv"), a.fileId);
            CPPUNIT_ASSERT_EQUAL(std::string("r1_r1/a.csv"), a.uniqueId);
            CPPUNIT_ASSERT_EQUAL(std::string("p1"), a.parentId);
            CPPUNIT_ASSERT_EQUAL(std::int64_t(55), b.size);  // given
            CPPUNIT_ASSERT_EQUAL(std::string("txt"), b.fileType);
            CPPUNIT_ASSERT_EQUAL(std::string("b9_r1/other.TXT"), b.uniqueId);
        });
    }

    void badEventsAreReportedByIndex() {
        onBothBackends([](Fixture& f) {
            auto r = f.raw({view("2024-01-02T10:00:00Z"), "{\"timestamp\":\"yesterday\",\"recid\":\"r1\"}",
                            view("2024-01-02T12:00:00Z", "\"recid\":\"ghost\""), "{\"recid\":\"r1\"}"});
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), r.accepted);
            CPPUNIT_ASSERT_EQUAL(std::size_t(3), r.rejected);
            CPPUNIT_ASSERT(r.outcomes[1].message.find("timestamp") != std::string::npos);
            CPPUNIT_ASSERT(r.outcomes[2].message.find("unknown record 'ghost'") != std::string::npos);
            CPPUNIT_ASSERT(r.outcomes[3].message.find("timestamp: missing") != std::string::npos);
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), f.stored().size());
        });
    }

    void atomicBatchStoresNothingOnError() {
        onBothBackends([](Fixture& f) {
            try {
                f.raw({view("2024-01-02T10:00:00Z"), view("2024-01-02T12:00:00Z", "\"recid\":\"ghost\"")},
                      EventType::View, true);
                CPPUNIT_FAIL("expected an error");
            } catch (const HttpError& e) {
                CPPUNIT_ASSERT(std::string(e.what()).find("events[1]") != std::string::npos);
            }
            CPPUNIT_ASSERT(f.stored().empty());
        });
    }

    void preparedOutsideTheTransactionSeesRecordsPublishedBeforeCommit() {
        onBothBackends([](Fixture& f) {
            std::vector<Parsed<RawHit>> hits(2);
            for (const char* rec : {"r1", "r2"}) {
                auto obj = Poco::JSON::Parser().parse(view("2024-01-02T10:00:00Z", std::string("\"recid\":\"") + rec + "\""));
                hits[rec[1] == '1' ? 0 : 1].value =
                    parseRawHit(EventType::View, obj.extract<Poco::JSON::Object::Ptr>(), std::nullopt);
            }
            // Prepared through a pooled connection, outside any transaction: r2 does not exist yet.
            auto prepared = f.pipeline.prepareRaw(hits, UsagePipeline::lookupIn(f.h.storage().database()));
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), prepared.rejected);
            CPPUNIT_ASSERT(prepared.unknownRecords);
            f.h.publish(recordJson("r2", "p2", "2024-01-01T00:00:00Z", "c-b"));
            BatchResult r;
            f.h.services().transaction(f.h.clock(), [&](services::ServiceTx& tx) {
                r = f.pipeline.commitRaw(tx, hits, std::move(prepared), true);  // atomic: would throw for a miss
            });
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), r.accepted);
            CPPUNIT_ASSERT_EQUAL(std::size_t(0), r.rejected);
            auto events = f.stored();
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), events.size());
            CPPUNIT_ASSERT_EQUAL(std::string("p2"), events[0].recordId == "r2" ? events[0].parentId : events[1].parentId);
        });
    }

    void processedExportsAreTrusted() {
        onBothBackends([](Fixture& f) {
            auto doc = [](const std::string& json) {
                Parsed<ProcessedDoc> p;
                p.value = parseProcessedDoc(EventType::View, Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>());
                return p;
            };
            std::vector<Parsed<ProcessedDoc>> docs = {
                doc(R"({"timestamp":"2024-01-03T10:00:00","recid":"r1","visitor_id":"v1","country":"US","is_machine":true})"),
                doc(R"({"timestamp":"2024-01-03T10:00:04","recid":"r1","visitor_id":"v1","country":"US"})"),
                doc(R"({"timestamp":"2024-01-03T11:00:00","recid":"r1","visitor_id":"v2","is_robot":true})"),
                doc(R"({"timestamp":"2024-01-03T12:00:00","recid":"r1","visitor_id":"v3","via_api":true})")};
            BatchResult r;
            f.h.services().transaction(f.h.clock(), [&](services::ServiceTx& tx) { r = f.pipeline.ingestProcessed(tx, docs, false); });
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), r.robots);
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), r.apiViews);
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), r.counters.suppressed);
            auto events = f.stored();
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), events.size());
            CPPUNIT_ASSERT_EQUAL(std::string("v1"), events[0].visitorId);
            CPPUNIT_ASSERT_EQUAL(std::string("US"), events[0].country);
        });
    }

    void attributionFollowsMembershipAtTheEventInstant() {
        onBothBackends([](Fixture& f) {
            // r1 is in c-a from 2024-01-01; moves to c-b on 2024-02-01 12:00.
            f.h.at("2024-02-01T12:00:00Z");
            f.h.call([](auto& tx) { return tx.add("r1", {"c-b"}); });
            f.h.call([](auto& tx) { return tx.remove("r1", {"c-a"}); });
            f.h.call([&](services::ServiceTx& tx) {
                MembershipIntervals m(tx.repository().eventsOf("r1"));
                auto at = [&](const char* iso) { return m.at(*records::parseTimestampMicros(iso)); };
                CPPUNIT_ASSERT(at("2024-01-15T00:00:00Z") == std::vector<std::string>{"c-a"});
                CPPUNIT_ASSERT(at("2024-02-01T11:59:59Z") == std::vector<std::string>{"c-a"});
                CPPUNIT_ASSERT(at("2024-02-01T12:00:00Z") == std::vector<std::string>{"c-b"});  // half-open
                CPPUNIT_ASSERT(at("2023-12-31T23:59:59Z").empty());
                return services::Outcome{};
            });
            // Deleted on 2024-03-01: nothing after; restored: membership is back for all history.
            f.h.at("2024-03-01T00:00:00Z");
            f.h.call([](auto& tx) { return tx.deleteRecord("r1"); });
            f.h.call([&](services::ServiceTx& tx) {
                MembershipIntervals m(tx.repository().eventsOf("r1"));
                CPPUNIT_ASSERT(m.at(*records::parseTimestampMicros("2024-03-02T00:00:00Z")).empty());
                CPPUNIT_ASSERT(m.at(*records::parseTimestampMicros("2024-02-15T00:00:00Z")) == std::vector<std::string>{"c-b"});
                return services::Outcome{};
            });
            f.h.at("2024-04-01T00:00:00Z");
            f.h.call([](auto& tx) { return tx.restoreRecord("r1"); });
            f.h.call([&](services::ServiceTx& tx) {
                MembershipIntervals m(tx.repository().eventsOf("r1"));
                CPPUNIT_ASSERT(m.at(*records::parseTimestampMicros("2024-03-02T00:00:00Z")) == std::vector<std::string>{"c-b"});
                return services::Outcome{};
            });
        });
    }

    /// The IngestWriter path (HTTP ingest on SQLite) reports and stores what a service transaction does:
    /// bad events by index, atomic batches all or nothing, double clicks merged with events stored either way.
    void ingestWriterStoresLikeAServiceTransaction() {
        onBothBackends([](Fixture& f) {
            IngestWriter writer(f.h.storage().database());
            const std::vector<std::string> batch = {view("2024-01-02T10:00:00Z"),
                                                    view("2024-01-02T10:00:00Z", "\"recid\":\"ghost\""),
                                                    view("2024-01-02T12:00:00Z")};
            bool refused = false;
            try {
                f.rawViaWriter(writer, batch, true);
            } catch (const statshost::services::ServiceError& e) {
                refused = std::string(e.what()).find("events[1]") != std::string::npos;
            }
            CPPUNIT_ASSERT(refused);
            CPPUNIT_ASSERT_EQUAL(std::size_t(0), f.stored().size());
            const BatchResult r = f.rawViaWriter(writer, batch);
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), r.accepted);
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), r.rejected);
            CPPUNIT_ASSERT(r.outcomes.at(1).kind == HitOutcome::Kind::Rejected);
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), r.counters.stored);
            // Double clicks of the stored ones through a service transaction: they replace them (at least as
            // late), the table does not grow — the ids computed on either path are the same.
            const BatchResult again = f.raw({view("2024-01-02T10:00:05Z"), view("2024-01-02T12:00:00Z")});
            CPPUNIT_ASSERT_EQUAL(again.counters.stored, again.counters.replaced);
            const auto events = f.stored();
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), events.size());
            for (const auto& e : events) {
                CPPUNIT_ASSERT_EQUAL(std::string("r1"), e.recordId);
                CPPUNIT_ASSERT_EQUAL(e.visitorId, e.sessionId);  // anonymous: one identity, hashed once
            }
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(UsagePipelineTest);
