// kill -9 at any point of a run, then a normal run: the documents equal a from-scratch run. The
// "death" is a store wrapper that stops every write after the k-th one (what a killed process leaves:
// everything before committed, nothing after); k goes through every write of the interrupted run.
#include <cppunit/extensions/HelperMacros.h>

#include <atomic>

#include "AggregationHarness.h"
#include "statshost/Errors.h"

using namespace statshost;
using namespace statshost::test;
using aggregators::DateBasis;
using aggregators::RecordsKind;

namespace {

/// Forwards reads; the first `alive` writes pass, every later one throws (the process is gone).
class DyingStore : public DocumentStore {
public:
    DyingStore(DocumentStore& inner, int alive) : _inner(inner), _alive(alive) {}
    bool died() const { return _writes > _alive; }

    void registerTemplate(const IndexTemplate& t) override { write(), _inner.registerTemplate(t); }
    void upsert(const std::string& a, const std::vector<Document>& d) override { write(), _inner.upsert(a, d); }
    void scan(const std::string& a, const DocumentRange& r, const std::function<bool(const Document&)>& v) override {
        _inner.scan(a, r, v);
    }
    void replaceRange(const std::string& a, const DocumentRange& r, const std::vector<Document>& d) override {
        write(), _inner.replaceRange(a, r, d);
    }
    std::optional<Document> latest(const std::string& a, const std::string& c, const std::string& d) override {
        return _inner.latest(a, c, d);
    }
    void readDense(const std::string& a, const DocumentRange& r, const std::function<bool(const Document&)>& v) override {
        _inner.readDense(a, r, v);
    }
    std::uint64_t count(const std::string& a, const DocumentRange& r) override { return _inner.count(a, r); }
    std::uint64_t remove(const std::string& a, const DocumentRange& r) override {
        write();
        return _inner.remove(a, r);
    }
    std::optional<std::string> bookmark(const std::string& a, const std::string& c) override {
        return _inner.bookmark(a, c);
    }
    void setBookmark(const std::string& a, const std::string& c, const std::string& v) override {
        write(), _inner.setBookmark(a, c, v);
    }
    std::uint64_t clearBookmarks(const std::string& a, const std::string& c) override {
        write();
        return _inner.clearBookmarks(a, c);
    }
    std::unique_ptr<Lock> tryLock(const std::string& n, std::int64_t t) override { return _inner.tryLock(n, t); }

private:
    void write() {
        if (++_writes > _alive) throw StorageError("killed");
    }
    DocumentStore& _inner;
    int _alive;
    std::atomic<int> _writes{0};  ///< the driver's writer thread and the run's thread both write
};

/// c1, c2 and a history; the family ran through 2024-03-03, then history changed in the past.
void scenario(AggregationHarness& h, TestAggregation& agg) {
    h.community("c1");
    h.community("c2");
    h.at("2024-03-01T10:00:00Z");
    TestRecord r1("r1", "p1");
    r1.communities = "c1,c2";
    r1.files = {{"a.pdf", 10, ""}};
    h.publish(r1);
    TestRecord r2("r2", "p2");
    r2.communities = "c1";
    r2.publicationDate = "2023-11-05";
    h.publish(r2);
    h.at("2024-03-03T10:00:00Z");
    h.publish(TestRecord("r3", "p3"));
    h.run(agg, "2024-03-03");
    // Changes that reach back: a deletion dated 03-04, a back-dated publication, a removal.
    h.at("2024-03-04T10:00:00Z");
    h.deleteRecord("r1");
    h.remove("r2", "c1");
    h.at("2024-03-02T10:00:00Z");
    TestRecord r4("r4", "p4");
    r4.communities = "c2";
    r4.publicationDate = "2022-01-01";
    h.publish(r4);
    h.at("2024-03-06T10:00:00Z");
}

void killEverywhere(RecordsKind kind, DateBasis basis) {
    onBothBackends([&](TestBackend& backend) {
        int kills = 0;
        for (int alive = 0;; ++alive) {
            // A new database per kill point: the same history, killed after `alive` writes.
            const std::unique_ptr<TestBackend> fresh = freshBackendLike(backend);
            AggregationHarness h(*fresh);
            auto agg = h.make(kind, basis, "-inc");
            scenario(h, agg);
            DyingStore dying(h.storage(), alive);
            try {
                h.runOn(dying, agg, "2024-03-06");
            } catch (const std::exception&) {
            }
            if (!dying.died()) break;  // the run finished before the k-th write: every point was tried
            ++kills;
            auto recovered = h.run(agg, "2024-03-06");
            CPPUNIT_ASSERT(recovered.errors.empty());
            auto fresh2 = h.make(kind, basis, "-fresh");
            h.run(fresh2, "2024-03-06");
            const auto a = h.storedWithoutTimestamps(agg.alias);
            const auto b = h.storedWithoutTimestamps(fresh2.alias);
            CPPUNIT_ASSERT_MESSAGE(agg.name + " killed after " + std::to_string(alive) + " writes", a == b);
            for (const char* c : {"c1", "c2", "global"})
                CPPUNIT_ASSERT_EQUAL(h.dense(fresh2.alias, c, "2022-01-01", "2024-03-06").size(),
                                     h.dense(agg.alias, c, "2022-01-01", "2024-03-06").size());
        }
        CPPUNIT_ASSERT(kills >= 5);  // the interrupted run has several writes to be killed at
    });
}

}  // namespace

class CrashRecoveryTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(CrashRecoveryTest);
    CPPUNIT_TEST(deltaAddedSurvivesKillAnywhere);
    CPPUNIT_TEST(snapshotPublishedSurvivesKillAnywhere);
    CPPUNIT_TEST_SUITE_END();

public:
    void deltaAddedSurvivesKillAnywhere() { killEverywhere(RecordsKind::Delta, DateBasis::Added); }
    void snapshotPublishedSurvivesKillAnywhere() { killEverywhere(RecordsKind::Snapshot, DateBasis::Published); }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CrashRecoveryTest);
