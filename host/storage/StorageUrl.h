#pragma once
/// Parsing of storage URLs into what the backends need.
///
///   sqlite:PATH                              PATH relative to the current directory or absolute
///   postgresql://[user[:password]@]host[:port]/dbname[?key=value&...]   (also postgres://)
///
/// PostgreSQL URLs become a libpq `key=value` connection string as Poco's connector needs it: values are
/// URL-decoded and must not contain whitespace (Poco splits the string on spaces), except `options`,
/// whose spaces are passed as escaped TABs that libpq keeps and the server splits on.
/// `connect_timeout=10` and `client_encoding=UTF8` are added when absent and `-cTimeZone=UTC` is appended to
/// `options`.
#include <string>

#include "storage/Dialect.h"

namespace statshost::storage {

class StorageUrl {
public:
    /// Throws StorageError naming the problem (never the password) for anything else.
    static StorageUrl parse(const std::string& url);

    Dialect dialect() const { return _dialect; }
    /// SQLite: the database file as written in the URL (not yet made absolute).
    const std::string& sqlitePath() const { return _sqlitePath; }
    /// PostgreSQL: the libpq connection string. Contains the password: never log it.
    const std::string& connectionString() const { return _connectionString; }
    /// The URL with any password replaced by "***", safe for logs and messages.
    const std::string& redacted() const { return _redacted; }
    /// Removes the password from `message` (for driver errors that might echo connection parameters).
    std::string scrub(const std::string& message) const;

private:
    Dialect _dialect = Dialect::SQLite;
    std::string _sqlitePath;
    std::string _connectionString;
    std::string _redacted;
    std::string _password;
};

/// `url` with the password of a `scheme://user:password@...` authority and any `password=` query value
/// replaced by "***"; other text unchanged. Works on URLs that do not parse.
std::string redactUrl(const std::string& url);

}  // namespace statshost::storage
