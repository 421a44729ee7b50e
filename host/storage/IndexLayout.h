#pragma once
/// How one SQL dialect lays out index families: DDL, bulk writes, and the SQL fragments reads need.
///
/// A family is one alias; its year relations are named by Names.h. Every method works on the connection it
/// is given and leaves transactions to the caller. Implementations are stateless and thread-safe.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "statshost/Store.h"
#include "storage/Database.h"

namespace statshost::storage {

class IndexLayout {
public:
    virtual ~IndexLayout() = default;

    /// Serializes DDL under `name` across processes until the current transaction ends (PostgreSQL:
    /// transaction advisory lock; SQLite: nothing to do, BEGIN IMMEDIATE already serializes writers).
    virtual void lockDdl(Connection& connection, const std::string& name) const = 0;

    /// Creates the family relation before it has any year (idempotent): SQLite an empty view, PostgreSQL
    /// the partitioned table with its indices.
    virtual void createFamily(Connection& connection, const std::string& family) const = 0;

    /// Creates the relation of `year` (idempotent). `years` lists every year of the family including
    /// `year`, ascending (SQLite rebuilds the alias view from it).
    virtual void createYear(Connection& connection, const std::string& family, int year,
                            const std::vector<int>& years) const = 0;

    /// Documents grouped by the year of their day; ids are unique within a year.
    using DocumentsByYear = std::map<int, std::vector<const Document*>>;

    /// Inserts or replaces documents by id in the relations of their years, which must exist.
    virtual void write(Connection& connection, const std::string& family, const DocumentsByYear& docs) const = 0;

    /// Drops the family relation and every year relation (idempotent).
    virtual void dropFamily(Connection& connection, const std::string& family, const std::vector<int>& years) const = 0;

    /// True when `DELETE FROM <family> WHERE ...` reaches every year relation by itself (PostgreSQL's
    /// partitioned table prunes to the years of the range), so deletes need no lookup of the years.
    virtual bool deletesThroughFamily() const = 0;

    /// Placeholder `$n` used as a day (PostgreSQL casts it to date).
    virtual std::string dayParam(int n) const = 0;
    /// Expressions reading the day (as YYYY-MM-DD text) and the stored body (give its column to documentBody).
    virtual std::string dayText() const = 0;
    virtual std::string bodyText() const = 0;

    /// The bound value storing the JSON text `json` (BodyCodec.h: zstd frame or text; PostgreSQL: bytea hex,
    /// for statements outside write(), which sends raw bytes).
    virtual std::string storedBody(const std::string& json) const = 0;
    /// The JSON text of a body column read through bodyText() by Connection::queryRaw (raw bytes).
    virtual std::string documentBody(const std::string& column) const = 0;
};

std::unique_ptr<IndexLayout> makeSqliteIndexLayout();
std::unique_ptr<IndexLayout> makePostgresIndexLayout();

/// The layout of `dialect`.
inline std::unique_ptr<IndexLayout> makeIndexLayout(Dialect dialect) {
    return dialect == Dialect::SQLite ? makeSqliteIndexLayout() : makePostgresIndexLayout();
}

}  // namespace statshost::storage
