// HostAggregationSource: the change counter and feed, usage scans and day range, country labels.
#include <cppunit/extensions/HelperMacros.h>

#include "AggregationTestSupport.h"
#include "aggregation/HostAggregationSource.h"
#include "services/ServiceTx.h"
#include "support/TestEnv.h"

using namespace statshost;
using namespace statshost::test;

namespace {

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
    return out;
}

std::string days(const std::vector<std::int64_t>& numbers) {
    std::vector<std::string> texts;
    for (std::int64_t d : numbers) texts.push_back(std::to_string(d));
    return joined(texts);
}

std::string describe(const UsageFact& f) {
    return std::string(f.download ? "download " : "view ") + std::to_string(f.timestampMicros) + " " +
           std::to_string(f.day) + " " + f.recordId + " " + f.parentId + " " + f.visitorId + " [" + f.country + "] [" +
           f.referrerHost + "] " + (f.isMachine ? "machine " : "") + f.fileId + " " + f.fileType + " " +
           std::to_string(f.size);
}

}  // namespace

class SourceChangesTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(SourceChangesTest);
    CPPUNIT_TEST(feedNamesWhatEachChangeTouched);
    CPPUNIT_TEST(feedOfTheWholeHistory);
    CPPUNIT_TEST(usageScanAndDayRange);
    CPPUNIT_TEST(countryLabelsFromIsoCodes);
    CPPUNIT_TEST(missingIsoCodesWarnOnce);
    CPPUNIT_TEST_SUITE_END();

