// Contract: sparse index families (Store.h FillRule) — template fill rules, replaceRange, latest, readDense.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <set>

#include "StorageContract.h"
#include "statshost/Errors.h"
#include "storage/Days.h"
#include "storage/Registry.h"

namespace statshost::test {

namespace {

const std::string kSparse = "stats-test-sparse";

std::vector<std::string> keys(const std::vector<Document>& docs) {
    std::vector<std::string> out;
    for (const Document& doc : docs) out.push_back(doc.day + "/" + doc.id);
    return out;
}

std::vector<std::string> daysOf(const std::vector<Document>& docs) {
    std::vector<std::string> out;
    for (const Document& doc : docs) out.push_back(doc.day);
    return out;
}

std::vector<Document> dense(DocumentStore& store, const std::string& alias, const DocumentRange& range) {
    std::vector<Document> docs;
    store.readDense(alias, range, [&](const Document& doc) {
        docs.push_back(doc);
        return true;
    });
    return docs;
}

/// A delta document as the aggregators write it (integers, floats, nested objects, lists, strings).
std::string deltaBody(const std::string& day, int count, const std::string& label) {
    return "{\"community_id\":\"c1\",\"period_start\":\"" + day + "T00:00:00\",\"period_end\":\"" + day +
           "T23:59:59\",\"timestamp\":\"2024-06-01T10:00:00\",\"count\":" + std::to_string(count) +
           ",\"volume\":12.5,\"totals\":{\"a\":4,\"b\":2.25},\"subcounts\":{\"by_x\":[{\"id\":\"a\",\"n\":1}]},"
           "\"label\":\"" + label + " \\\"q\\\" \xc3\xbc\",\"flag\":true,\"nothing\":null}";
}

/// deltaBody(_, _, label) after the Zero transform, for `day`.
std::string zeroBody(const std::string& day, const std::string& label) {
    return "{\"community_id\":\"c1\",\"period_start\":\"" + day + "T00:00:00\",\"period_end\":\"" + day +
           "T23:59:59\",\"timestamp\":\"2024-06-01T10:00:00\",\"count\":0,\"volume\":0.0,\"totals\":{\"a\":0,\"b\":0.0},"
           "\"subcounts\":{\"by_x\":[]},\"label\":\"" + label + " \\\"q\\\" \xc3\xbc\",\"flag\":true,\"nothing\":null}";
}

/// A snapshot document; carried forward unchanged except for snapshot_date.
std::string snapshotBody(const std::string& day, int total) {
    return "{\"community_id\":\"c1\",\"snapshot_date\":\"" + day + "\",\"timestamp\":\"2024-06-01T10:00:00\",\"total\":" +
           std::to_string(total) + ",\"ratio\":0.5,\"top\":[{\"id\":\"a\",\"count\":2}]}";
}

}  // namespace

// --- templates ---------------------------------------------------------------------------------------

void StorageContract::testTemplateFillPersisted() {
    if (!ready()) return;
    auto& db = _store->database();
    auto stored = [&] {
        std::string fill, extent;
        db.query("SELECT fill, extent_bookmark FROM statshost_indices WHERE alias = $1", {kSparse},
                 [&](const storage::Row& row) {
                     fill = row.getString(0);
                     extent = row.getString(1);
                 });
        return fill + "|" + extent;
    };
    _store->registerTemplate(IndexTemplate{kSparse, "snapshot_date", "{}", FillRule::Zero, "agg-a"});
    CPPUNIT_ASSERT_EQUAL(std::string("zero|agg-a"), stored());
    _store->upsert(kSparse, {Document{"s1", "c1", "2024-01-01", "{\"snapshot_date\":\"2024-01-01\",\"n\":5}"},
                             Document{"s3", "c1", "2024-01-03", "{\"snapshot_date\":\"2024-01-03\",\"n\":6}"}});
    auto middle = [&](DocumentStore& store) { return canonicalJson(dense(store, kSparse, {"c1", "", ""}).at(1).body); };
    CPPUNIT_ASSERT_EQUAL(std::string("{\"n\":0,\"snapshot_date\":\"2024-01-02\"}"), middle(*_store));

    // re-registering with other values updates them, for this store and for any other opened later
    _store->registerTemplate(IndexTemplate{kSparse, "snapshot_date", "{}", FillRule::CarryForward, "agg-b"});
    CPPUNIT_ASSERT_EQUAL(std::string("carry_forward|agg-b"), stored());
    CPPUNIT_ASSERT_EQUAL(std::string("{\"n\":5,\"snapshot_date\":\"2024-01-02\"}"), middle(*_store));
    CPPUNIT_ASSERT_EQUAL(std::string("{\"n\":5,\"snapshot_date\":\"2024-01-02\"}"), middle(*_backend->open()));
    _store->setBookmark("agg-b", "c1", "2024-01-04");
    CPPUNIT_ASSERT_EQUAL(std::size_t{4}, dense(*_store, kSparse, {"c1", "", ""}).size());
    _store->registerTemplate(IndexTemplate{kSparse, "snapshot_date", "{}", FillRule::CarryForward, "agg-b"});
    CPPUNIT_ASSERT_EQUAL(std::string("carry_forward|agg-b"), stored());
    _store->registerTemplate(IndexTemplate{kSparse, "snapshot_date", "{}", FillRule::CarryForward, ""});
    CPPUNIT_ASSERT_EQUAL(std::string("carry_forward|"), stored());
    CPPUNIT_ASSERT_EQUAL(std::size_t{3}, dense(*_store, kSparse, {"c1", "", ""}).size());  // extent: last document
    _store->registerTemplate(IndexTemplate{kSparse, "snapshot_date", "{}", FillRule::None, ""});
    CPPUNIT_ASSERT_EQUAL(std::string("none|"), stored());
    CPPUNIT_ASSERT((keys(dense(*_store, kSparse, {"c1", "", ""})) ==
                    std::vector<std::string>{"2024-01-01/s1", "2024-01-03/s3"}));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, scalar(db, "SELECT count(*) FROM statshost_indices"));
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{2}, _store->count(kSparse, {}));
}

