// The driver's background writes (DriverBatchWriter, AggregatorDriver.h "Background writes"): the same
// documents and bookmarks as synchronous writes, a failed write fails only its community (and drops its
// later batches), a cancelled run stops cleanly and the next run repairs everything. Both backends.
#include <cppunit/extensions/HelperMacros.h>

#include <mutex>

#include "AggregationHarness.h"
#include "AggregatorDriver.h"
#include "DriverBatchWriter.h"
#include "storage/FaultInjectingStore.h"

using namespace statshost;
using namespace statshost::test;
using aggregators::DateBasis;
using aggregators::RecordsKind;

namespace {

/// c1 and c2; one record per day from `first` through `last` of March 2024 in c1 (odd days also in c2).
void publishDays(AggregationHarness& h, int first, int last) {
    for (int d = first; d <= last; ++d) {
        const std::string day = std::string("2024-03-") + (d < 10 ? "0" : "") + std::to_string(d);
        h.at(day + "T10:00:00Z");
        TestRecord r("r" + std::to_string(d), "p" + std::to_string(d));
        r.communities = d % 2 ? "c1,c2" : "c1";
        r.subjects = {{"s" + std::to_string(d % 3), "Subject " + std::to_string(d % 3)}};
        h.publish(r);
    }
}

void setBackground(TestAggregation& agg, bool background) {
    auto* family = dynamic_cast<aggregators::FamilyAggregator*>(agg.aggregator.get());
    CPPUNIT_ASSERT(family);
    family->setBackgroundWrites(background);
}

/// A FaultInjectingStore that also remembers the community of every replaceRange call, in call order.
class RecordingStore : public storage::FaultInjectingStore {
public:
    using FaultInjectingStore::FaultInjectingStore;
    void replaceRange(const std::string& alias, const DocumentRange& range, const std::vector<Document>& docs) override {
        {
            std::lock_guard<std::mutex> lock(_mutex);
            _communities.push_back(range.communityId);
        }
        FaultInjectingStore::replaceRange(alias, range, docs);
    }
    std::vector<std::string> communities() {
        std::lock_guard<std::mutex> lock(_mutex);
        return _communities;
    }

private:
    std::mutex _mutex;
    std::vector<std::string> _communities;
};

/// Throws from the `throwAt`-th advance() on (a shutdown noticed by the run).
class CancellingProgress : public Progress {
public:
    explicit CancellingProgress(int throwAt) : _throwAt(throwAt) {}
    void begin(const std::string&, std::uint64_t, const std::string&) override {}
    void advance(std::uint64_t) override {
        if (++_calls >= _throwAt) throw Error("cancelled");
    }
    void note(const std::string&) override {}
    void end() override {}
    int calls() const { return _calls; }

private:
    int _throwAt;
    int _calls = 0;
};

Document doc(const std::string& community, const std::string& day) {
    return Document{community + "-" + day, community, day, "{\"day\":\"" + day + "\"}"};
}

}  // namespace

class DriverBackgroundWritesTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(DriverBackgroundWritesTest);
    CPPUNIT_TEST(backgroundAndSynchronousWritesAgree);
    CPPUNIT_TEST(failedWriteFailsOnlyItsCommunity);
    CPPUNIT_TEST(cancelledRunIsRepairedByTheNext);
    CPPUNIT_TEST(writerDropsTheLaterBatchesOfAFailedCommunity);
    CPPUNIT_TEST(writerBoundsWhatWaits);
    CPPUNIT_TEST_SUITE_END();

