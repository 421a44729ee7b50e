// Contract: derived index families (Store.h DocumentDeriver) — reads go to the deriver, writes are refused,
// rows stored before the family became derived are ignored, a process without the deriver fails clearly.
#include <map>

#include "StorageContract.h"
#include "statshost/Errors.h"

namespace statshost::test {
namespace {

const std::string kSource = "stats-test-source";
const std::string kDerived = "stats-test-derived";

/// Renders, for each source document of a community, {"snapshot_date": day, "sum": running sum of "n"}.
class RunningSumDeriver : public DocumentDeriver {
public:
    void scan(DocumentStore& store, const DocumentRange& range,
              const std::function<bool(const Document&)>& visit) override {
        std::map<std::string, long> sums;
        store.scan(kSource, DocumentRange{range.communityId, "", range.lastDay}, [&](const Document& d) {
            const long sum = sums[d.communityId] += std::stol(d.body.substr(d.body.find(':') + 1));
            if (!range.firstDay.empty() && d.day < range.firstDay) return true;
            return visit(Document{d.communityId + "-" + d.day, d.communityId, d.day,
                                  "{\"snapshot_date\":\"" + d.day + "\",\"sum\":" + std::to_string(sum) + "}"});
        });
    }
    std::optional<Document> latest(DocumentStore& store, const std::string& communityId,
                                    const std::string& onOrBeforeDay) override {
        std::optional<Document> last;
        scan(store, DocumentRange{communityId, "", onOrBeforeDay}, [&](const Document& d) {
            last = d;
            return true;
        });
        return last;
    }
    std::uint64_t count(DocumentStore& store, const DocumentRange& range) override {
        std::uint64_t n = 0;
        scan(store, range, [&](const Document&) { return ++n, true; });
        return n;
    }
};

IndexTemplate derivedTemplate() {
    return IndexTemplate{kDerived, "snapshot_date", "{}", FillRule::CarryForward, "agg-d",
                         std::make_shared<RunningSumDeriver>()};
}

/// "id body" per document, one a line.
std::string bodies(const std::vector<Document>& docs) {
    std::string out;
    for (const Document& d : docs) out += d.id + " " + d.body + "\n";
    return out;
}

std::string lines(const std::vector<std::string>& texts) {
    std::string out;
    for (const std::string& t : texts) out += t + "\n";
    return out;
}

std::string sumDoc(const std::string& day, long sum, const std::string& community = "c1") {
    return community + "-" + day + " {\"snapshot_date\":\"" + day + "\",\"sum\":" + std::to_string(sum) + "}";
}

}  // namespace

void StorageContract::testDerivedReads() {
    if (!ready()) return;
    _store->registerTemplate(IndexTemplate{kSource, "day", "{}", FillRule::None, ""});
    _store->registerTemplate(derivedTemplate());
    CPPUNIT_ASSERT(_store->isDerived(kDerived));
    CPPUNIT_ASSERT(!_store->isDerived(kSource));
    std::string fill;
    _store->database().query("SELECT fill FROM statshost_indices WHERE alias = $1", {kDerived},
                             [&](const storage::Row& row) { fill = row.getString(0); });
    CPPUNIT_ASSERT_EQUAL(std::string("carry_forward derived"), fill);

    _store->upsert(kSource, {makeDoc("c1-2023-12-30", "c1", "2023-12-30", "{\"n\":1}"),
                             makeDoc("c1-2024-01-02", "c1", "2024-01-02", "{\"n\":2}"),
                             makeDoc("c2-2024-01-01", "c2", "2024-01-01", "{\"n\":7}")});
    // scan / count / latest answer with the deriver's sparse documents
    CPPUNIT_ASSERT_EQUAL(lines({sumDoc("2023-12-30", 1), sumDoc("2024-01-02", 3)}),
                         bodies(scanAll(*_store, kDerived, {"c1", "", ""})));
    CPPUNIT_ASSERT_EQUAL(lines({sumDoc("2023-12-30", 1), sumDoc("2024-01-01", 7, "c2"),
                                                   sumDoc("2024-01-02", 3)}),
                         bodies(scanAll(*_store, kDerived, {})));
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{2}, _store->count(kDerived, {"c1", "", ""}));
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, _store->count(kDerived, {"c1", "2024-01-01", ""}));
    CPPUNIT_ASSERT_EQUAL(lines({sumDoc("2023-12-30", 1)}), bodies({*_store->latest(kDerived, "c1", "2024-01-01")}));
    CPPUNIT_ASSERT(!_store->latest(kDerived, "c1", "2023-12-29"));

    // readDense fills between the derived documents (carry forward) through the extent bookmark, across a year
    _store->setBookmark("agg-d", "c1", "2024-01-03T00:00:00");
    std::vector<Document> dense;
    _store->readDense(kDerived, {"c1", "2023-12-29", "2024-01-05"}, [&](const Document& d) {
        dense.push_back(d);
        return true;
    });
    CPPUNIT_ASSERT_EQUAL(lines({sumDoc("2023-12-30", 1), sumDoc("2023-12-31", 1),
                                                   sumDoc("2024-01-01", 1), sumDoc("2024-01-02", 3),
                                                   sumDoc("2024-01-03", 3)}),
                         bodies(dense));
    // a range starting after the first derived document starts from the one before it
    dense.clear();
    _store->readDense(kDerived, {"c1", "2024-01-01", "2024-01-01"}, [&](const Document& d) {
        dense.push_back(d);
        return true;
    });
    CPPUNIT_ASSERT_EQUAL(lines({sumDoc("2024-01-01", 1)}), bodies(dense));
}