void StorageContract::testTemplateColumnsMigrated() {
    if (!ready()) return;
    auto& db = _store->database();
    _store->registerTemplate(IndexTemplate{kSparse, "period_start", "{}", FillRule::Zero, "agg"});
    _store->upsert(kSparse, {makeDoc("a", "c1", "2024-01-01"), makeDoc("b", "c1", "2024-01-03")});
    // a database as the previous version left it: schema 1, no fill columns
    db.exec("ALTER TABLE statshost_indices DROP COLUMN fill");
    db.exec("ALTER TABLE statshost_indices DROP COLUMN extent_bookmark");
    db.exec("UPDATE statshost_meta SET value = '1' WHERE key = 'schema_version'");
    CPPUNIT_ASSERT(!storageError([&] { dense(*_store, kSparse, {"c1", "", ""}); }).empty());

    _store->initialize();
    _backend->open()->initialize();  // a second run finds nothing to migrate
    CPPUNIT_ASSERT_EQUAL(std::int64_t{storage::kSchemaVersion},
                         scalar(db, "SELECT value FROM statshost_meta WHERE key = 'schema_version'"));
    CPPUNIT_ASSERT_EQUAL(std::int64_t{1}, scalar(db, "SELECT count(*) FROM statshost_indices WHERE alias = $1 AND "
                                                     "fill = 'none' AND extent_bookmark = ''",
                                                 {kSparse}));
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, dense(*_store, kSparse, {"c1", "", ""}).size());  // None: stored only
    _store->registerTemplate(IndexTemplate{kSparse, "period_start", "{}", FillRule::Zero, "agg"});
    CPPUNIT_ASSERT_EQUAL(std::size_t{3}, dense(*_store, kSparse, {"c1", "", ""}).size());
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{2}, _store->count(kSparse, {}));
}

// --- replaceRange --------------------------------------------------------------------------------------

