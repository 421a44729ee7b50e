// PostgreSQL layout: one table partitioned by RANGE (day), one partition per year.
#include <algorithm>

#include "storage/BodyCodec.h"
#include "storage/Days.h"
#include "storage/IndexLayout.h"
#include "storage/Names.h"
#include "storage/PgBinary.h"

namespace statshost::storage {

namespace {

std::string dayLiteral(int year) {
    std::string digits = std::to_string(year);
    return std::string(4 - std::min<std::size_t>(4, digits.size()), '0') + digits + "-01-01";
}

class PostgresIndexLayout : public IndexLayout {
public:
    void lockDdl(Connection& connection, const std::string& name) const override {
        connection.query("SELECT pg_advisory_xact_lock($1)", {lockKey("statshost-ddl:" + name)}, [](const Row&) {});
    }

    void createFamily(Connection& connection, const std::string& family) const override {
        // The key (day, id) doubles as the index scans page through; ids are unique per year through each
        // partition's own index on id (see createYear), which ON CONFLICT (id) uses.
        connection.exec("CREATE TABLE IF NOT EXISTS " + family +
                        " (id text COLLATE \"C\" NOT NULL, community_id text COLLATE \"C\" NOT NULL, day date NOT NULL, "
                        "body bytea NOT NULL, PRIMARY KEY (day, id)) PARTITION BY RANGE (day)");
        connection.exec("CREATE INDEX IF NOT EXISTS " + family + "__cdi ON " + family + " (community_id, day, id)");
    }

    void createYear(Connection& connection, const std::string& family, int year, const std::vector<int>&) const override {
        std::string table = yearTable(family, year);
        // Bounds are literals built from an integer year: DDL takes no parameters.
        connection.exec("CREATE TABLE IF NOT EXISTS " + table + " PARTITION OF " + family + " FOR VALUES FROM ('" +
                        dayLiteral(year) + "') TO ('" + dayLiteral(year + 1) + "')");
        // Ids are unique per year (as on SQLite), not only per (id, day).
        connection.exec("CREATE UNIQUE INDEX IF NOT EXISTS " + table + "__id ON " + table + " (id)");
        // Bodies are zstd frames already: EXTERNAL spares PostgreSQL its pglz attempt on every body over
        // ~2 KB (a third of the insert time of usage snapshots, measured); they still go out of line.
        connection.exec("ALTER TABLE " + table + " ALTER COLUMN body SET STORAGE EXTERNAL");
    }

    void write(Connection& connection, const std::string& family, const DocumentsByYear& docs) const override {
        // One statement for the whole batch: per year, an INSERT ... ON CONFLICT from unnest() over four
        // arrays sent in binary format (bodies as raw bytes: no hex, no text escaping, no staging table).
        if (docs.empty()) return;
        std::string sql;
        std::vector<std::string> params;
        std::size_t arm = 0;
        for (const auto& [year, list] : docs) {
            PgArrayBuilder ids(PgArrayBuilder::Element::Text), communities(PgArrayBuilder::Element::Text),
                days(PgArrayBuilder::Element::Date), bodies(PgArrayBuilder::Element::Bytea);
            for (const Document* doc : list) {
                ids.addBytes(doc->id);
                communities.addBytes(doc->communityId);
                days.addDay(dayNumber(doc->day));
                bodies.addWritten([&](std::string& out) { appendEncodedBody(out, doc->body); });
            }
            for (PgArrayBuilder* array : {&ids, &communities, &days, &bodies}) params.push_back(array->finish());
            const std::string first = std::to_string(params.size() - 3);
            std::string insert = "INSERT INTO " + yearTable(family, year) +
                                 " (id, community_id, day, body) SELECT * FROM unnest($" + first + "::text[], $" +
                                 std::to_string(params.size() - 2) + "::text[], $" + std::to_string(params.size() - 1) +
                                 "::date[], $" + std::to_string(params.size()) +
                                 "::bytea[]) ON CONFLICT (id) DO UPDATE SET community_id = excluded.community_id, "
                                 "day = excluded.day, body = excluded.body";
            // Years before the last are data-modifying WITH arms of the last year's INSERT.
            if (++arm < docs.size())
                sql += (arm == 1 ? "WITH " : ", ") + std::string("y") + std::to_string(arm) + " AS (" + insert + ")";
            else
                sql += (arm == 1 ? "" : " ") + insert;
        }
        connection.execBinary(sql, params);
    }

    void dropFamily(Connection& connection, const std::string& family, const std::vector<int>&) const override {
        connection.exec("DROP TABLE IF EXISTS " + family + " CASCADE");
    }

    bool deletesThroughFamily() const override { return true; }
    std::string dayParam(int n) const override { return "$" + std::to_string(n) + "::date"; }
    std::string dayText() const override { return "to_char(day, 'YYYY-MM-DD')"; }
    std::string bodyText() const override { return "body"; }
    std::string storedBody(const std::string& json) const override { return byteaHex(encodeBody(json)); }
    std::string documentBody(const std::string& column) const override { return decodeBody(column); }
};

}  // namespace

std::unique_ptr<IndexLayout> makePostgresIndexLayout() { return std::make_unique<PostgresIndexLayout>(); }

}  // namespace statshost::storage
