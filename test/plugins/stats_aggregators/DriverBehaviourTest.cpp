// AggregatorDriver (AggregatorDriver.h): catch-up ticks, ignoreBookmark, narrowed windows,
// updateBookmark = false, community selection, settings changes, contained errors, configuration,
// progress. Driven through the records families on both backends.
#include <cppunit/extensions/HelperMacros.h>

#include "AggregationHarness.h"
#include "CommunityEventsIndexAggregator.h"
#include "storage/FaultInjectingStore.h"

#include <Poco/Dynamic/Struct.h>

using namespace statshost;
using namespace statshost::test;
using aggregators::DateBasis;
using aggregators::RecordsKind;

namespace {

/// c1 and c2; one record per day 03-01..03-10 in c1 (odd days also in c2).
void tenDays(AggregationHarness& h) {
    h.community("c1");
    h.community("c2");
    for (int d = 1; d <= 10; ++d) {
        const std::string day = std::string("2024-03-") + (d < 10 ? "0" : "") + std::to_string(d);
        h.at(day + "T10:00:00Z");
        TestRecord r("r" + std::to_string(d), "p" + std::to_string(d));
        r.communities = d % 2 ? "c1,c2" : "c1";
        r.subjects = {{"s" + std::to_string(d % 3), "Subject " + std::to_string(d % 3)}};
        h.publish(r);
    }
}

void assertSameAsFresh(AggregationHarness& h, TestAggregation& agg, RecordsKind kind, DateBasis basis,
                       const std::string& asOf, const std::string& suffix) {
    auto fresh = h.make(kind, basis, suffix);
    CPPUNIT_ASSERT(h.run(fresh, asOf).errors.empty());
    CPPUNIT_ASSERT(h.storedWithoutTimestamps(agg.alias) == h.storedWithoutTimestamps(fresh.alias));
    for (const char* c : {"c1", "c2", "global"})
        CPPUNIT_ASSERT_EQUAL(h.dense(fresh.alias, c, "2024-01-01", asOf).size(),
                             h.dense(agg.alias, c, "2024-01-01", asOf).size());
}

std::string dirtyOf(AggregationHarness& h, const TestAggregation& agg, const std::string& community) {
    return h.bookmark(agg.name + "#dirty", community).value_or("-");
}

std::string bookmarkOf(AggregationHarness& h, const TestAggregation& agg, const std::string& community) {
    return h.bookmark(agg.name, community).value_or("-");
}

}  // namespace

class DriverBehaviourTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(DriverBehaviourTest);
    CPPUNIT_TEST(ticksCatchUpInBatches);
    CPPUNIT_TEST(ticksCrossEmptyYearsInOneRun);
    CPPUNIT_TEST(ignoreBookmarkRecomputesOnlyTheRequested);
    CPPUNIT_TEST(narrowedWindowKeepsDirtyAndBookmark);
    CPPUNIT_TEST(noBookmarkUpdateKeepsLaterDocumentsCovered);
    CPPUNIT_TEST(communitySelectionLosesNothingForOthers);
    CPPUNIT_TEST(earlierAsOfDeletesNothing);
    CPPUNIT_TEST(settingsChangeRecomputesEverything);
    CPPUNIT_TEST(storageErrorsAreContainedPerCommunity);
    CPPUNIT_TEST(runWithNothingNewWritesNoBookmark);
    CPPUNIT_TEST(configureValidatesTheEntry);
    CPPUNIT_TEST(progressCountsCommunities);
    CPPUNIT_TEST(eventsIndexAggregatorOnlyRegistersItsTemplate);
    CPPUNIT_TEST_SUITE_END();

