// StorageUrl: parsing of sqlite: and postgresql:// URLs, libpq connection strings, redaction.
#include <cppunit/extensions/HelperMacros.h>

#include <functional>

#include "statshost/Errors.h"
#include "storage/Database.h"
#include "storage/Storage.h"
#include "storage/StorageUrl.h"

using statshost::StorageError;
using statshost::storage::Dialect;
using statshost::storage::redactUrl;
using statshost::storage::StorageUrl;

namespace {

/// The StorageError message parse() throws for `url`, or "" when it parses.
std::string parseError(const std::string& url) {
    try {
        StorageUrl::parse(url);
    } catch (const StorageError& e) {
        return e.what();
    }
    return "";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

class StorageUrlTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(StorageUrlTest);
    CPPUNIT_TEST(testSqlite);
    CPPUNIT_TEST(testSqliteRejected);
    CPPUNIT_TEST(testPostgresFull);
    CPPUNIT_TEST(testPostgresMinimalAndAlias);
    CPPUNIT_TEST(testPostgresOptionsAndTimeout);
    CPPUNIT_TEST(testPostgresEscaping);
    CPPUNIT_TEST(testPostgresRejected);
    CPPUNIT_TEST(testUnknownScheme);
    CPPUNIT_TEST(testRedaction);
    CPPUNIT_TEST(testOpenReportsRedactedUrl);
    CPPUNIT_TEST(testEveryFailedConnectIsExplained);
    CPPUNIT_TEST_SUITE_END();

public:
    void testSqlite() {
        StorageUrl relative = StorageUrl::parse("sqlite:data/stats.db");
        CPPUNIT_ASSERT(relative.dialect() == Dialect::SQLite);
        CPPUNIT_ASSERT_EQUAL(std::string("data/stats.db"), relative.sqlitePath());
        CPPUNIT_ASSERT_EQUAL(std::string("sqlite:data/stats.db"), relative.redacted());
        CPPUNIT_ASSERT_EQUAL(std::string("/var/lib/x.db"), StorageUrl::parse("SQLite:/var/lib/x.db").sqlitePath());
    }

    void testSqliteRejected() {
        CPPUNIT_ASSERT(contains(parseError("sqlite:"), "names no SQLite file"));
        CPPUNIT_ASSERT(contains(parseError("sqlite::memory:"), "in-memory"));
        CPPUNIT_ASSERT(contains(parseError("sqlite:file:x.db?mode=memory"), "in-memory"));
        CPPUNIT_ASSERT(contains(parseError("sqlite:///tmp/x.db"), "ambiguous"));
    }

    void testPostgresFull() {
        StorageUrl url = StorageUrl::parse("postgresql://stats:s3cret@db.example.org:5433/statsdb?sslmode=require");
        CPPUNIT_ASSERT(url.dialect() == Dialect::PostgreSQL);
        CPPUNIT_ASSERT_EQUAL(std::string("host=db.example.org port=5433 user=stats password=s3cret dbname=statsdb "
                                         "sslmode=require connect_timeout=10 client_encoding=UTF8 options=-cTimeZone=UTC"),
                             url.connectionString());
        CPPUNIT_ASSERT_EQUAL(std::string("postgresql://stats:***@db.example.org:5433/statsdb?sslmode=require"),
                             url.redacted());
        CPPUNIT_ASSERT_EQUAL(std::string("failed for *** here"), url.scrub("failed for s3cret here"));
    }

    void testPostgresMinimalAndAlias() {
        StorageUrl url = StorageUrl::parse("postgres://localhost/db");
        CPPUNIT_ASSERT(url.dialect() == Dialect::PostgreSQL);
        CPPUNIT_ASSERT_EQUAL(std::string("host=localhost dbname=db connect_timeout=10 client_encoding=UTF8 options=-cTimeZone=UTC"),
                             url.connectionString());
        StorageUrl socket = StorageUrl::parse("postgresql:///db?host=%2Frun%2Fpg");
        CPPUNIT_ASSERT_EQUAL(std::string("dbname=db host=/run/pg connect_timeout=10 client_encoding=UTF8 options=-cTimeZone=UTC"),
                             socket.connectionString());
        StorageUrl v6 = StorageUrl::parse("postgresql://u@[::1]:6000/db");
        CPPUNIT_ASSERT_EQUAL(std::string("host=::1 port=6000 user=u dbname=db connect_timeout=10 client_encoding=UTF8 options=-cTimeZone=UTC"),
                             v6.connectionString());
    }

    void testPostgresOptionsAndTimeout() {
        StorageUrl url = StorageUrl::parse("postgresql://u@h/db?options=-csearch_path%3Dmine&connect_timeout=3");
        // Two server options need a separator Poco does not split on: an escaped TAB, which libpq keeps.
        CPPUNIT_ASSERT_EQUAL(std::string("host=h user=u dbname=db options=-csearch_path=mine\\\t-cTimeZone=UTC "
                                         "connect_timeout=3 client_encoding=UTF8"),
                             url.connectionString());
        StorageUrl spaced = StorageUrl::parse("postgresql://u@h/db?options=-c%20search_path%3Dmine");
        CPPUNIT_ASSERT(contains(spaced.connectionString(), "options=-c\\\tsearch_path=mine\\\t-cTimeZone=UTC"));
    }

    void testPostgresEscaping() {
        StorageUrl url = StorageUrl::parse("postgresql://u:it%27s%5Cok%40@h/db");
        CPPUNIT_ASSERT(contains(url.connectionString(), "password=it\\'s\\\\ok@ "));
        CPPUNIT_ASSERT_EQUAL(std::string("postgresql://u:***@h/db"), url.redacted());
        StorageUrl at = StorageUrl::parse("postgresql://u:p@ss@h/db");  // unescaped '@' in the password
        CPPUNIT_ASSERT_EQUAL(std::string("host=h user=u password=p@ss dbname=db connect_timeout=10 client_encoding=UTF8 options=-cTimeZone=UTC"),
                             at.connectionString());
        CPPUNIT_ASSERT_EQUAL(std::string("postgresql://u:***@h/db"), at.redacted());
    }

    void testPostgresRejected() {
        std::string spaced = parseError("postgresql://u:my%20secret@h/db");
        CPPUNIT_ASSERT(contains(spaced, "password"));
        CPPUNIT_ASSERT(contains(spaced, "whitespace"));
        CPPUNIT_ASSERT(!contains(spaced, "my secret"));
        CPPUNIT_ASSERT(!contains(spaced, "my%20secret"));
        CPPUNIT_ASSERT(contains(parseError("postgresql://h:99999/db"), "invalid port"));
        CPPUNIT_ASSERT(contains(parseError("postgresql://h:abc/db"), "invalid port"));
        CPPUNIT_ASSERT(contains(parseError("postgresql:h/db"), "must start with postgresql://"));
        CPPUNIT_ASSERT(contains(parseError("postgresql://h/db?sslmode"), "bad query parameter"));
        CPPUNIT_ASSERT(contains(parseError("postgresql://h/db?user=a&user=b"), "twice"));
        CPPUNIT_ASSERT(contains(parseError("postgresql://h/d%zzb"), "%-escape"));
        std::string badQuery = parseError("postgresql://u:pw@h/db?password");
        CPPUNIT_ASSERT(!badQuery.empty());
        CPPUNIT_ASSERT(!contains(badQuery, ":pw@"));
    }

    void testUnknownScheme() {
        std::string error = parseError("mysql://root:hunter2@h/db");
        CPPUNIT_ASSERT(contains(error, "unsupported storage URL scheme 'mysql'"));
        CPPUNIT_ASSERT(!contains(error, "hunter2"));
        CPPUNIT_ASSERT(contains(parseError("just-a-path.db"), "has no scheme"));
        CPPUNIT_ASSERT(contains(parseError("http://example.org/x"), "unsupported storage URL scheme 'http'"));
    }

    void testRedaction() {
        CPPUNIT_ASSERT_EQUAL(std::string("postgresql://u:***@h:1/db?password=***&sslmode=disable"),
                             redactUrl("postgresql://u:pw@h:1/db?password=pw2&sslmode=disable"));
        CPPUNIT_ASSERT_EQUAL(std::string("postgresql://u@h/db"), redactUrl("postgresql://u@h/db"));
        CPPUNIT_ASSERT_EQUAL(std::string("postgresql://u:***@h/db"), redactUrl("postgresql://u:a/b?c@h/db"));
        CPPUNIT_ASSERT_EQUAL(std::string("sqlite:x.db"), redactUrl("sqlite:x.db"));
    }

    void testOpenReportsRedactedUrl() {
        std::string error;
        try {
            statshost::storage::Storage::open("postgresql://u:pw-77@127.0.0.1:1/db?connect_timeout=2");
        } catch (const StorageError& e) {
            error = e.what();
        }
        CPPUNIT_ASSERT(contains(error, "cannot connect to postgresql://u:***@127.0.0.1:1/db"));
        CPPUNIT_ASSERT(!contains(error, "pw-77"));
    }

    /// No probe connection precedes a successful one; after a failure (the first one, the retries, and a
    /// dedicated connection) the error still names the redacted URL and the server's reason.
    void testEveryFailedConnectIsExplained() {
        auto url = StorageUrl::parse("postgresql://u:pw-78@127.0.0.1:1/db?connect_timeout=2");
        auto db = statshost::storage::Database::open(url, {});
        auto failure = [](const std::function<void()>& attempt) {
            try {
                attempt();
            } catch (const StorageError& e) {
                return std::string(e.what());
            }
            return std::string("no error");
        };
        for (int attempt = 0; attempt < 3; ++attempt) {
            std::string error = failure([&] { db->withConnection([](statshost::storage::Connection&) {}); });
            CPPUNIT_ASSERT_MESSAGE(error, contains(error, "cannot connect to postgresql://u:***@127.0.0.1:1/db"));
            CPPUNIT_ASSERT_MESSAGE(error, contains(error, "port 1 failed"));  // the server's reason, from libpq
            CPPUNIT_ASSERT_MESSAGE(error, !contains(error, "pw-78"));
        }
        std::string error = failure([&] { db->connectDedicated(); });
        CPPUNIT_ASSERT_MESSAGE(error, contains(error, "cannot connect to postgresql://u:***@127.0.0.1:1/db"));
        CPPUNIT_ASSERT_MESSAGE(error, contains(error, "port 1 failed"));
        CPPUNIT_ASSERT(!contains(error, "pw-78"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(StorageUrlTest);
