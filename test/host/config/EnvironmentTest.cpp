#include <cppunit/extensions/HelperMacros.h>

#include "config/ConfigLoader.h"
#include "ConfigFiles.h"

using namespace statshost;

class EnvironmentTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(EnvironmentTest);
    CPPUNIT_TEST(overridesApplyAfterFiles);
    CPPUNIT_TEST(badPortIsAnError);
    CPPUNIT_TEST(badLogLevelIsAnError);
    CPPUNIT_TEST(tokenListParsed);
    CPPUNIT_TEST(tokenListRejectsBadEntries);
    CPPUNIT_TEST(tokenReplacesSameName);
    CPPUNIT_TEST(sha256KnownAnswer);
    CPPUNIT_TEST_SUITE_END();

public:
    void overridesApplyAfterFiles() {
        test::ConfigFiles f;
        f.main = "server:\n  port: 5000\nstorage:\n  url: sqlite:a.db\n";
        auto cfg = config::loadConfig(f.write(), {{"STATSHOST_DB", "postgresql://u@h/db"},
                                                  {"STATSHOST_PORT", "6001"},
                                                  {"STATSHOST_BIND", "0.0.0.0"},
                                                  {"STATSHOST_LOG_LEVEL", "debug"}});
        CPPUNIT_ASSERT_EQUAL(std::string("postgresql://u@h/db"), cfg.storage.url);
        CPPUNIT_ASSERT_EQUAL(6001, cfg.server.port);
        CPPUNIT_ASSERT_EQUAL(std::string("0.0.0.0"), cfg.server.bind);
        CPPUNIT_ASSERT_EQUAL(std::string("debug"), cfg.logLevel);
        // A relative STATSHOST_DB stays relative to the working directory.
        cfg = config::loadConfig(f.write(), {{"STATSHOST_DB", "sqlite:rel.db"}});
        CPPUNIT_ASSERT_EQUAL(std::string("sqlite:rel.db"), cfg.storage.url);
        // Empty values do not override.
        cfg = config::loadConfig(f.write(), {{"STATSHOST_PORT", ""}});
        CPPUNIT_ASSERT_EQUAL(5000, cfg.server.port);
    }

    void badPortIsAnError() {
        test::ConfigFiles f;
        try {
            config::loadConfig(f.write(), {{"STATSHOST_PORT", "50x"}});
            CPPUNIT_FAIL("expected ConfigError");
        } catch (const ConfigError& e) {
            CPPUNIT_ASSERT_EQUAL(std::string("STATSHOST_PORT"), e.keyPath());
        }
        CPPUNIT_ASSERT_THROW(config::loadConfig(f.write(), {{"STATSHOST_PORT", "70000"}}), ConfigError);
    }

    void badLogLevelIsAnError() {
        test::ConfigFiles f;
        CPPUNIT_ASSERT_THROW(config::loadConfig(f.write(), {{"STATSHOST_LOG_LEVEL", "loud"}}), ConfigError);
    }

    void tokenListParsed() {
        auto tokens = config::parseTokenList("ops:0123456789abcdef0:ingest,admin ; viewer:fedcba9876543210x:read-restricted");
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), tokens.size());
        CPPUNIT_ASSERT_EQUAL(std::string("ops"), tokens[0].name);
        CPPUNIT_ASSERT_EQUAL(config::sha256Hex("0123456789abcdef0"), tokens[0].sha256Hex);
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), tokens[0].scopes.size());
        CPPUNIT_ASSERT_EQUAL(std::string("read-restricted"), tokens[1].scopes[0]);
        // A secret may contain ':' (name is up to the first colon, scopes after the last).
        tokens = config::parseTokenList("x:abc:def:ghijklmnopqr:ingest");
        CPPUNIT_ASSERT_EQUAL(config::sha256Hex("abc:def:ghijklmnopqr"), tokens[0].sha256Hex);
    }

    void tokenListRejectsBadEntries() {
        CPPUNIT_ASSERT_THROW(config::parseTokenList("ops"), ConfigError);
        CPPUNIT_ASSERT_THROW(config::parseTokenList("ops:short:ingest"), ConfigError);
        CPPUNIT_ASSERT_THROW(config::parseTokenList("ops:0123456789abcdef0:superuser"), ConfigError);
        CPPUNIT_ASSERT_THROW(config::parseTokenList("ops:0123456789abcdef0:"), ConfigError);
        CPPUNIT_ASSERT_THROW(config::parseTokenList(":0123456789abcdef0:ingest"), ConfigError);
    }

    void tokenReplacesSameName() {
        test::ConfigFiles f;
        f.main = "tokens:\n  - {name: ops, sha256: " + config::sha256Hex("file-secret-123456") + ", scopes: [ingest]}\n";
        auto cfg = config::loadConfig(f.write(), {{"STATSHOST_TOKENS", "ops:env-secret-1234567:admin;new:another-secret-1234:ingest"}});
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), cfg.tokens.size());
        CPPUNIT_ASSERT_EQUAL(config::sha256Hex("env-secret-1234567"), cfg.tokens[0].sha256Hex);
        CPPUNIT_ASSERT_EQUAL(std::string("admin"), cfg.tokens[0].scopes[0]);
        CPPUNIT_ASSERT_EQUAL(std::string("new"), cfg.tokens[1].name);
    }

    void sha256KnownAnswer() {
        CPPUNIT_ASSERT_EQUAL(std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                             config::sha256Hex("abc"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(EnvironmentTest);
