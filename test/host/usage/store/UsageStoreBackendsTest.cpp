// The usage-store contract on SQLite and on PostgreSQL, plus what only one backend promises.
#include "UsageStoreContract.h"
#include "usage/store/UsageSchema.h"

using namespace statshost;
using namespace statshost::test;

class SqliteUsageStoreTest : public UsageStoreContract {
    CPPUNIT_TEST_SUB_SUITE(SqliteUsageStoreTest, UsageStoreContract);
    CPPUNIT_TEST_SUITE_END();

protected:
    std::unique_ptr<TestBackend> makeBackend() override { return std::make_unique<SqliteBackend>(); }
};

class PostgresUsageStoreTest : public UsageStoreContract {
    CPPUNIT_TEST_SUB_SUITE(PostgresUsageStoreTest, UsageStoreContract);
    CPPUNIT_TEST(testYearPartitions);
    CPPUNIT_TEST(testKeysCompareBytewise);
    CPPUNIT_TEST_SUITE_END();

public:
    /// One partition per year with events, created on demand; rows land in their year's partition.
    void testYearPartitions() {
        if (!ready()) return;
        CPPUNIT_ASSERT_EQUAL(std::int64_t{0}, partitions());
        store({view("a", "v", at(0, 1, 0, 0)), view("a", "v", at(366, 1, 0, 0)), view("a", "v", at(-1, 23, 0, 0))});
        CPPUNIT_ASSERT_EQUAL(std::int64_t{3}, partitions());
        store({view("b", "v", at(10, 1, 0, 0))}, usage::DoubleClickMode::Counter30s);
        CPPUNIT_ASSERT_EQUAL(std::int64_t{3}, partitions());
        CPPUNIT_ASSERT_EQUAL(std::int64_t{2},
                             scalar(db(), "SELECT count(*) FROM " + usage::schema::partitionName(2024)));
        CPPUNIT_ASSERT_EQUAL(std::int64_t{1},
                             scalar(db(), "SELECT count(*) FROM " + usage::schema::partitionName(2023)));
        CPPUNIT_ASSERT_EQUAL(std::int64_t{1},
                             scalar(db(), "SELECT count(*) FROM " + usage::schema::partitionName(2025)));
    }

    /// Ids compare bytewise (scan ties and keys must not depend on the database's locale).
    void testKeysCompareBytewise() {
        if (!ready()) return;
        std::int64_t cCollated = scalar(db(),
                                        "SELECT count(*) FROM information_schema.columns WHERE table_schema = "
                                        "current_schema() AND table_name = 'usage_events' AND collation_name = 'C'");
        CPPUNIT_ASSERT_EQUAL(std::int64_t{12}, cCollated);
        // "a" and "A" are different visitors.
        store({view("r", "a", at(0, 1, 0, 0)), view("r", "A", at(0, 1, 0, 1))});
        CPPUNIT_ASSERT_EQUAL(std::int64_t{2}, rowCount(db(), "usage_events"));
    }

protected:
    std::unique_ptr<TestBackend> makeBackend() override { return std::make_unique<PostgresBackend>(); }

private:
    std::int64_t partitions() {
        return scalar(db(),
                      "SELECT count(*) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent "
                      "JOIN pg_namespace n ON n.oid = p.relnamespace WHERE p.relname = 'usage_events' "
                      "AND n.nspname = current_schema() AND p.relkind = 'p'");
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(SqliteUsageStoreTest);
CPPUNIT_TEST_SUITE_REGISTRATION(PostgresUsageStoreTest);
