// TokenAuth: hashing, header parsing, constant-time lookup, scopes, configuration errors.
#include <cppunit/extensions/HelperMacros.h>

#include "http/TokenAuth.h"
#include "statshost/Errors.h"

namespace statshost::http {

namespace {

config::TokenConfig token(const std::string& name, const std::string& secret, std::vector<std::string> scopes) {
    return {name, TokenAuth::sha256Hex(secret), std::move(scopes)};
}

}  // namespace

class TokenAuthTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(TokenAuthTest);
    CPPUNIT_TEST(sha256HexMatchesKnownVector);
    CPPUNIT_TEST(validBearerTokenAuthenticates);
    CPPUNIT_TEST(wrongSecretIsRejected);
    CPPUNIT_TEST(missingOrMalformedHeaderIsRejected);
    CPPUNIT_TEST(upperCaseDigestInConfigIsAccepted);
    CPPUNIT_TEST(scopesAndAdminImpliesAll);
    CPPUNIT_TEST(badConfigurationIsRejected);
    CPPUNIT_TEST_SUITE_END();

public:
    void sha256HexMatchesKnownVector() {
        CPPUNIT_ASSERT_EQUAL(std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                             TokenAuth::sha256Hex("abc"));
    }

    void validBearerTokenAuthenticates() {
        TokenAuth auth({token("reader", "r-secret", {"read-restricted"}), token("ingestor", "i-secret", {"ingest"})});
        auto id = auth.authenticate("Bearer i-secret");
        CPPUNIT_ASSERT(id.has_value());
        CPPUNIT_ASSERT_EQUAL(std::string("ingestor"), id->name);
        CPPUNIT_ASSERT(id->scopes == std::set<std::string>{"ingest"});
        CPPUNIT_ASSERT_EQUAL(std::string("reader"), auth.authenticate("bearer   r-secret ")->name);
        CPPUNIT_ASSERT_EQUAL(std::string("reader"), auth.authenticate("BEARER r-secret")->name);
    }

    void wrongSecretIsRejected() {
        TokenAuth auth({token("reader", "r-secret", {"read-restricted"})});
        CPPUNIT_ASSERT(!auth.authenticate("Bearer r-secreT").has_value());
        CPPUNIT_ASSERT(!auth.authenticate("Bearer " + TokenAuth::sha256Hex("r-secret")).has_value());
        CPPUNIT_ASSERT(!TokenAuth({}).authenticate("Bearer r-secret").has_value());
    }

    void missingOrMalformedHeaderIsRejected() {
        TokenAuth auth({token("reader", "r-secret", {"read-restricted"})});
        for (const char* header : {"", "Bearer", "Bearer ", "Bearerr-secret", "Basic r-secret", "Bearer r-secret extra",
                                   "r-secret", " Bearer r-secret"})
            CPPUNIT_ASSERT_MESSAGE(header, !auth.authenticate(header).has_value());
    }

    void upperCaseDigestInConfigIsAccepted() {
        config::TokenConfig t = token("reader", "r-secret", {"read-restricted"});
        for (char& c : t.sha256Hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        CPPUNIT_ASSERT(TokenAuth({t}).authenticate("Bearer r-secret").has_value());
    }

    void scopesAndAdminImpliesAll() {
        TokenAuth auth({token("ingestor", "i", {"ingest"}), token("root", "a", {"admin"})});
        Identity ingestor = *auth.authenticate("Bearer i");
        CPPUNIT_ASSERT(ingestor.permits(Permission::Public));
        CPPUNIT_ASSERT(ingestor.permits(Permission::Ingest));
        CPPUNIT_ASSERT(!ingestor.permits(Permission::ReadRestricted));
        CPPUNIT_ASSERT(!ingestor.permits(Permission::Admin));
        Identity root = *auth.authenticate("Bearer a");
        for (Permission p : {Permission::Public, Permission::ReadRestricted, Permission::Ingest, Permission::Admin})
            CPPUNIT_ASSERT(root.permits(p));
        CPPUNIT_ASSERT(root.hasScope("read-restricted"));
    }

    void badConfigurationIsRejected() {
        auto expectError = [](std::vector<config::TokenConfig> tokens, const std::string& keyPart) {
            try {
                TokenAuth auth(tokens);
                CPPUNIT_FAIL("accepted bad tokens: " + keyPart);
            } catch (const ConfigError& e) {
                CPPUNIT_ASSERT_MESSAGE(e.what(), std::string(e.what()).find(keyPart) != std::string::npos);
            }
        };
        config::TokenConfig shortHex{"short", "abcd", {"ingest"}};
        config::TokenConfig notHex{"nothex", std::string(64, 'z'), {"ingest"}};
        expectError({shortHex}, "tokens.short");
        expectError({notHex}, "tokens.nothex");
        expectError({token("a", "s1", {"ingest"}), token("a", "s2", {"ingest"})}, "tokens.a");
        expectError({token("a", "same", {"ingest"}), token("b", "same", {"ingest"})}, "tokens.b");
        expectError({token("a", "s", {"admn"})}, "admn");
        expectError({token("", "s", {"ingest"})}, "empty name");
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(TokenAuthTest);

}  // namespace statshost::http
