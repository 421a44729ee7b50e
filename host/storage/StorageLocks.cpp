// Storage: named locks. SQLite: an expiring row; PostgreSQL: a session advisory lock plus a visible row.
#include <Poco/Environment.h>
#include <Poco/Process.h>
#include <Poco/UUIDGenerator.h>

#include "statshost/Errors.h"
#include "storage/Names.h"
#include "storage/Storage.h"
#include "storage/TextChecks.h"
#include "storage/Timestamps.h"

namespace statshost::storage {
namespace {

const char* const kRecordLock =
    "INSERT INTO statshost_locks (name, owner, acquired_at, expires_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, acquired_at = excluded.acquired_at, "
    "expires_at = excluded.expires_at";
const char* const kReleaseLock = "DELETE FROM statshost_locks WHERE name = $1 AND owner = $2";

/// Identifies one holder: host, process and a random part, so rows show who holds a lock.
std::string newOwner() {
    return Poco::Environment::nodeName() + ":" + std::to_string(Poco::Process::id()) + ":" +
           Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
}

/// Holds the lock row; deletes it (if still ours) when destroyed. Keeps the database open.
class SqliteLock : public Lock {
public:
    SqliteLock(std::shared_ptr<Database> db, std::string name, std::string owner)
        : _db(std::move(db)), _name(std::move(name)), _owner(std::move(owner)) {}
    ~SqliteLock() override {
        try {
            _db->exec(kReleaseLock, {_name, _owner});
        } catch (...) {
            // the row expires on its own
        }
    }
    const std::string& name() const override { return _name; }

private:
    std::shared_ptr<Database> _db;
    std::string _name;
    std::string _owner;
};

/// Owns the connection holding the advisory lock; unlocks and closes it when destroyed. The lock row is
/// written and deleted through the pool: the lock's own connection runs nothing but the two lock calls,
/// so its fresh backend loads no table metadata.
class PostgresLock : public Lock {
public:
    PostgresLock(std::shared_ptr<Database> db, std::unique_ptr<Connection> connection, std::string name,
                 std::string owner, std::int64_t key)
        : _db(std::move(db)), _connection(std::move(connection)), _name(std::move(name)), _owner(std::move(owner)),
          _key(key) {}
    ~PostgresLock() override {
        try {
            _db->exec(kReleaseLock, {_name, _owner});  // the row first: while it exists, we hold the lock
        } catch (...) {
            // a stale row only misinforms; the advisory lock decides
        }
        try {
            _connection->query("SELECT pg_advisory_unlock($1)", {_key}, [](const Row&) {});
        } catch (...) {
            // closing the connection below releases the advisory lock anyway
        }
    }
    const std::string& name() const override { return _name; }

private:
    std::shared_ptr<Database> _db;
    std::unique_ptr<Connection> _connection;
    std::string _name;
    std::string _owner;
    std::int64_t _key;
};

}  // namespace

std::unique_ptr<Lock> Storage::tryLock(const std::string& name, std::int64_t ttlSeconds) {
    if (name.empty() || !isCleanText(name)) throw StorageError("a lock name must be non-empty UTF-8 text");
    if (ttlSeconds <= 0) throw StorageError("lock '" + name + "': the ttl must be positive");
    std::string owner = newOwner();
    std::int64_t now = epochMillisNow();
    std::int64_t expires = now + ttlSeconds * 1000;

    if (_db->dialect() == Dialect::SQLite) {
        // One atomic statement: inserts a free name or takes over an expired row; 0 rows changed = held.
        std::uint64_t taken = _db->exec(std::string(kRecordLock) + " WHERE statshost_locks.expires_at <= $3",
                                        {name, owner, now, expires});
        if (taken == 0) return nullptr;
        return std::make_unique<SqliteLock>(_db, name, owner);
    }

    // Advisory locks are per database; the schema is part of the key so that instances sharing one
    // database in different schemas (search_path) do not lock each other out. Every connection of this
    // Storage has the same URL, so the pool's current schema is the lock connection's too.
    std::string schema;
    _db->query("SELECT current_schema()", {}, [&](const Row& row) { schema = row.getString(0); });
    std::int64_t key = lockKey("statshost-lock:" + schema + ":" + name);
    auto connection = _db->connectDedicated();
    bool acquired = false;
    connection->query("SELECT pg_try_advisory_lock($1)", {key},
                      [&](const Row& row) { acquired = row.getString(0) == "t"; });
    if (!acquired) return nullptr;
    auto lock = std::make_unique<PostgresLock>(_db, std::move(connection), name, owner, key);
    _db->exec(kRecordLock, {name, owner, now, expires});  // a failure here unlocks through ~PostgresLock
    return lock;
}

}  // namespace statshost::storage