void StorageContract::testReplaceRangeRejectsAndChangesNothing() {
    if (!ready()) return;
    registerAlias(kSparse);
    std::vector<Document> existing;
    for (int day = 1; day <= 5; ++day)
        existing.push_back(makeDoc("e" + std::to_string(day), "c1", "2024-01-0" + std::to_string(day)));
    existing.push_back(makeDoc("other", "c2", "2024-01-03"));
    _store->upsert(kSparse, existing);
    const auto before = scanAll(*_store, kSparse);
    const DocumentRange range{"c1", "2024-01-02", "2024-01-04"};
    auto unchanged = [&] {
        auto now = scanAll(*_store, kSparse);
        if (keys(now) != keys(before)) return false;
        for (std::size_t i = 0; i < now.size(); ++i)
            if (canonicalJson(now[i].body) != canonicalJson(before[i].body)) return false;
        return _store->indices()[0].years == std::vector<int>{2024};
    };

    struct Case {
        Document bad;
        std::string expected;
    };
    std::vector<Case> cases = {
        {Document{"x", "c2", "2024-01-03", "{}"}, "community 'c2' is not the range's community 'c1'"},
        {Document{"x", "c1", "2024-01-01", "{}"}, "day 2024-01-01 lies outside the range 2024-01-02..2024-01-04"},
        {Document{"x", "c1", "2025-01-01", "{}"}, "day 2025-01-01 lies outside the range"},
        {Document{"x", "c1", "2024-01-03", "{\"a\":}"}, "the body is not valid JSON"},
        {Document{"x", "c1", "2024-02-30", "{}"}, "day '2024-02-30' is not a valid YYYY-MM-DD date"},
        {Document{"", "c1", "2024-01-03", "{}"}, "empty id"},
    };
    for (const Case& c : cases) {
        std::vector<Document> batch{makeDoc("n2", "c1", "2024-01-02"), makeDoc("n3", "c1", "2024-01-03"), c.bad,
                                    makeDoc("n4", "c1", "2024-01-04")};
        std::string error = storageError([&] { _store->replaceRange(kSparse, range, batch); });
        CPPUNIT_ASSERT_MESSAGE(error, contains(error, "invalid document #2 (id '" + c.bad.id + "')"));
        CPPUNIT_ASSERT_MESSAGE(error, contains(error, c.expected));
        CPPUNIT_ASSERT_MESSAGE(error, contains(error, "nothing was written"));
        CPPUNIT_ASSERT_MESSAGE(error, unchanged());
    }

    const std::vector<Document> good{makeDoc("n3", "c1", "2024-01-03")};
    CPPUNIT_ASSERT(contains(storageError([&] { _store->replaceRange(kSparse, {"c1", "", "2024-01-04"}, good); }),
                            "needs both days of the range"));
    CPPUNIT_ASSERT(contains(storageError([&] { _store->replaceRange(kSparse, {"c1", "2024-01-02", ""}, good); }),
                            "needs both days of the range"));
    CPPUNIT_ASSERT(contains(storageError([&] { _store->replaceRange(kSparse, {"c1", "2024-01-04", "2024-01-02"}, good); }),
                            "ends before it starts"));
    CPPUNIT_ASSERT(contains(storageError([&] { _store->replaceRange(kSparse, {"c1", "2024-13-01", "2024-12-31"}, good); }),
                            "invalid day '2024-13-01'"));
    CPPUNIT_ASSERT(contains(storageError([&] { _store->replaceRange("stats-nothing", range, good); }),
                            "unknown index 'stats-nothing'"));
    CPPUNIT_ASSERT(unchanged());

    // A failure inside the transaction (after the delete) rolls the delete back too.
    auto& db = _store->database();
    if (_store->backend() == "sqlite") {
        db.exec("CREATE TRIGGER boom BEFORE INSERT ON idx_stats_test_sparse__2024 WHEN NEW.body LIKE '%boom%' "
                "BEGIN SELECT RAISE(ABORT, 'boom'); END");
    } else {
        db.exec("CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                "IF convert_from(NEW.body, 'UTF8') LIKE '%boom%' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$");
        db.exec("CREATE TRIGGER boom BEFORE INSERT ON idx_stats_test_sparse__2024 FOR EACH ROW EXECUTE FUNCTION boom()");
    }
    std::string error = storageError([&] {
        _store->replaceRange(kSparse, range, {makeDoc("n2", "c1", "2024-01-02"), makeDoc("n3", "c1", "2024-01-03", "{\"boom\":1}")});
    });
    CPPUNIT_ASSERT_MESSAGE(error, contains(error, "boom"));
    CPPUNIT_ASSERT(unchanged());
}

void StorageContract::testReplaceRangeAcrossYears() {
    if (!ready()) return;
    registerAlias(kSparse);
    _store->upsert(kSparse, {makeDoc("c1-2023-12-29", "c1", "2023-12-29"), makeDoc("c1-2023-12-31", "c1", "2023-12-31"),
                             makeDoc("c1-2024-01-01", "c1", "2024-01-01"), makeDoc("c1-2024-01-03", "c1", "2024-01-03"),
                             makeDoc("c1-2024-01-05", "c1", "2024-01-05"), makeDoc("c2-2023-12-31", "c2", "2023-12-31"),
                             makeDoc("c2-2024-01-01", "c2", "2024-01-01")});
    _store->replaceRange(kSparse, {"c1", "2023-12-30", "2024-01-04"},
                         {Document{"c1-2023-12-30", "c1", "2023-12-30", "{\"v\":1}"},
                          Document{"c1-2024-01-03", "c1", "2024-01-03", "{\"v\":2}"},
                          Document{"c1-2024-01-04", "c1", "2024-01-04", "{\"v\":3}"}});
    auto c1 = scanAll(*_store, kSparse, {"c1", "", ""});
    CPPUNIT_ASSERT((keys(c1) == std::vector<std::string>{"2023-12-29/c1-2023-12-29", "2023-12-30/c1-2023-12-30",
                                                         "2024-01-03/c1-2024-01-03", "2024-01-04/c1-2024-01-04",
                                                         "2024-01-05/c1-2024-01-05"}));
    CPPUNIT_ASSERT_EQUAL(canonicalJson("{\"v\":2}"), canonicalJson(c1[2].body));  // same id, new body
    CPPUNIT_ASSERT((keys(scanAll(*_store, kSparse, {"c2", "", ""})) ==
                    std::vector<std::string>{"2023-12-31/c2-2023-12-31", "2024-01-01/c2-2024-01-01"}));

    // a range reaching into a year without a relation yet creates it, as upsert does
    _store->replaceRange(kSparse, {"c1", "2022-12-31", "2023-12-29"}, {makeDoc("c1-2022-12-31", "c1", "2022-12-31")});
    CPPUNIT_ASSERT((_store->indices()[0].years == std::vector<int>{2022, 2023, 2024}));
    CPPUNIT_ASSERT((keys(scanAll(*_store, kSparse, {"c1", "", "2023-12-30"})) ==
                    std::vector<std::string>{"2022-12-31/c1-2022-12-31", "2023-12-30/c1-2023-12-30"}));
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{7}, _store->count(kSparse, {}));
}

