#include "storage/Database.h"

#include <Poco/Exception.h>
#include <Poco/File.h>
#include <Poco/Path.h>

#include "statshost/Errors.h"
#include "storage/ConnectionSource.h"
#include "storage/StorageUrl.h"

namespace statshost::storage {

std::uint64_t Connection::execBinary(const std::string&, const std::vector<std::string>&) {
    throw StorageError("binary statement parameters are a PostgreSQL feature, not available on " + dialectName(dialect()));
}

void Connection::queryRaw(const std::string& sql, const SqlParams& params, const RowHandler& onRow) {
    query(sql, params, onRow);
}

std::shared_ptr<Database> Database::open(const StorageUrl& url, const StorageOptions& options) {
    if (options.poolSize < 1) throw StorageError("storage pool size must be at least 1");
    if (options.busyTimeoutMs < 0) throw StorageError("storage busy timeout must not be negative");
    if (url.dialect() == Dialect::PostgreSQL)
        return std::shared_ptr<Database>(new Database(makePostgresSource(url, options)));
    std::string path;
    try {
        Poco::Path absolute = Poco::Path(url.sqlitePath()).makeAbsolute();
        path = absolute.toString();
        Poco::File(absolute.parent()).createDirectories();
    } catch (const Poco::Exception& e) {
        throw StorageError("cannot create the folder of SQLite database " + url.sqlitePath() + ": " + e.displayText());
    }
    return std::shared_ptr<Database>(new Database(makeSqliteSource(path, url, options)));
}

Database::Database(std::unique_ptr<ConnectionSource> source) : _source(std::move(source)) {}

Database::~Database() = default;

Dialect Database::dialect() const { return _source->dialect(); }

std::uint64_t Database::exec(const std::string& sql, const SqlParams& params) {
    return _source->acquire()->exec(sql, params);
}

void Database::query(const std::string& sql, const SqlParams& params, const RowHandler& onRow) {
    _source->acquire()->query(sql, params, onRow);
}

void Database::queryRaw(const std::string& sql, const SqlParams& params, const RowHandler& onRow) {
    _source->acquire()->queryRaw(sql, params, onRow);
}

void Database::transaction(const std::function<void(Connection&)>& body) {
    auto connection = _source->acquire();
    connection->begin();
    try {
        body(*connection);
        connection->commit();
    } catch (...) {
        connection->rollback();
        throw;
    }
}

void Database::withConnection(const std::function<void(Connection&)>& body) {
    auto connection = _source->acquire();
    body(*connection);
}

std::unique_ptr<Connection> Database::connectDedicated() { return _source->connectDedicated(); }

}  // namespace statshost::storage
