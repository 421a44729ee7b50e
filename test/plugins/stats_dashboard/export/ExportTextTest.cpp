#include <cppunit/extensions/HelperMacros.h>

#include "ExportText.h"

using namespace statshost::dashboard::detail;

namespace {
const std::string kFffd = "\xEF\xBF\xBD";
}

class ExportTextTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ExportTextTest);
    CPPUNIT_TEST(invalidUtf8IsReplaced);
    CPPUNIT_TEST(xmlSafeTextDropsWhatXmlCannotCarry);
    CPPUNIT_TEST(truncationCountsCodePoints);
    CPPUNIT_TEST(namePartsAreSafePathComponents);
    CPPUNIT_TEST(isoDatesAreStrict);
    CPPUNIT_TEST(decimalsHaveNoExponent);
    CPPUNIT_TEST_SUITE_END();

public:
    void invalidUtf8IsReplaced() {
        CPPUNIT_ASSERT_EQUAL(std::string("plain \xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80"),
                             validUtf8("plain \xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80"));
        CPPUNIT_ASSERT_EQUAL("a" + kFffd + "b", validUtf8("a\xFF" "b"));             // not a lead byte
        CPPUNIT_ASSERT_EQUAL("a" + kFffd, validUtf8("a\xC3"));                       // cut short
        CPPUNIT_ASSERT_EQUAL(kFffd + kFffd, validUtf8("\xC0\xAF"));                 // overlong '/'
        CPPUNIT_ASSERT_EQUAL(kFffd + kFffd + kFffd, validUtf8("\xED\xA0\x80"));     // surrogate
        CPPUNIT_ASSERT_EQUAL(kFffd + kFffd + kFffd + kFffd, validUtf8("\xF4\x90\x80\x80"));  // > U+10FFFF
    }

    void xmlSafeTextDropsWhatXmlCannotCarry() {
        CPPUNIT_ASSERT_EQUAL("a" + kFffd + "\t\n\r" + kFffd + "z", xmlSafeText("a\x01\t\n\r\x1F" "z"));
        CPPUNIT_ASSERT_EQUAL(kFffd, xmlSafeText("\xEF\xBF\xBE"));  // U+FFFE
        CPPUNIT_ASSERT_EQUAL(std::string("\xC3\xA9<&>"), xmlSafeText("\xC3\xA9<&>"));  // escaping is not its job
    }

    void truncationCountsCodePoints() {
        CPPUNIT_ASSERT_EQUAL(std::string("\xC3\xA9\xC3\xA9"), truncateCodePoints("\xC3\xA9\xC3\xA9\xC3\xA9", 2));
        CPPUNIT_ASSERT_EQUAL(std::string("abc"), truncateCodePoints("abc", 5));
        CPPUNIT_ASSERT_EQUAL(std::string(""), truncateCodePoints("abc", 0));
    }

    void namePartsAreSafePathComponents() {
        CPPUNIT_ASSERT_EQUAL(std::string("record-delta-category"), safeNamePart("record-delta-category"));
        CPPUNIT_ASSERT_EQUAL(std::string("_.._etc_passwd"), safeNamePart("/../etc/passwd"));
        CPPUNIT_ASSERT_EQUAL(std::string("_"), safeNamePart(".."));
        CPPUNIT_ASSERT_EQUAL(std::string("_"), safeNamePart(""));
        CPPUNIT_ASSERT_EQUAL(std::string("hidden"), safeNamePart(".hidden"));
        CPPUNIT_ASSERT_EQUAL(std::string("caf__"), safeNamePart("caf\xC3\xA9"));
    }

    void isoDatesAreStrict() {
        CPPUNIT_ASSERT_EQUAL(std::string("2024-02-29"), parseIsoDate("2024-02-29")->text());
        CPPUNIT_ASSERT(!parseIsoDate("2025-02-29"));
        CPPUNIT_ASSERT(!parseIsoDate("0000-01-01"));
        CPPUNIT_ASSERT(!parseIsoDate("2025-1-01"));
        CPPUNIT_ASSERT(!parseIsoDate("2025-01-01T00:00:00"));
        CPPUNIT_ASSERT(!parseIsoDate("2025/01/01"));
        CPPUNIT_ASSERT(!parseIsoDate("+025-01-01"));
        CPPUNIT_ASSERT_EQUAL(9999, parseIsoDate("9999-12-31")->year);
    }

    void decimalsHaveNoExponent() {
        CPPUNIT_ASSERT_EQUAL(std::string("3072"), decimalText(3072.0));
        CPPUNIT_ASSERT_EQUAL(std::string("0.1"), decimalText(0.1));
        CPPUNIT_ASSERT_EQUAL(std::string("-12.25"), decimalText(-12.25));
        CPPUNIT_ASSERT_EQUAL(std::string("1000000000000000000000"), decimalText(1e21));
        CPPUNIT_ASSERT_EQUAL(std::string("0.000001"), decimalText(1e-6));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ExportTextTest);
