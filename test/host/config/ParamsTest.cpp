#include <cppunit/extensions/HelperMacros.h>

#include "config/YamlReader.h"

using namespace statshost;

namespace {
Params parse(const std::string& yaml) { return config::toParams(YAML::Load(yaml), "f.yaml", "root"); }
}  // namespace

class ParamsTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ParamsTest);
    CPPUNIT_TEST(scalarsGetYamlCoreTypes);
    CPPUNIT_TEST(listsAndMaps);
    CPPUNIT_TEST(errorsNameTheKeyPath);
    CPPUNIT_TEST(requireOnlyKeys);
    CPPUNIT_TEST_SUITE_END();

public:
    void scalarsGetYamlCoreTypes() {
        auto p = parse("i: 42\nneg: -7\nf: 2.5\nb: true\nq: \"42\"\ns: hello\nn: null\nt: ~\nyes: yes\n");
        CPPUNIT_ASSERT_EQUAL(std::int64_t(42), p.getInt("i", 0));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(-7), p.getInt("neg", 0));
        CPPUNIT_ASSERT_DOUBLES_EQUAL(2.5, p.getNumber("f", 0), 1e-12);
        CPPUNIT_ASSERT_DOUBLES_EQUAL(42.0, p.getNumber("i", 0), 1e-12);
        CPPUNIT_ASSERT(p.getBool("b", false));
        CPPUNIT_ASSERT_EQUAL(std::string("42"), p.getString("q", ""));
        CPPUNIT_ASSERT_EQUAL(std::string("hello"), p.getString("s", ""));
        CPPUNIT_ASSERT(p.child("n").isEmpty());
        CPPUNIT_ASSERT(p.child("t").isEmpty());
        CPPUNIT_ASSERT_EQUAL(std::string("yes"), p.getString("yes", ""));  // YAML 1.2: a string
        CPPUNIT_ASSERT_EQUAL(std::string("dflt"), p.getString("absent", "dflt"));
    }

    void listsAndMaps() {
        auto p = parse("list: [a, b, c]\nnested: {x: {y: 3}}\nobjs:\n  - {id: 1}\n  - {id: 2}\n");
        auto list = p.child("list").asStringList();
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), list.size());
        CPPUNIT_ASSERT_EQUAL(std::string("c"), list[2]);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(3), p.child("nested").child("x").getInt("y", 0));
        auto objs = p.child("objs").items();
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), objs.size());
        CPPUNIT_ASSERT_EQUAL(std::int64_t(2), objs[1].getInt("id", 0));
        CPPUNIT_ASSERT(p.isMap());
        CPPUNIT_ASSERT(p.child("list").isList());
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), p.keys().size());
    }

    void errorsNameTheKeyPath() {
        auto p = parse("a: {b: text, l: [1, x]}\n");
        try {
            p.child("a").getInt("b", 0);
            CPPUNIT_FAIL("expected ConfigError");
        } catch (const ConfigError& e) {
            CPPUNIT_ASSERT_EQUAL(std::string("f.yaml: root.a.b"), e.keyPath());
            CPPUNIT_ASSERT_EQUAL(std::string("expected an integer"), e.problem());
        }
        try {
            p.child("a").child("l").items()[1].asInt();
            CPPUNIT_FAIL("expected ConfigError");
        } catch (const ConfigError& e) {
            CPPUNIT_ASSERT_EQUAL(std::string("f.yaml: root.a.l[1]"), e.keyPath());
        }
        CPPUNIT_ASSERT_THROW(p.child("a").child("b").child("c"), ConfigError);
        CPPUNIT_ASSERT_THROW(p.child("a").getBool("b", false), ConfigError);
        CPPUNIT_ASSERT_THROW(p.child("a").child("b").items(), ConfigError);
    }

    void requireOnlyKeys() {
        auto p = parse("days: 3\ntga: x\n");
        try {
            p.requireOnlyKeys({"days", "tag"});
            CPPUNIT_FAIL("expected ConfigError");
        } catch (const ConfigError& e) {
            CPPUNIT_ASSERT_EQUAL(std::string("f.yaml: root.tga"), e.keyPath());
        }
        parse("days: 3\n").requireOnlyKeys({"days", "tag"});
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ParamsTest);