public:
    void backgroundAndSynchronousWritesAgree() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            h.community("c1");
            h.community("c2");
            publishDays(h, 1, 10);
            for (RecordsKind kind : {RecordsKind::Delta, RecordsKind::Snapshot}) {
                auto async = h.make(kind, DateBasis::Added, "-bg");
                auto sync = h.make(kind, DateBasis::Added, "-sync");
                setBackground(sync, false);
                const auto a = h.run(async, "2024-03-10");
                const auto b = h.run(sync, "2024-03-10");
                CPPUNIT_ASSERT(a.errors.empty() && b.errors.empty());
                CPPUNIT_ASSERT_EQUAL(b.documents, a.documents);
                CPPUNIT_ASSERT_EQUAL(b.communities, a.communities);
                CPPUNIT_ASSERT(h.storedWithoutTimestamps(async.alias) == h.storedWithoutTimestamps(sync.alias));
                for (const char* c : {"c1", "c2", "global"}) {
                    CPPUNIT_ASSERT(h.bookmark(sync.name, c) == h.bookmark(async.name, c));
                    CPPUNIT_ASSERT(h.bookmark(sync.name + "#dirty", c) == h.bookmark(async.name + "#dirty", c));
                }
            }
        });
    }

    /// The k-th write of a run fails, for every k: that write's community reports the error and keeps
    /// its bookmark and dirty marker; the other communities complete; the next run repairs it.
    void failedWriteFailsOnlyItsCommunity() {
        onBothBackends([](TestBackend& backend) {
            for (int k = 1;; ++k) {
                const std::unique_ptr<TestBackend> fresh = freshBackendLike(backend);
                AggregationHarness h(*fresh);
                h.community("c1");
                h.community("c2");
                publishDays(h, 1, 5);
                auto agg = h.make(RecordsKind::Delta, DateBasis::Added, "-k");
                CPPUNIT_ASSERT(h.run(agg, "2024-03-05").errors.empty());
                publishDays(h, 6, 10);

                RecordingStore faulty(h.storage());
                faulty.failNth(storage::StoreOperation::ReplaceRange, k, "disk full");
                const auto result = h.runOn(faulty, agg, "2024-03-10");
                const auto written = faulty.communities();
                if (static_cast<int>(written.size()) < k) {
                    CPPUNIT_ASSERT(result.errors.empty());
                    CPPUNIT_ASSERT(k > 3);  // every write of the run was tried
                    break;
                }
                const std::string failed = written[k - 1];
                const std::string where = "write " + std::to_string(k) + " (" + failed + ")";
                CPPUNIT_ASSERT_EQUAL_MESSAGE(where, std::size_t(1), result.errors.size());
                CPPUNIT_ASSERT_MESSAGE(where, result.errors[0].rfind(failed + ": ", 0) == 0);
                CPPUNIT_ASSERT_MESSAGE(where, result.errors[0].find("disk full") != std::string::npos);
                for (const char* c : {"c1", "c2", "global"}) {
                    const std::string bookmark = h.bookmark(agg.name, c).value_or("-");
                    const std::string dirty = h.bookmark(agg.name + "#dirty", c).value_or("-");
                    if (c == failed) {  // as before the run; the marker set at its start stays
                        CPPUNIT_ASSERT_EQUAL_MESSAGE(where, std::string("2024-03-05"), bookmark);
                        CPPUNIT_ASSERT_MESSAGE(where + " dirty " + dirty, dirty > "2024-03-05" && dirty <= "2024-03-10");
                    } else {
                        CPPUNIT_ASSERT_EQUAL_MESSAGE(where, std::string("2024-03-10"), bookmark);
                        CPPUNIT_ASSERT_EQUAL_MESSAGE(where, std::string("-"), dirty);
                    }
                }
                CPPUNIT_ASSERT(h.run(agg, "2024-03-10").errors.empty());
                auto fresh2 = h.make(RecordsKind::Delta, DateBasis::Added, "-fresh");
                CPPUNIT_ASSERT(h.run(fresh2, "2024-03-10").errors.empty());
                CPPUNIT_ASSERT_MESSAGE(where, h.storedWithoutTimestamps(agg.alias) == h.storedWithoutTimestamps(fresh2.alias));
            }
        });
    }

    /// A shutdown noticed between communities aborts the run (the writer thread is stopped and joined);
    /// the communities not finished keep their markers and the next run gives the fresh documents.
    void cancelledRunIsRepairedByTheNext() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            h.community("c1");
            h.community("c2");
            publishDays(h, 1, 10);
            auto agg = h.make(RecordsKind::Snapshot, DateBasis::Added, "-cancel");
            CancellingProgress cancelling(2);  // the first probe after c1's documents
            AggregationContext ctx{h.storage(), h.source(), h.settings(), h.repo().clock(), h.logger(), cancelling};
            AggregationRequest request;
            request.asOfDay = "2024-03-10";
            CPPUNIT_ASSERT_THROW(agg.aggregator->run(ctx, request), Error);
            CPPUNIT_ASSERT(cancelling.calls() >= 2);
            for (const char* c : {"c1", "c2", "global"}) {
                CPPUNIT_ASSERT(!h.bookmark(agg.name, c));
                CPPUNIT_ASSERT(h.bookmark(agg.name + "#dirty", c));
            }
            CPPUNIT_ASSERT(h.run(agg, "2024-03-10").errors.empty());
            auto fresh = h.make(RecordsKind::Snapshot, DateBasis::Added, "-fresh");
            CPPUNIT_ASSERT(h.run(fresh, "2024-03-10").errors.empty());
            CPPUNIT_ASSERT(h.storedWithoutTimestamps(agg.alias) == h.storedWithoutTimestamps(fresh.alias));
        });
    }

    void writerDropsTheLaterBatchesOfAFailedCommunity() {
        onBothBackends([](TestBackend& backend) {
            for (bool background : {true, false}) {
                AggregationHarness h(backend);
                const std::string alias = background ? "t-writer-bg" : "t-writer-sync";
                h.storage().registerTemplate(IndexTemplate{alias, "day", "{}", FillRule::None, "", nullptr});
                storage::FaultInjectingStore faulty(h.storage());
                faulty.failNth(storage::StoreOperation::ReplaceRange, 2, "disk full");
                {
                    aggregators::DriverBatchWriter writer(faulty, alias, background, 1024);
                    writer.submit({"c1", "2024-01-01", "2024-01-01"}, {doc("c1", "2024-01-01")}, 10);
                    writer.submit({"c1", "2024-01-02", "2024-01-02"}, {doc("c1", "2024-01-02")}, 10);  // fails
                    writer.submit({"c2", "2024-01-01", "2024-01-02"}, {doc("c2", "2024-01-01"), doc("c2", "2024-01-02")}, 20);
                    writer.submit({"c1", "2024-01-03", "2024-01-03"}, {doc("c1", "2024-01-03")}, 10);  // dropped
                    writer.drain();
                    const auto failures = writer.failures();
                    CPPUNIT_ASSERT_EQUAL(std::size_t(1), failures.size());
                    CPPUNIT_ASSERT_EQUAL(std::string("c1"), failures[0].first);
                    CPPUNIT_ASSERT(failures[0].second.find("disk full") != std::string::npos);
                    CPPUNIT_ASSERT(writer.failures().empty());  // reported once
                    CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), writer.documents("c1"));
                    CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), writer.documents("c2"));
                }
                CPPUNIT_ASSERT_EQUAL(3, faulty.calls(storage::StoreOperation::ReplaceRange));
                CPPUNIT_ASSERT_EQUAL(std::uint64_t(1), h.storage().count(alias, {"c1", "", ""}));
                CPPUNIT_ASSERT_EQUAL(std::uint64_t(2), h.storage().count(alias, {"c2", "", ""}));
            }
        });
    }

    /// Batches larger than the bound pass one at a time; everything lands, in order (the last write of a
    /// day range wins).
    void writerBoundsWhatWaits() {
        onBothBackends([](TestBackend& backend) {
            AggregationHarness h(backend);
            h.storage().registerTemplate(IndexTemplate{"t-bound", "day", "{}", FillRule::None, "", nullptr});
            {
                aggregators::DriverBatchWriter writer(h.storage(), "t-bound", true, 15);
                for (int i = 1; i <= 20; ++i) {
                    Document d = doc("c1", "2024-02-01");
                    d.body = "{\"n\":" + std::to_string(i) + "}";
                    writer.submit({"c1", "2024-02-01", "2024-02-01"}, {d}, 10);
                }
                writer.drain();
                CPPUNIT_ASSERT(writer.failures().empty());
                CPPUNIT_ASSERT_EQUAL(std::uint64_t(20), writer.documents("c1"));
            }
            auto last = h.storage().latest("t-bound", "c1", "");
            CPPUNIT_ASSERT(last);
            CPPUNIT_ASSERT(last->body.find("20") != std::string::npos);
        });
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DriverBackgroundWritesTest);
