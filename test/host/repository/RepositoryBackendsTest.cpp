// The repository-tables contract on SQLite and on PostgreSQL, plus what only one backend promises.
#include <cstdio>

#include "RepositoryContract.h"

using namespace statshost;
using namespace statshost::test;

class SqliteRepositoryTest : public RepositoryContract {
    CPPUNIT_TEST_SUB_SUITE(SqliteRepositoryTest, RepositoryContract);
    CPPUNIT_TEST(testSqliteSupportsReturning);
    CPPUNIT_TEST_SUITE_END();

public:
    /// The change counter uses UPDATE ... RETURNING (SQLite 3.35) and IS DISTINCT FROM (3.39).
    void testSqliteSupportsReturning() {
        std::string version;
        db().query("SELECT sqlite_version()", {}, [&](const storage::Row& row) { version = row.getString(0); });
        int major = 0, minor = 0;
        CPPUNIT_ASSERT_EQUAL(2, std::sscanf(version.c_str(), "%d.%d", &major, &minor));
        CPPUNIT_ASSERT_MESSAGE(version, major > 3 || (major == 3 && minor >= 39));
    }

protected:
    std::unique_ptr<RepoBackend> makeBackend() override { return std::make_unique<SqliteRepoBackend>(); }
};

class PostgresRepositoryTest : public RepositoryContract {
    CPPUNIT_TEST_SUB_SUITE(PostgresRepositoryTest, RepositoryContract);
    CPPUNIT_TEST(testKeysCompareBytewise);
    CPPUNIT_TEST_SUITE_END();

public:
    /// Ordering of ids must not depend on the database's locale.
    void testKeysCompareBytewise() {
        if (!ready()) return;
        std::int64_t cCollated = scalar(db(), "SELECT count(*) FROM information_schema.columns "
                                              "WHERE table_schema = current_schema() AND collation_name = 'C'");
        CPPUNIT_ASSERT_EQUAL(std::int64_t{13}, cCollated);  // every id and key column
        tx([](repository::RepositoryTx& r) { r.setCommunitiesOf("p", {"b", "_a", "B", "a", "é"}); });
        tx([](repository::RepositoryTx& r) {
            CPPUNIT_ASSERT((r.communitiesOf("p") == std::vector<std::string>{"B", "_a", "a", "b", "é"}));
        });
    }

protected:
    std::unique_ptr<RepoBackend> makeBackend() override { return std::make_unique<PostgresRepoBackend>(); }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SqliteRepositoryTest);
CPPUNIT_TEST_SUITE_REGISTRATION(PostgresRepositoryTest);
