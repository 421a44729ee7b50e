// The real InvenioRDM fixture records publish through the services on both backends
// (ids, parent and created added where a fixture lacks them).
#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <Poco/DirectoryIterator.h>
#include <Poco/JSON/Parser.h>

#include "ServiceHarness.h"

using namespace statshost;
using namespace statshost::test;

namespace {

std::vector<std::string> fixtureFiles() {
    std::vector<std::string> files;
    for (Poco::DirectoryIterator it(fixturePath("rdm_records")), end; it != end; ++it)
        if (it.name().size() > 5 && it.name().substr(it.name().size() - 5) == ".json") files.push_back(it.path().toString());
    std::sort(files.begin(), files.end());
    return files;
}

Poco::JSON::Object::Ptr load(const std::string& path, int n) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    auto obj = Poco::JSON::Parser().parse(ss.str()).extract<Poco::JSON::Object::Ptr>();
    if (!obj->has("id")) obj->set("id", "fixture-" + std::to_string(n));
    if (!obj->has("created")) obj->set("created", "2024-02-0" + std::to_string(1 + n % 9) + "T10:00:00+00:00");
    auto parent = obj->getObject("parent");
    if (!parent) {
        parent = new Poco::JSON::Object;
        obj->set("parent", parent);
    }
    if (!parent->has("id")) parent->set("id", "fixture-parent-" + std::to_string(n));
    parent->remove("communities");
    return obj;
}

}  // namespace

class FixturePublishTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(FixturePublishTest);
    CPPUNIT_TEST(everyFixturePublishes);
    CPPUNIT_TEST_SUITE_END();

public:
    void everyFixturePublishes() {
        auto files = fixtureFiles();
        CPPUNIT_ASSERT_EQUAL(std::size_t(8), files.size());
        SqliteBackend sqlite;
        PostgresBackend postgres;
        for (TestBackend* b : {static_cast<TestBackend*>(&sqlite), static_cast<TestBackend*>(&postgres)}) {
            if (!b->available()) continue;
            ServiceHarness h(*b);
            for (std::size_t i = 0; i < files.size(); ++i) {
                auto record = load(files[i], static_cast<int>(i));
                std::string id = record->getValue<std::string>("id");
                services::Outcome o;
                try {
                    o = h.call([&](services::ServiceTx& tx) { return tx.publish(record); });
                } catch (const std::exception& e) {
                    CPPUNIT_FAIL(files[i] + ": " + e.what());
                }
                CPPUNIT_ASSERT_EQUAL_MESSAGE(files[i], std::string("created"), o.status);
                h.call([&](services::ServiceTx& tx) {
                    auto row = tx.repository().recordRow(id);
                    CPPUNIT_ASSERT_MESSAGE(files[i], row.has_value());
                    CPPUNIT_ASSERT_MESSAGE(files[i], !row->facets.empty());
                    CPPUNIT_ASSERT_MESSAGE(files[i], row->filesEnabled == (row->fileCount > 0));
                    return services::Outcome{};
                });
                // Publishing the same JSON again is a no-op.
                CPPUNIT_ASSERT_EQUAL(std::string("unchanged"),
                                     h.call([&](services::ServiceTx& tx) { return tx.publish(record); }).status);
            }
            CPPUNIT_ASSERT_EQUAL(files.size(), h.log().size());  // one global event each
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(FixturePublishTest);