void StorageContract::testReplaceRangeRemovesDocuments() {
    if (!ready()) return;
    registerAlias(kSparse);
    std::vector<Document> docs;
    for (int day = 1; day <= 10; ++day)
        for (const char* community : {"c1", "c2"}) {
            std::string d = "2024-02-" + std::string(day < 10 ? "0" : "") + std::to_string(day);
            docs.push_back(makeDoc(std::string(community) + "-" + d, community, d));
        }
    _store->upsert(kSparse, docs);
    _store->replaceRange(kSparse, {"c1", "2024-02-03", "2024-02-08"}, {});
    CPPUNIT_ASSERT((daysOf(scanAll(*_store, kSparse, {"c1", "", ""})) ==
                    std::vector<std::string>{"2024-02-01", "2024-02-02", "2024-02-09", "2024-02-10"}));
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{10}, _store->count(kSparse, {"c2", "", ""}));
    // duplicate ids in one call: the later document wins, as in upsert
    _store->replaceRange(kSparse, {"c1", "2024-02-01", "2024-02-10"},
                         {Document{"only", "c1", "2024-02-05", "{\"v\":1}"}, Document{"only", "c1", "2024-02-06", "{\"v\":2}"}});
    auto c1 = scanAll(*_store, kSparse, {"c1", "", ""});
    CPPUNIT_ASSERT((keys(c1) == std::vector<std::string>{"2024-02-06/only"}));
    CPPUNIT_ASSERT_EQUAL(canonicalJson("{\"v\":2}"), canonicalJson(c1[0].body));
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{11}, _store->count(kSparse, {}));

    // An empty community replaces the days of every community at once; documents may then be of any community.
    _store->replaceRange(kSparse, {"", "2024-02-02", "2024-02-09"},
                         {makeDoc("n1", "c3", "2024-02-04"), makeDoc("n2", "c2", "2024-02-09")});
    CPPUNIT_ASSERT((keys(scanAll(*_store, kSparse, {"c2", "", ""})) ==
                    std::vector<std::string>{"2024-02-01/c2-2024-02-01", "2024-02-09/n2", "2024-02-10/c2-2024-02-10"}));
    CPPUNIT_ASSERT((keys(scanAll(*_store, kSparse, {"c3", "", ""})) == std::vector<std::string>{"2024-02-04/n1"}));
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{4}, _store->count(kSparse, {}));
    CPPUNIT_ASSERT(contains(storageError([&] { _store->replaceRange(kSparse, {"", "2024-02-02", "2024-02-09"},
                                                                     {makeDoc("n9", "c3", "2024-02-10")}); }),
                            "day 2024-02-10 lies outside the range"));
}

void StorageContract::testReplaceRangeBulk() {
    if (!ready()) return;
    registerAlias(kSparse);
    const int total = 6000;
    auto batch = [&](const std::string& prefix) {
        std::vector<Document> docs;
        for (int i = 0; i < total; ++i)
            docs.push_back(makeDoc(prefix + std::to_string(i), "c1", storage::dayText(storage::dayNumber("2023-10-01") + i % 200),
                                   jsonBody(i, 600)));
        return docs;
    };
    _store->upsert(kSparse, batch("old-"));
    _store->upsert(kSparse, {makeDoc("keep", "c2", "2023-11-11")});
    const DocumentRange range{"c1", "2023-10-01", "2024-04-17"};  // day 0..199 of the batches, over two years
    auto fresh = batch("new-");
    auto start = std::chrono::steady_clock::now();
    _store->replaceRange(kSparse, range, fresh);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "\n  [" << _store->backend() << "] replaceRange " << total << " docs over " << total << ": "
              << static_cast<long>(total / seconds) << " docs/s" << std::endl;
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{total}, _store->count(kSparse, {"c1", "", ""}));
    std::size_t fromFresh = 0;
    _store->scan(kSparse, {"c1", "", ""}, [&](const Document& doc) {
        fromFresh += doc.id.compare(0, 4, "new-") == 0;
        return true;
    });
    CPPUNIT_ASSERT_EQUAL(static_cast<std::size_t>(total), fromFresh);
    CPPUNIT_ASSERT_EQUAL(std::uint64_t{1}, _store->count(kSparse, {"c2", "", ""}));
    // the same loose floor as testThroughput: catches per-row commits or statements per document
    const char* floorText = std::getenv("STATSHOST_BENCH_MIN_RATE");
    const double floor = floorText ? std::atof(floorText) : 5000;
    CPPUNIT_ASSERT_MESSAGE("replaceRange too slow", total / seconds >= floor);
}

// --- latest --------------------------------------------------------------------------------------------

