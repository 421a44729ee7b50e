// Contract: how document bodies are stored (schema 3, BodyCodec.h) — compressed, read back byte for byte,
// and migrated from schema 2 (PostgreSQL jsonb bodies).
#include <string>

#include "StorageContract.h"
#include "storage/Registry.h"

namespace statshost::test {

namespace {

const std::string kBodies = "stats-test-bodies";

/// A large, repetitive document as the aggregators write them, with spacing and key order no JSON
/// normaliser would keep.
std::string largeBody(int items) {
    std::string body = "{ \"zeta\": 1,  \"alpha\" : [";
    for (int i = 0; i < items; ++i) {
        if (i) body += ", ";
        body += "{\"id\": \"value-" + std::to_string(i) + "\", \"view\": {\"total_events\": " + std::to_string(i * 7) +
                ", \"unique_visitors\": " + std::to_string(i * 3) + "}, \"download\": {\"total_volume\": 1.5e3}}";
    }
    return body + "] }";
}

std::int64_t storedBytes(storage::Database& db, const std::string& id) {
    std::int64_t bytes = -1;
    const std::string sql = db.dialect() == storage::Dialect::SQLite
                                ? "SELECT length(CAST(body AS BLOB)) FROM idx_stats_test_bodies WHERE id = $1"
                                : "SELECT octet_length(body) FROM idx_stats_test_bodies WHERE id = $1";
    db.query(sql, {id}, [&](const storage::Row& row) { bytes = row.getInt(0); });
    return bytes;
}

}  // namespace

void StorageContract::testBodiesCompressedAndExact() {
    if (!ready()) return;
    _store->registerTemplate(IndexTemplate{kBodies, "period_start", "{}", FillRule::CarryForward, ""});
    const std::string large = largeBody(400);
    const std::string small = "{ \"b\" : 2, \"a\":1 }";
    _store->upsert(kBodies, {makeDoc("large", "c1", "2024-01-01", large), makeDoc("small", "c1", "2024-01-02", small)});

    std::vector<Document> docs = scanAll(*_store, kBodies);
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, docs.size());
    CPPUNIT_ASSERT_EQUAL(large, docs[0].body);  // byte for byte, on PostgreSQL too
    CPPUNIT_ASSERT_EQUAL(small, docs[1].body);
    CPPUNIT_ASSERT_EQUAL(large, _store->latest(kBodies, "c1", "2024-01-01")->body);
    auto& db = _store->database();
    std::int64_t largeStored = storedBytes(db, "large");
    CPPUNIT_ASSERT_MESSAGE(std::to_string(largeStored) + " of " + std::to_string(large.size()) + " bytes stored",
                           largeStored > 0 && largeStored * 10 < static_cast<std::int64_t>(large.size()));
    CPPUNIT_ASSERT_EQUAL(static_cast<std::int64_t>(small.size()), storedBytes(db, "small"));  // short: as text

    // readDense renders filled days from the decompressed source document
    std::vector<Document> filled;
    _store->readDense(kBodies, {"c1", "2024-01-01", "2024-01-01"}, [&](const Document& doc) {
        filled.push_back(doc);
        return true;
    });
    CPPUNIT_ASSERT_EQUAL(std::size_t{1}, filled.size());
    CPPUNIT_ASSERT_EQUAL(large, filled[0].body);
}

void StorageContract::testBodiesMigratedFromSchema2() {
    if (!ready()) return;
    auto& db = _store->database();
    _store->registerTemplate(IndexTemplate{kBodies, "period_start", "{}", FillRule::None, ""});
    _store->upsert(kBodies, {makeDoc("old", "c1", "2023-06-01", "{\"v\": 1, \"list\": [1, 2]}"),
                             makeDoc("new", "c1", "2024-06-01", "{\"v\": 2}")});
    // the database as schema 2 left it: PostgreSQL bodies were jsonb (SQLite bodies were TEXT)
    if (db.dialect() == storage::Dialect::PostgreSQL)
        db.exec("ALTER TABLE idx_stats_test_bodies ALTER COLUMN body TYPE jsonb USING convert_from(body, 'UTF8')::jsonb");
    db.exec("UPDATE statshost_meta SET value = '2' WHERE key = 'schema_version'");

    _store->initialize();
    _backend->open()->initialize();  // a second run finds nothing to migrate
    CPPUNIT_ASSERT_EQUAL(std::int64_t{storage::kSchemaVersion},
                         scalar(db, "SELECT value FROM statshost_meta WHERE key = 'schema_version'"));
    if (db.dialect() == storage::Dialect::PostgreSQL) {
        std::string type;
        db.query("SELECT pg_typeof(body)::text FROM idx_stats_test_bodies__2023 LIMIT 1", {},
                 [&](const storage::Row& row) { type = row.getString(0); });
        CPPUNIT_ASSERT_EQUAL(std::string("bytea"), type);
    }
    std::vector<Document> docs = scanAll(*_store, kBodies);
    CPPUNIT_ASSERT_EQUAL(std::size_t{2}, docs.size());
    CPPUNIT_ASSERT_EQUAL(canonicalJson("{\"v\":1,\"list\":[1,2]}"), canonicalJson(docs[0].body));
    CPPUNIT_ASSERT_EQUAL(canonicalJson("{\"v\":2}"), canonicalJson(docs[1].body));
    // documents written after the migration are stored compressed next to the converted ones
    const std::string large = largeBody(100);
    _store->upsert(kBodies, {makeDoc("new", "c1", "2024-06-01", large)});
    CPPUNIT_ASSERT_EQUAL(large, scanAll(*_store, kBodies, {"c1", "2024-01-01", ""}).at(0).body);
    CPPUNIT_ASSERT(storedBytes(db, "new") * 5 < static_cast<std::int64_t>(large.size()));
}

}  // namespace statshost::test