void StorageContract::testDerivedWritesAndOldRows() {
    if (!ready()) return;
    _store->registerTemplate(IndexTemplate{kSource, "day", "{}", FillRule::None, ""});
    // rows stored while the family was stored
    _store->registerTemplate(IndexTemplate{kDerived, "snapshot_date", "{}", FillRule::CarryForward, "agg-d"});
    _store->upsert(kDerived, {makeDoc("c1-2024-01-01", "c1", "2024-01-01", "{\"snapshot_date\":\"2024-01-01\",\"sum\":99}")});
    _store->upsert(kSource, {makeDoc("c1-2024-01-02", "c1", "2024-01-02", "{\"n\":2}")});
    _store->registerTemplate(derivedTemplate());

    // reads ignore them
    CPPUNIT_ASSERT_EQUAL(lines({sumDoc("2024-01-02", 2)}), bodies(scanAll(*_store, kDerived, {"c1", "", ""})));
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, _store->count(kDerived, {}));
    // documents cannot be written; an empty replaceRange or remove deletes the old rows
    CPPUNIT_ASSERT(contains(storageError([&] { _store->upsert(kDerived, {makeDoc("x", "c1", "2024-01-05")}); }),
                            "is derived"));
    CPPUNIT_ASSERT(contains(storageError([&] {
                                _store->replaceRange(kDerived, {"c1", "2024-01-01", "2024-01-09"},
                                                     {makeDoc("x", "c1", "2024-01-05")});
                            }),
                            "is derived"));
    auto storedRows = [&] {
        std::int64_t n = 0;
        _store->database().query("SELECT count(*) FROM idx_stats_test_derived", {},
                                 [&](const storage::Row& row) { n = row.getInt(0); });
        return n;
    };
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, storedRows());
    _store->replaceRange(kDerived, {"c1", "2024-01-01", "2024-01-09"}, {});
    CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, storedRows());
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, _store->count(kDerived, {}));
}

void StorageContract::testDerivedWithoutDeriverFails() {
    if (!ready()) return;
    _store->registerTemplate(IndexTemplate{kSource, "day", "{}", FillRule::None, ""});
    _store->registerTemplate(derivedTemplate());
    _store->upsert(kSource, {makeDoc("c1-2024-01-02", "c1", "2024-01-02", "{\"n\":2}")});
    auto other = _backend->open();  // another process: it never registered the deriver
    const std::string expected = "index '" + kDerived + "' is derived (rendered on read) but this process has no deriver";
    CPPUNIT_ASSERT(contains(storageError([&] { scanAll(*other, kDerived, {"c1", "", ""}); }), expected));
    CPPUNIT_ASSERT(contains(storageError([&] { other->latest(kDerived, "c1", ""); }), expected));
    CPPUNIT_ASSERT(contains(storageError([&] { other->count(kDerived, {}); }), expected));
    CPPUNIT_ASSERT(contains(storageError([&] { other->readDense(kDerived, {"c1", "", ""}, [](const Document&) { return true; }); }),
                            expected));
    // registering the template with its deriver makes the reads work
    other->registerTemplate(derivedTemplate());
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, other->count(kDerived, {}));
}

}  // namespace statshost::test