void StorageContract::testLatest() {
    if (!ready()) return;
    registerAlias(kSparse);
    _store->upsert(kSparse, {makeDoc("x", "c1", "2023-05-01"), makeDoc("y", "c1", "2024-01-01"),
                             makeDoc("b", "c1", "2024-03-01"), makeDoc("a", "c1", "2024-03-01"),
                             makeDoc("z", "c2", "2024-06-01"), makeDoc("w", "c2", "2021-01-01")});
    auto latestKey = [&](const std::string& community, const std::string& day) {
        auto doc = _store->latest(kSparse, community, day);
        return doc ? doc->day + "/" + doc->id + "/" + doc->communityId : std::string("none");
    };
    CPPUNIT_ASSERT_EQUAL(std::string("2024-01-01/y/c1"), latestKey("c1", "2024-02-15"));
    CPPUNIT_ASSERT_EQUAL(std::string("2024-01-01/y/c1"), latestKey("c1", "2024-01-01"));  // on the day itself
    CPPUNIT_ASSERT_EQUAL(std::string("2023-05-01/x/c1"), latestKey("c1", "2023-12-31"));  // the year before
    CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01/b/c1"), latestKey("c1", "2024-03-01"));  // greatest (day, id)
    CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01/b/c1"), latestKey("c1", ""));
    CPPUNIT_ASSERT_EQUAL(std::string("2024-03-01/b/c1"), latestKey("c1", "2099-01-01"));  // a year with no relation
    CPPUNIT_ASSERT_EQUAL(std::string("none"), latestKey("c1", "2023-04-30"));
    CPPUNIT_ASSERT_EQUAL(std::string("2021-01-01/w/c2"), latestKey("c2", "2024-05-31"));  // skips empty years
    CPPUNIT_ASSERT_EQUAL(std::string("none"), latestKey("c9", ""));
    auto doc = _store->latest(kSparse, "c1", "2023-06-01");
    CPPUNIT_ASSERT_EQUAL(canonicalJson("{\"id\":\"x\",\"day\":\"2023-05-01\"}"), canonicalJson(doc->body));

    CPPUNIT_ASSERT(contains(storageError([&] { _store->latest(kSparse, "", ""); }), "needs a community id"));
    CPPUNIT_ASSERT(contains(storageError([&] { _store->latest(kSparse, "c1", "2024-02-30"); }), "invalid day"));
    CPPUNIT_ASSERT(contains(storageError([&] { _store->latest("stats-nothing", "c1", ""); }), "unknown index"));
    registerAlias("stats-empty");
    CPPUNIT_ASSERT(!_store->latest("stats-empty", "c1", ""));
}

// --- readDense -----------------------------------------------------------------------------------------

void StorageContract::testReadDenseZero() {
    if (!ready()) return;
    _store->registerTemplate(IndexTemplate{kSparse, "period_start", "{}", FillRule::Zero, ""});
    _store->upsert(kSparse, {Document{"d2", "c1", "2024-01-02", deltaBody("2024-01-02", 3, "first")},
                             Document{"d5", "c1", "2024-01-05", deltaBody("2024-01-05", 7, "second")},
                             Document{"d7", "c1", "2024-01-07", deltaBody("2024-01-07", 9, "third")},
                             Document{"o3", "c2", "2024-01-03", deltaBody("2024-01-03", 1, "other")}});
    auto docs = dense(*_store, kSparse, {"c1", "", ""});
    CPPUNIT_ASSERT((keys(docs) == std::vector<std::string>{"2024-01-02/d2", "2024-01-03/c1-2024-01-03",
                                                           "2024-01-04/c1-2024-01-04", "2024-01-05/d5",
                                                           "2024-01-06/c1-2024-01-06", "2024-01-07/d7"}));
    for (const Document& doc : docs) CPPUNIT_ASSERT_EQUAL(std::string("c1"), doc.communityId);
    // stored days come as stored
    CPPUNIT_ASSERT_EQUAL(canonicalJson(deltaBody("2024-01-05", 7, "second")), canonicalJson(docs[3].body));
    CPPUNIT_ASSERT_EQUAL(scanAll(*_store, kSparse, {"c1", "2024-01-05", "2024-01-05"}).at(0).body, docs[3].body);
    // missing days: the FIRST document zeroed (its label, not the latest one's), dates set
    CPPUNIT_ASSERT_EQUAL(canonicalJson(zeroBody("2024-01-03", "first")), canonicalJson(docs[1].body));
    CPPUNIT_ASSERT_EQUAL(canonicalJson(zeroBody("2024-01-06", "first")), canonicalJson(docs[4].body));
    CPPUNIT_ASSERT_MESSAGE(docs[4].body, contains(docs[4].body, "\"count\":0,"));     // integers stay integers
    CPPUNIT_ASSERT_MESSAGE(docs[4].body, contains(docs[4].body, "\"volume\":0.0"));   // floats stay floats
    CPPUNIT_ASSERT_MESSAGE(docs[4].body, contains(docs[4].body, "\"b\":0.0"));
    if (_store->backend() == "sqlite")  // key order kept (PostgreSQL hands back jsonb's order)
        CPPUNIT_ASSERT_EQUAL(zeroBody("2024-01-06", "first"), docs[4].body);
    // a range inside the extent
    CPPUNIT_ASSERT((daysOf(dense(*_store, kSparse, {"c1", "2024-01-04", "2024-01-05"})) ==
                    std::vector<std::string>{"2024-01-04", "2024-01-05"}));
    CPPUNIT_ASSERT((daysOf(dense(*_store, kSparse, {"c2", "", ""})) == std::vector<std::string>{"2024-01-03"}));
    CPPUNIT_ASSERT(dense(*_store, kSparse, {"c9", "", ""}).empty());
}

