// SQLite layout: one table per year plus a view named after the family that UNION ALLs the years.
#include "storage/BodyCodec.h"
#include "storage/IndexLayout.h"
#include "storage/Names.h"

namespace statshost::storage {

namespace {

class SqliteIndexLayout : public IndexLayout {
public:
    void lockDdl(Connection&, const std::string&) const override {}

    void createFamily(Connection& connection, const std::string& family) const override {
        connection.exec("CREATE VIEW IF NOT EXISTS " + family +
                        " AS SELECT '' AS id, '' AS community_id, '' AS day, '' AS body WHERE 0");
    }

    void createYear(Connection& connection, const std::string& family, int year,
                    const std::vector<int>& years) const override {
        std::string table = yearTable(family, year);
        connection.exec("CREATE TABLE IF NOT EXISTS " + table +
                        " (id TEXT PRIMARY KEY, community_id TEXT NOT NULL, day TEXT NOT NULL, body BLOB NOT NULL)");
        connection.exec("CREATE INDEX IF NOT EXISTS " + table + "__cdi ON " + table + " (community_id, day, id)");
        connection.exec("CREATE INDEX IF NOT EXISTS " + table + "__di ON " + table + " (day, id)");
        std::string select;
        for (int y : years) {
            if (!select.empty()) select += " UNION ALL ";
            select += "SELECT id, community_id, day, body FROM " + yearTable(family, y);
        }
        connection.exec("DROP VIEW IF EXISTS " + family);
        connection.exec("CREATE VIEW " + family + " AS " + select);
    }

    void write(Connection& connection, const std::string& family, const DocumentsByYear& docs) const override {
        SqlParams params(4);
        for (const auto& [year, list] : docs) {
            auto statement = connection.prepare(
                "INSERT INTO " + yearTable(family, year) +
                " (id, community_id, day, body) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET "
                "community_id = excluded.community_id, day = excluded.day, body = excluded.body");
            for (const Document* doc : list) {
                params[0] = doc->id;
                params[1] = doc->communityId;
                params[2] = doc->day;
                params[3] = storedBody(doc->body);
                statement->exec(params);
            }
        }
    }

    void dropFamily(Connection& connection, const std::string& family, const std::vector<int>& years) const override {
        connection.exec("DROP VIEW IF EXISTS " + family);
        for (int year : years) connection.exec("DROP TABLE IF EXISTS " + yearTable(family, year));
    }

    bool deletesThroughFamily() const override { return false; }
    std::string dayParam(int n) const override { return "$" + std::to_string(n); }
    std::string dayText() const override { return "day"; }
    std::string bodyText() const override { return "body"; }
    /// The bytes are bound as text (the connection binds strings so); SQLite keeps them unchanged.
    std::string storedBody(const std::string& json) const override { return encodeBody(json); }
    std::string documentBody(const std::string& column) const override { return decodeBody(column); }
};

}  // namespace

std::unique_ptr<IndexLayout> makeSqliteIndexLayout() { return std::make_unique<SqliteIndexLayout>(); }

}  // namespace statshost::storage