public:
    void ticksCatchUpInBatches() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            tenDays(h);
            h.settings().catchupDays = 2;
            auto agg = h.make(RecordsKind::Delta, DateBasis::Added, "-tick");
            auto tick = [](AggregationRequest& r) { r.tick = true; };
            h.run(agg, "2024-03-10", tick);
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-02"), bookmarkOf(h, agg, "c1"));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-03"), dirtyOf(h, agg, "c1"));
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), h.stored(agg.alias, "c1").size());
            // c2 has documents on odd days only: its first window (2 days) holds one, the second one more.
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-04"), bookmarkOf(h, agg, "c2"));
            int ticks = 1;
            while (bookmarkOf(h, agg, "c1") != "2024-03-10" && ticks < 20) {
                h.run(agg, "2024-03-10", tick);
                ++ticks;
            }
            CPPUNIT_ASSERT_EQUAL(5, ticks);
            CPPUNIT_ASSERT_EQUAL(std::string("-"), dirtyOf(h, agg, "c1"));
            // A run that is not a tick completes at once, whatever the catch-up interval.
            assertSameAsFresh(h, agg, RecordsKind::Delta, DateBasis::Added, "2024-03-10", "-fresh");
        });
    }

    /// The catch-up budget counts days that hold documents: 1900 (floored) to 2024 is one tick.
    void ticksCrossEmptyYearsInOneRun() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            h.at("2024-03-01T10:00:00Z");
            TestRecord old("old", "p-old");
            old.publicationDate = "1850";
            h.publish(old);
            TestRecord now("now", "p-now");
            now.publicationDate = "2024-02-29";
            h.publish(now);
            auto agg = h.make(RecordsKind::Snapshot, DateBasis::Published, "-tick");
            h.run(agg, "2024-03-05", [](AggregationRequest& r) { r.tick = true; });
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-05"), bookmarkOf(h, agg, "global"));
            CPPUNIT_ASSERT_EQUAL(std::string("-"), dirtyOf(h, agg, "global"));
            CPPUNIT_ASSERT_EQUAL(std::size_t(2), h.stored(agg.alias, "global").size());
        });
    }

    void ignoreBookmarkRecomputesOnlyTheRequested() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            tenDays(h);
            auto agg = h.make(RecordsKind::Delta, DateBasis::Added, "-ib");
            h.run(agg, "2024-03-10");
            // Lose stored documents behind the driver's back: a normal run does not notice.
            h.storage().remove(agg.alias, DocumentRange{"c1", "2024-03-04", "2024-03-05"});
            h.storage().remove(agg.alias, DocumentRange{"c2", "2024-03-05", "2024-03-05"});
            h.run(agg, "2024-03-10");
            CPPUNIT_ASSERT_EQUAL(std::size_t(8), h.stored(agg.alias, "c1").size());
            h.run(agg, "2024-03-10", [](AggregationRequest& r) {
                r.ignoreBookmark = true;
                r.communityIds = {"c1"};
            });
            CPPUNIT_ASSERT_EQUAL(std::size_t(10), h.stored(agg.alias, "c1").size());
            CPPUNIT_ASSERT_EQUAL(std::size_t(4), h.stored(agg.alias, "c2").size());
            h.run(agg, "2024-03-10", [](AggregationRequest& r) { r.ignoreBookmark = true; });
            assertSameAsFresh(h, agg, RecordsKind::Delta, DateBasis::Added, "2024-03-10", "-fresh");
        });
    }

    /// A change dirties c1 from 03-01; a run narrowed to 03-06..03-08 leaves the marker and never
    /// moves the bookmark back; the next normal run repairs everything.
    void narrowedWindowKeepsDirtyAndBookmark() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            tenDays(h);
            auto agg = h.make(RecordsKind::Snapshot, DateBasis::Added, "-nw");
            h.run(agg, "2024-03-10");
            h.at("2024-03-03T12:00:00Z");
            h.deleteRecord("r1");
            h.run(agg, "2024-03-10", [](AggregationRequest& r) {
                r.startDay = "2024-03-06";
                r.endDay = "2024-03-08";
            });
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-10"), bookmarkOf(h, agg, "c1"));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01"), dirtyOf(h, agg, "c1"));
            // The narrowed window itself is current already.
            auto fresh = h.make(RecordsKind::Snapshot, DateBasis::Added, "-fr");
            h.run(fresh, "2024-03-10");
            CPPUNIT_ASSERT_EQUAL(intAt(h.day(fresh.alias, "c1", "2024-03-07"), "total_records.metadata_only"),
                                 intAt(h.day(agg.alias, "c1", "2024-03-07"), "total_records.metadata_only"));
            h.run(agg, "2024-03-10");
            CPPUNIT_ASSERT_EQUAL(std::string("-"), dirtyOf(h, agg, "c1"));
            CPPUNIT_ASSERT(h.storedWithoutTimestamps(agg.alias) == h.storedWithoutTimestamps(fresh.alias));
        });
    }

    void noBookmarkUpdateKeepsLaterDocumentsCovered() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            tenDays(h);
            auto agg = h.make(RecordsKind::Delta, DateBasis::Added, "-nb");
            h.run(agg, "2024-03-05");
            h.run(agg, "2024-03-10", [](AggregationRequest& r) { r.updateBookmark = false; });
            CPPUNIT_ASSERT_EQUAL(std::size_t(10), h.stored(agg.alias, "c1").size());
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-05"), bookmarkOf(h, agg, "c1"));
            CPPUNIT_ASSERT_EQUAL(std::size_t(5), h.dense(agg.alias, "c1", "2024-03-01", "2024-03-10").size());
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-06"), dirtyOf(h, agg, "c1"));
            // Later documents change behind the bookmark; the marker makes the next run redo them.
            h.at("2024-03-08T12:00:00Z");
            h.deleteRecord("r8");
            h.run(agg, "2024-03-10");
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-10"), bookmarkOf(h, agg, "c1"));
            assertSameAsFresh(h, agg, RecordsKind::Delta, DateBasis::Added, "2024-03-10", "-fresh");
        });
    }

    void communitySelectionLosesNothingForOthers() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            tenDays(h);
            auto agg = h.make(RecordsKind::Snapshot, DateBasis::Created, "-cs");
            h.run(agg, "2024-03-10", [](AggregationRequest& r) { r.communityIds = {"c1"}; });
            CPPUNIT_ASSERT(!h.stored(agg.alias, "c1").empty());
            CPPUNIT_ASSERT(h.stored(agg.alias, "c2").empty());
            CPPUNIT_ASSERT(h.stored(agg.alias, "global").empty());
            CPPUNIT_ASSERT_EQUAL(std::string("-"), bookmarkOf(h, agg, "c2"));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-01-01"), dirtyOf(h, agg, "c2"));  // kept for later (created day)
            h.at("2024-03-10T12:00:00Z");
            h.deleteRecord("r3");
            h.run(agg, "2024-03-10", [](AggregationRequest& r) { r.communityIds = {"global", "c1"}; });
            CPPUNIT_ASSERT(h.stored(agg.alias, "c2").empty());
            CPPUNIT_ASSERT(!h.stored(agg.alias, "global").empty());
            h.run(agg, "2024-03-10");
            assertSameAsFresh(h, agg, RecordsKind::Snapshot, DateBasis::Created, "2024-03-10", "-fresh");
        });
    }

    void earlierAsOfDeletesNothing() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            tenDays(h);
            auto agg = h.make(RecordsKind::Delta, DateBasis::Added, "-ea");
            h.run(agg, "2024-03-10");
            h.run(agg, "2024-03-05", [](AggregationRequest& r) { r.ignoreBookmark = true; });
            CPPUNIT_ASSERT_EQUAL(std::size_t(10), h.stored(agg.alias, "c1").size());
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-10"), bookmarkOf(h, agg, "c1"));
            h.run(agg, "2024-03-10");
            assertSameAsFresh(h, agg, RecordsKind::Delta, DateBasis::Added, "2024-03-10", "-fresh");
        });
    }

    void settingsChangeRecomputesEverything() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            tenDays(h);
            auto agg = h.make(RecordsKind::Snapshot, DateBasis::Added, "-sc");
            h.run(agg, "2024-03-10");
            CPPUNIT_ASSERT_EQUAL(std::string("s1,s0,s2"), itemIds(h.day(agg.alias, "c1", "2024-03-10"), "top_subjects"));
            h.settings().topLimit = 1;
            h.run(agg, "2024-03-10");
            CPPUNIT_ASSERT_EQUAL(std::string("s1"), itemIds(h.day(agg.alias, "c1", "2024-03-10"), "top_subjects"));
            assertSameAsFresh(h, agg, RecordsKind::Snapshot, DateBasis::Added, "2024-03-10", "-fresh");
        });
    }

    void storageErrorsAreContainedPerCommunity() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            tenDays(h);
            auto agg = h.make(RecordsKind::Delta, DateBasis::Added, "-er");
            storage::FaultInjectingStore faulty(h.storage());
            faulty.failNth(storage::StoreOperation::ReplaceRange, 1, "disk full");
            auto result = h.runOn(faulty, agg, "2024-03-10");
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), result.errors.size());
            CPPUNIT_ASSERT(contains(result.errors[0], "c1: ") && contains(result.errors[0], "disk full"));
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), result.communities);
            CPPUNIT_ASSERT(!h.stored(agg.alias, "c2").empty());
            CPPUNIT_ASSERT(!h.stored(agg.alias, "global").empty());
            CPPUNIT_ASSERT_EQUAL(std::string("-"), bookmarkOf(h, agg, "c1"));
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01"), dirtyOf(h, agg, "c1"));
            CPPUNIT_ASSERT(!h.logger().problems.empty());
            CPPUNIT_ASSERT(h.run(agg, "2024-03-10").errors.empty());
            assertSameAsFresh(h, agg, RecordsKind::Delta, DateBasis::Added, "2024-03-10", "-fresh");
        });
    }

    /// The watermark and the settings fingerprint are written only when they change: a run with nothing
    /// new writes no bookmark at all; a change moves the watermark only.
    void runWithNothingNewWritesNoBookmark() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            tenDays(h);
            auto agg = h.make(RecordsKind::Delta, DateBasis::Added, "-quiet");
            CPPUNIT_ASSERT(h.run(agg, "2024-03-10").errors.empty());
            const std::string seq = h.bookmark(agg.name + "#seq", "*").value_or("-");
            const std::string config = h.bookmark(agg.name + "#config", "*").value_or("-");
            storage::FaultInjectingStore counted(h.storage());
            CPPUNIT_ASSERT(h.runOn(counted, agg, "2024-03-10").errors.empty());
            CPPUNIT_ASSERT_EQUAL(0, counted.calls(storage::StoreOperation::SetBookmark));
            CPPUNIT_ASSERT_EQUAL(0, counted.calls(storage::StoreOperation::ClearBookmarks));
            CPPUNIT_ASSERT_EQUAL(0, counted.calls(storage::StoreOperation::ReplaceRange));

            h.at("2024-03-10T12:00:00Z");
            TestRecord late("r-late", "p-late");
            late.communities = "c2";
            h.publish(late);
            storage::FaultInjectingStore changed(h.storage());
            CPPUNIT_ASSERT(h.runOn(changed, agg, "2024-03-10").errors.empty());
            CPPUNIT_ASSERT(h.bookmark(agg.name + "#seq", "*").value_or("-") != seq);
            CPPUNIT_ASSERT_EQUAL(config, h.bookmark(agg.name + "#config", "*").value_or("-"));
            CPPUNIT_ASSERT(changed.calls(storage::StoreOperation::SetBookmark) > 0);
            assertSameAsFresh(h, agg, RecordsKind::Delta, DateBasis::Added, "2024-03-10", "-fresh");
        });
    }

    void configureValidatesTheEntry() {
        auto make = [] {
            return std::make_unique<aggregators::FamilyAggregator>(
                std::make_unique<aggregators::RecordsFamily>(RecordsKind::Delta, DateBasis::Added));
        };
        Poco::Dynamic::Struct<std::string> params;
        params.insert("catchup", 3);
        const std::string path = "STATS_AGGREGATIONS.a-agg.params";
        try {
            make()->configure(AggregatorSetup{"a-agg", "stats-a", Params(params, path)});
            CPPUNIT_FAIL("unknown params accepted");
        } catch (const ConfigError& e) {
            CPPUNIT_ASSERT_EQUAL(path + ".catchup", e.keyPath());
        }
        try {
            make()->configure(AggregatorSetup{"a-agg", "", Params(Poco::Dynamic::Var(), path)});
            CPPUNIT_FAIL("missing templates accepted");
        } catch (const ConfigError& e) {
            CPPUNIT_ASSERT_EQUAL(std::string("STATS_AGGREGATIONS.a-agg.templates"), e.keyPath());
        }
        CPPUNIT_ASSERT_THROW(make()->indexTemplates(), Error);
        auto ok = make();
        ok->configure(AggregatorSetup{"a-agg", "stats-a", Params(Poco::Dynamic::Var(), path)});
        auto templates = ok->indexTemplates();
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), templates.size());
        CPPUNIT_ASSERT_EQUAL(std::string("stats-a"), templates[0].alias);
        CPPUNIT_ASSERT_EQUAL(std::string("a-agg"), templates[0].extentBookmark);
        CPPUNIT_ASSERT(templates[0].fill == FillRule::Zero);
        CPPUNIT_ASSERT_EQUAL(std::string("period_start"), templates[0].dateField);
        aggregators::FamilyAggregator snap(
            std::make_unique<aggregators::RecordsFamily>(RecordsKind::Snapshot, DateBasis::Published));
        snap.configure(AggregatorSetup{"s-agg", "stats-s", Params()});
        CPPUNIT_ASSERT(snap.indexTemplates()[0].fill == FillRule::CarryForward);
        CPPUNIT_ASSERT_EQUAL(std::string("snapshot_date"), snap.indexTemplates()[0].dateField);
    }

    void progressCountsCommunities() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            tenDays(h);
            auto agg = h.make(RecordsKind::Delta, DateBasis::Added, "-pr");
            auto result = h.run(agg, "2024-03-10");
            CPPUNIT_ASSERT_EQUAL(std::string("communities"), h.progress().unit);
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), h.progress().total);
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(3), result.communities);
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(10 + 5 + 10), result.documents);
            // Nothing changed: no community is recomputed, and a new day only extends bookmarks.
            h.progress().done = 0;
            result = h.run(agg, "2024-03-12");
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), result.communities);
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), result.documents);
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-12"), bookmarkOf(h, agg, "c2"));
            CPPUNIT_ASSERT_EQUAL(std::size_t(12), h.dense(agg.alias, "c1", "2024-03-01", "2024-03-31").size());
        });
    }

    void eventsIndexAggregatorOnlyRegistersItsTemplate() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            tenDays(h);
            aggregators::CommunityEventsIndexAggregator events;
            events.configure(AggregatorSetup{"community-events-agg", "stats-community-events", Params()});
            auto templates = events.indexTemplates();
            CPPUNIT_ASSERT_EQUAL(std::size_t(1), templates.size());
            CPPUNIT_ASSERT_EQUAL(std::string("stats-community-events"), templates[0].alias);
            CPPUNIT_ASSERT(templates[0].fill == FillRule::None);
            h.storage().registerTemplate(templates[0]);
            AggregationContext ctx{h.storage(), h.source(), h.settings(), h.repo().clock(), h.logger(), h.progress()};
            AggregationRequest request;
            request.asOfDay = "2024-03-10";
            auto result = events.run(ctx, request);
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), result.documents);
            CPPUNIT_ASSERT_EQUAL(std::uint64_t(0), h.storage().count("stats-community-events", {}));
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DriverBehaviourTest);