void StorageContract::testReadDenseCarryForward() {
    if (!ready()) return;
    _store->registerTemplate(IndexTemplate{kSparse, "snapshot_date", "{}", FillRule::CarryForward, ""});
    _store->upsert(kSparse, {Document{"s1", "c1", "2024-01-01", snapshotBody("2024-01-01", 5)},
                             Document{"s4", "c1", "2024-01-04", snapshotBody("2024-01-04", 8)},
                             Document{"s6", "c1", "2024-01-06", snapshotBody("2024-01-06", 9)},
                             Document{"o2", "c2", "2024-01-02", snapshotBody("2024-01-02", 100)}});
    auto docs = dense(*_store, kSparse, {"c1", "", ""});
    CPPUNIT_ASSERT((keys(docs) == std::vector<std::string>{"2024-01-01/s1", "2024-01-02/c1-2024-01-02",
                                                           "2024-01-03/c1-2024-01-03", "2024-01-04/s4",
                                                           "2024-01-05/c1-2024-01-05", "2024-01-06/s6"}));
    CPPUNIT_ASSERT_EQUAL(canonicalJson(snapshotBody("2024-01-02", 5)), canonicalJson(docs[1].body));
    CPPUNIT_ASSERT_EQUAL(canonicalJson(snapshotBody("2024-01-03", 5)), canonicalJson(docs[2].body));
    CPPUNIT_ASSERT_EQUAL(canonicalJson(snapshotBody("2024-01-05", 8)), canonicalJson(docs[4].body));  // the latest before
    CPPUNIT_ASSERT_MESSAGE(docs[4].body, contains(docs[4].body, "\"ratio\":0.5"));
    if (_store->backend() == "sqlite") CPPUNIT_ASSERT_EQUAL(snapshotBody("2024-01-05", 8), docs[4].body);
    // a range starting in a gap carries the document before the range
    auto inner = dense(*_store, kSparse, {"c1", "2024-01-05", "2024-01-05"});
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, inner.size());
    CPPUNIT_ASSERT_EQUAL(canonicalJson(snapshotBody("2024-01-05", 8)), canonicalJson(inner[0].body));
    auto early = dense(*_store, kSparse, {"c1", "2024-01-02", "2024-01-04"});
    CPPUNIT_ASSERT((daysOf(early) == std::vector<std::string>{"2024-01-02", "2024-01-03", "2024-01-04"}));
    CPPUNIT_ASSERT_EQUAL(canonicalJson(snapshotBody("2024-01-03", 5)), canonicalJson(early[1].body));
}

void StorageContract::testReadDenseExtentBookmark() {
    if (!ready()) return;
    _store->registerTemplate(IndexTemplate{kSparse, "period_start", "{}", FillRule::Zero, "agg-x"});
    _store->upsert(kSparse, {Document{"a", "c1", "2024-01-10", deltaBody("2024-01-10", 3, "first")},
                             Document{"b", "c1", "2024-01-12", deltaBody("2024-01-12", 4, "next")}});
    auto c1Days = [&] { return daysOf(dense(*_store, kSparse, {"c1", "", ""})); };
    // no bookmark yet: through the last stored document
    CPPUNIT_ASSERT((c1Days() == std::vector<std::string>{"2024-01-10", "2024-01-11", "2024-01-12"}));
    _store->setBookmark("agg-x", "c2", "2025-01-01");  // another community's bookmark does not count
    _store->setBookmark("agg-y", "c1", "2025-01-01");  // nor another aggregation's
    CPPUNIT_ASSERT_EQUAL(std::size_t{3}, c1Days().size());
    // through the bookmark's day (its first ten characters)
    _store->setBookmark("agg-x", "c1", "2024-01-15T08:00:00");
    auto docs = dense(*_store, kSparse, {"c1", "", ""});
    CPPUNIT_ASSERT((daysOf(docs) == std::vector<std::string>{"2024-01-10", "2024-01-11", "2024-01-12", "2024-01-13",
                                                             "2024-01-14", "2024-01-15"}));
    CPPUNIT_ASSERT_EQUAL(canonicalJson(zeroBody("2024-01-15", "first")), canonicalJson(docs[5].body));
    CPPUNIT_ASSERT_EQUAL(std::string("c1-2024-01-15"), docs[5].id);
    // a bookmark before the last document ends the extent there
    _store->setBookmark("agg-x", "c1", "2024-01-11");
    CPPUNIT_ASSERT((c1Days() == std::vector<std::string>{"2024-01-10", "2024-01-11"}));
    _store->setBookmark("agg-x", "c1", "2024-01-09");
    CPPUNIT_ASSERT(c1Days().empty());
    _store->setBookmark("agg-x", "c1", "soon");
    CPPUNIT_ASSERT(contains(storageError([&] { c1Days(); }), "does not start with a YYYY-MM-DD day"));
    _store->clearBookmarks("agg-x", "c1");
    CPPUNIT_ASSERT_EQUAL(std::size_t{3}, c1Days().size());
}