public:
    void feedNamesWhatEachChangeTouched() {
        onEachBackend([](TestBackend& b) {
            ServiceHarness h(b);
            aggregation::ensureSourceTables(h.storage().database());
            aggregation::HostAggregationSource source(h.storage().database(), "");
            h.community("c-a", "alpha");
            h.community("c-b", "beta");

            // Each step: what changed since the number taken right before it.
            auto step = [&](const std::function<void()>& change) {
                const std::int64_t before = source.currentChangeSeq();
                change();
                ChangeFeed feed = source.changesSince(before);
                CPPUNIT_ASSERT_EQUAL(before, feed.fromSeq);
                CPPUNIT_ASSERT_EQUAL(source.currentChangeSeq(), feed.toSeq);
                CPPUNIT_ASSERT(feed.toSeq > before);
                return feed;
            };
            ChangeFeed f = step([&] { h.publish(recordJson("r1", "p1", "2024-02-01T00:00:00Z", "c-a")); });
            CPPUNIT_ASSERT_EQUAL(std::string("r1"), joined(f.recordIds));
            CPPUNIT_ASSERT(f.usageDays.empty());
            CPPUNIT_ASSERT(!f.communitiesChanged);

            // A new version (communities unchanged): only the new record.
            f = step([&] { h.publish(recordJson("r2", "p1", "2024-02-02T00:00:00Z")); });
            CPPUNIT_ASSERT_EQUAL(std::string("r2"), joined(f.recordIds));

            // Membership is the parent's: every version of it changed.
            f = step([&] { h.call([](services::ServiceTx& tx) { return tx.add("r1", {"c-b"}); }); });
            CPPUNIT_ASSERT_EQUAL(std::string("r1,r2"), joined(f.recordIds));
            f = step([&] { h.call([](services::ServiceTx& tx) { return tx.remove("r2", {"c-b"}); }); });
            CPPUNIT_ASSERT_EQUAL(std::string("r1,r2"), joined(f.recordIds));

            // Deletion: the record row and its events.
            h.publish(recordJson("r3", "p3", "2024-02-03T00:00:00Z"));
            f = step([&] { h.call([](services::ServiceTx& tx) { return tx.deleteRecord("r3"); }); });
            CPPUNIT_ASSERT_EQUAL(std::string("r3"), joined(f.recordIds));
            CPPUNIT_ASSERT(!f.communitiesChanged);

            f = step([&] { h.community("c-a", "alpha-renamed"); });
            CPPUNIT_ASSERT(f.recordIds.empty());
            CPPUNIT_ASSERT(f.communitiesChanged);

            // Usage: the days of the events, also a day that lost its survivor to a later click.
            f = step([&] {
                storeUsage(h, {viewEvent("r1", "p1", "v1", "2024-03-07T10:00:00Z"),
                               viewEvent("r2", "p1", "v1", "2024-03-05T10:00:00Z")});
            });
            CPPUNIT_ASSERT(f.recordIds.empty());
            CPPUNIT_ASSERT_EQUAL(days({dayNumber("2024-03-05"), dayNumber("2024-03-07")}), days(f.usageDays));

            // Nothing since the current number.
            const std::int64_t now = source.currentChangeSeq();
            f = source.changesSince(now);
            CPPUNIT_ASSERT_EQUAL(now, f.fromSeq);
            CPPUNIT_ASSERT_EQUAL(now, f.toSeq);
            CPPUNIT_ASSERT(f.recordIds.empty() && f.usageDays.empty() && !f.communitiesChanged);
        });
    }

    void feedOfTheWholeHistory() {
        onEachBackend([](TestBackend& b) {
            ServiceHarness h(b);
            aggregation::ensureSourceTables(h.storage().database());
            aggregation::HostAggregationSource source(h.storage().database(), "");
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), source.currentChangeSeq());
            ChangeFeed empty = source.changesSince(0);
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), empty.toSeq);
            CPPUNIT_ASSERT(empty.recordIds.empty() && empty.usageDays.empty() && !empty.communitiesChanged);

            h.community("c-a", "alpha");
            h.publish(recordJson("rb", "pb", "2024-02-01T00:00:00Z", "c-a"));
            h.publish(recordJson("ra", "pa", "2024-02-01T00:00:00Z"));
            storeUsage(h, {viewEvent("ra", "pa", "v1", "2024-03-01T00:00:00Z")});
            const std::int64_t middle = source.currentChangeSeq();
            storeUsage(h, {viewEvent("ra", "pa", "v1", "2024-03-02T00:00:00Z")});

            ChangeFeed all = source.changesSince(0);
            CPPUNIT_ASSERT_EQUAL(source.currentChangeSeq(), all.toSeq);
            CPPUNIT_ASSERT_EQUAL(std::string("ra,rb"), joined(all.recordIds));
            CPPUNIT_ASSERT_EQUAL(days({dayNumber("2024-03-01"), dayNumber("2024-03-02")}), days(all.usageDays));
            CPPUNIT_ASSERT(all.communitiesChanged);

            ChangeFeed later = source.changesSince(middle);
            CPPUNIT_ASSERT(later.recordIds.empty());
            CPPUNIT_ASSERT_EQUAL(days({dayNumber("2024-03-02")}), days(later.usageDays));
            CPPUNIT_ASSERT(!later.communitiesChanged);
        });
    }

    void usageScanAndDayRange() {
        onEachBackend([](TestBackend& b) {
            ServiceHarness h(b);
            aggregation::ensureSourceTables(h.storage().database());
            aggregation::HostAggregationSource source(h.storage().database(), "");
            auto range = source.usageDayRange();
            CPPUNIT_ASSERT_EQUAL(std::int64_t(0), range.first);
            CPPUNIT_ASSERT_EQUAL(std::int64_t(-1), range.second);

            usage::UsageEvent machine = viewEvent("r2", "p2", "v3", "2024-03-06T00:00:00Z");
            machine.isMachine = true;
            machine.country = "";
            storeUsage(h, {viewEvent("r1", "p1", "v1", "2024-03-07T10:00:00Z"),
                           downloadEvent("r1", "p1", "f1", "csv", 100, "v2", "2024-03-05T23:59:59Z"), machine});
            range = source.usageDayRange();
            CPPUNIT_ASSERT_EQUAL(dayNumber("2024-03-05"), range.first);
            CPPUNIT_ASSERT_EQUAL(dayNumber("2024-03-07"), range.second);

            std::vector<std::string> first, last;
            source.scanUsage(dayNumber("2024-03-05"), dayNumber("2024-03-06"),
                             [&](const UsageFact& f) { first.push_back(describe(f)); });
            source.scanUsage(dayNumber("2024-03-07"), dayNumber("2024-03-07"),
                             [&](const UsageFact& f) { last.push_back(describe(f)); });
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), first.size());
            CPPUNIT_ASSERT_EQUAL("download " + std::to_string(micros("2024-03-05T23:59:59Z")) + " " +
                                     std::to_string(dayNumber("2024-03-05")) + " r1 p1 v2 [] [] f1 csv 100",
                                 first[0]);
            CPPUNIT_ASSERT_EQUAL("view " + std::to_string(micros("2024-03-06T00:00:00Z")) + " " +
                                     std::to_string(dayNumber("2024-03-06")) + " r2 p2 v3 [] [example.org] machine   0",
                                 first[1]);
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), last.size());
            CPPUNIT_ASSERT_EQUAL("view " + std::to_string(micros("2024-03-07T10:00:00Z")) + " " +
                                     std::to_string(dayNumber("2024-03-07")) + " r1 p1 v1 [DE] [example.org]   0",
                                 last[0]);
            std::size_t none = 0;
            source.scanUsage(dayNumber("2024-03-08"), dayNumber("2024-12-31"), [&](const UsageFact&) { ++none; });
            CPPUNIT_ASSERT_EQUAL(std::size_t(0), none);
        });
    }

    void countryLabelsFromIsoCodes() {
        SqliteBackend b;
        ServiceHarness h(b);
        aggregation::HostAggregationSource source(h.storage().database(), fixturePath("usage/iso_3166-1_sample.json"));
        CPPUNIT_ASSERT_EQUAL(std::string("Taiwan"), source.countryLabel("TW"));  // common_name wins
        CPPUNIT_ASSERT_EQUAL(std::string("United States"), source.countryLabel("US"));
        CPPUNIT_ASSERT_EQUAL(std::string("XX"), source.countryLabel("XX"));
    }

    void missingIsoCodesWarnOnce() {
        SqliteBackend b;
        ServiceHarness h(b);
        LogCapture capture("statshost.aggregation");
        aggregation::HostAggregationSource source(h.storage().database(), b.dir().file("missing.json"));
        CPPUNIT_ASSERT_EQUAL(std::string("US"), source.countryLabel("US"));
        CPPUNIT_ASSERT_EQUAL(std::string("DE"), source.countryLabel("DE"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), capture.count("country labels unavailable"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), capture.count("missing.json"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SourceChangesTest);