void StorageContract::testReadDenseAcrossYearBoundary() {
    if (!ready()) return;
    _store->registerTemplate(IndexTemplate{kSparse, "snapshot_date", "{}", FillRule::CarryForward, "agg-y"});
    _store->upsert(kSparse, {Document{"s1", "c1", "2023-12-30", snapshotBody("2023-12-30", 1)},
                             Document{"s2", "c1", "2024-01-02", snapshotBody("2024-01-02", 2)}});
    _store->setBookmark("agg-y", "c1", "2024-01-03");
    auto docs = dense(*_store, kSparse, {"c1", "", ""});
    CPPUNIT_ASSERT((keys(docs) == std::vector<std::string>{"2023-12-30/s1", "2023-12-31/c1-2023-12-31",
                                                           "2024-01-01/c1-2024-01-01", "2024-01-02/s2",
                                                           "2024-01-03/c1-2024-01-03"}));
    CPPUNIT_ASSERT_EQUAL(canonicalJson(snapshotBody("2024-01-01", 1)), canonicalJson(docs[2].body));
    CPPUNIT_ASSERT_EQUAL(canonicalJson(snapshotBody("2024-01-03", 2)), canonicalJson(docs[4].body));
    // the document before a range in the next year comes from the year before
    auto next = dense(*_store, kSparse, {"c1", "2024-01-01", "2024-01-01"});
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, next.size());
    CPPUNIT_ASSERT_EQUAL(canonicalJson(snapshotBody("2024-01-01", 1)), canonicalJson(next[0].body));

    // Zero over a whole leap year between two stored documents
    const std::string zero = "stats-test-sparse-zero";
    _store->registerTemplate(IndexTemplate{zero, "period_start", "{}", FillRule::Zero, ""});
    _store->upsert(zero, {Document{"a", "c1", "2023-12-31", deltaBody("2023-12-31", 1, "first")},
                          Document{"b", "c1", "2025-01-01", deltaBody("2025-01-01", 2, "last")}});
    auto year = dense(*_store, zero, {"c1", "", ""});
    CPPUNIT_ASSERT_EQUAL(std::size_t{1 + 366 + 1}, year.size());
    CPPUNIT_ASSERT_EQUAL(std::string("2024-02-29"), year[1 + 59].day);
    CPPUNIT_ASSERT_EQUAL(canonicalJson(zeroBody("2024-02-29", "first")), canonicalJson(year[1 + 59].body));
    CPPUNIT_ASSERT_EQUAL(std::string("b"), year.back().id);
}

void StorageContract::testReadDenseRangeOutsideExtent() {
    if (!ready()) return;
    _store->registerTemplate(IndexTemplate{kSparse, "snapshot_date", "{}", FillRule::CarryForward, ""});
    _store->upsert(kSparse, {Document{"a", "c1", "2024-03-10", snapshotBody("2024-03-10", 1)},
                             Document{"b", "c1", "2024-03-12", snapshotBody("2024-03-12", 2)}});
    auto days = [&](const std::string& first, const std::string& last) {
        return daysOf(dense(*_store, kSparse, {"c1", first, last}));
    };
    CPPUNIT_ASSERT((days("2024-03-01", "2024-03-11") == std::vector<std::string>{"2024-03-10", "2024-03-11"}));
    CPPUNIT_ASSERT((days("2024-03-11", "2024-04-30") == std::vector<std::string>{"2024-03-11", "2024-03-12"}));
    CPPUNIT_ASSERT((days("", "2024-03-10") == std::vector<std::string>{"2024-03-10"}));
    CPPUNIT_ASSERT((days("2024-03-12", "") == std::vector<std::string>{"2024-03-12"}));
    CPPUNIT_ASSERT((days("2023-01-01", "2025-12-31") == std::vector<std::string>{"2024-03-10", "2024-03-11", "2024-03-12"}));
    CPPUNIT_ASSERT(days("2024-03-13", "2024-03-20").empty());
    CPPUNIT_ASSERT(days("2024-02-01", "2024-03-09").empty());
    CPPUNIT_ASSERT(days("2024-03-12", "2024-03-11").empty());
    auto carried = dense(*_store, kSparse, {"c1", "2024-03-11", "2024-04-30"});
    CPPUNIT_ASSERT_EQUAL(canonicalJson(snapshotBody("2024-03-11", 1)), canonicalJson(carried[0].body));
}

void StorageContract::testReadDenseLongRange() {
    if (!ready()) return;
    const bool timed = !(std::getenv("STATSHOST_BENCH_MIN_RATE") && std::atof(std::getenv("STATSHOST_BENCH_MIN_RATE")) == 0);
    for (FillRule rule : {FillRule::Zero, FillRule::CarryForward}) {
        const std::string alias = rule == FillRule::Zero ? "stats-test-long-zero" : "stats-test-long-carry";
        _store->registerTemplate(IndexTemplate{alias, "period_start", "{}", rule, ""});
        _store->upsert(alias, {Document{"first", "c1", "1900-01-01", deltaBody("1900-01-01", 5, "first")},
                               Document{"last", "c1", "2030-12-31", deltaBody("2030-12-31", 6, "last")}});
        for (const DocumentRange& range : {DocumentRange{"c1", "1900-01-01", "2030-12-31"},
                                           DocumentRange{"c1", "1850-01-01", "2100-12-31"}}) {
            std::size_t seen = 0;
            std::int64_t previous = storage::dayNumber("1899-12-31");
            bool consecutive = true, leapDays = false, noFeb29In1900 = true;
            Document sample;
            auto start = std::chrono::steady_clock::now();
            _store->readDense(alias, range, [&](const Document& doc) {
                std::int64_t day = storage::dayNumber(doc.day);
                consecutive = consecutive && day == previous + 1;
                previous = day;
                leapDays = leapDays || doc.day == "2000-02-29";
                noFeb29In1900 = noFeb29In1900 && doc.day != "1900-02-29";
                if (doc.day == "1999-06-15") sample = doc;
                ++seen;
                return true;
            });
            double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            // 131 years, 32 of them leap years (1904..2028; 1900 is not one)
            CPPUNIT_ASSERT_EQUAL(std::size_t{131 * 365 + 32}, seen);
            CPPUNIT_ASSERT(consecutive);
            CPPUNIT_ASSERT(leapDays && noFeb29In1900);
            CPPUNIT_ASSERT_EQUAL(storage::dayNumber("2030-12-31"), previous);
            CPPUNIT_ASSERT_EQUAL(std::string("c1-1999-06-15"), sample.id);
            const std::string expected = rule == FillRule::Zero ? zeroBody("1999-06-15", "first")
                                                                : deltaBody("1999-06-15", 5, "first");
            CPPUNIT_ASSERT_EQUAL(canonicalJson(expected), canonicalJson(sample.body));
            // about 48,000 days: per-day queries would take many seconds, rendering takes a fraction of one
            if (timed) CPPUNIT_ASSERT_MESSAGE(std::to_string(seconds) + " s", seconds < 3.0);
        }
        for (const storage::IndexInfo& info : _store->indices())  // no relation for the years in between
            if (info.alias == alias) CPPUNIT_ASSERT((info.years == std::vector<int>{1900, 2030}));
    }
}

void StorageContract::testReadDenseNoneEarlyStopAndErrors() {
    if (!ready()) return;
    registerAlias(kSparse);  // FillRule::None: readDense is scan
    _store->upsert(kSparse, {makeDoc("a", "c1", "2024-01-01"), makeDoc("b", "c1", "2024-01-05"),
                             makeDoc("c", "c2", "2024-01-03")});
    CPPUNIT_ASSERT((keys(dense(*_store, kSparse, {"c1", "", ""})) ==
                    std::vector<std::string>{"2024-01-01/a", "2024-01-05/b"}));
    CPPUNIT_ASSERT((keys(dense(*_store, kSparse, {"c1", "2024-01-02", ""})) == std::vector<std::string>{"2024-01-05/b"}));

    const std::string zero = "stats-test-sparse-zero";
    _store->registerTemplate(IndexTemplate{zero, "period_start", "{}", FillRule::Zero, ""});
    _store->upsert(zero, {Document{"a", "c1", "2024-01-01", deltaBody("2024-01-01", 1, "x")},
                          Document{"b", "c1", "2024-01-10", deltaBody("2024-01-10", 2, "x")}});
    for (std::size_t stopAfter : {1, 3, 10}) {  // on a stored day, a filled day, the last day
        std::vector<std::string> seen;
        _store->readDense(zero, {"c1", "", ""}, [&](const Document& doc) {
            seen.push_back(doc.day);
            return seen.size() < stopAfter;
        });
        CPPUNIT_ASSERT_EQUAL(stopAfter, seen.size());
    }
    // the visitor may use the store (no connection is held while it runs)
    auto single = _backend->open(storage::StorageOptions{1, 3000});
    std::size_t visited = 0;
    single->readDense(zero, {"c1", "", ""}, [&](const Document& doc) {
        ++visited;
        return single->count(zero, {"c1", "", ""}) == 2;
    });
    CPPUNIT_ASSERT_EQUAL(std::size_t{10}, visited);

    CPPUNIT_ASSERT(contains(storageError([&] { dense(*_store, zero, {"", "", ""}); }), "needs a community id"));
    CPPUNIT_ASSERT(contains(storageError([&] { dense(*_store, kSparse, {"", "", ""}); }), "needs a community id"));
    CPPUNIT_ASSERT(contains(storageError([&] { dense(*_store, zero, {"c1", "2024-1-1", ""}); }), "invalid day"));
    CPPUNIT_ASSERT(contains(storageError([&] { dense(*_store, "stats-nothing", {"c1", "", ""}); }), "unknown index"));
}

}  // namespace statshost::test
