#include <cppunit/extensions/HelperMacros.h>

#include <iostream>

#include "ClassifyTestSupport.h"
#include "MmdbTestWriter.h"
#include "statshost/Errors.h"
#include "support/TestEnv.h"
#include "usage/classify/CountryLookup.h"
#include "usage/classify/CountryRanges.h"
#include "usage/classify/IpAddress.h"
#include "usage/classify/MmdbCountry.h"

namespace statshost::usage {

namespace {

std::string fixture(const std::string& name) { return statshost::test::fixturePath("usage/" + name); }

CountryLookup fixtureLookup() {
    return CountryLookup::fromRangeFiles(fixture("geoip_v4_ranges.txt"), fixture("geoip_v6_ranges.txt"));
}

std::string expectConfigError(const std::string& file, const std::string& v4, const std::string& v6) {
    try {
        CountryLookup::fromRangeFiles(v4, v6);
    } catch (const ConfigError& e) {
        CPPUNIT_ASSERT_EQUAL(file, e.keyPath());
        return e.problem();
    }
    CPPUNIT_FAIL("loaded " + file);
    return "";
}

}  // namespace

class CountryLookupTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(CountryLookupTest);
    CPPUNIT_TEST(parsesAddresses);
    CPPUNIT_TEST(publicAndNonPublicAddresses);
    CPPUNIT_TEST(ipv4RangesIncludingEdges);
    CPPUNIT_TEST(ipv6RangesIncludingEdges);
    CPPUNIT_TEST(mappedIpv6UsesTheIpv4Table);
    CPPUNIT_TEST(garbageAndPrivateAddressesHaveNoCountry);
    CPPUNIT_TEST(adjacentRangesOfOneCountryAreMerged);
    CPPUNIT_TEST(malformedRangeFilesAreConfigErrors);
    CPPUNIT_TEST(installedTorGeoipFiles);
    CPPUNIT_TEST(mmdbLookups);
    CPPUNIT_TEST(noneKnowsNoCountry);
    CPPUNIT_TEST_SUITE_END();

public:
    void parsesAddresses() {
        auto a = parseIpAddress(" 3.0.0.1 ");
        CPPUNIT_ASSERT(a && a->v4 && a->v4Value() == 0x03000001u);
        a = parseIpAddress("[2a00:1000::1]");
        CPPUNIT_ASSERT(a && !a->v4 && a->value == ((Uint128(0x2a001000) << 96) | 1));
        a = parseIpAddress("::ffff:3.0.0.1");
        CPPUNIT_ASSERT(a && a->v4 && a->v4Value() == 0x03000001u);
        a = parseIpAddress("::FFFF:300:1");  // hex form of the same mapped address
        CPPUNIT_ASSERT(a && a->v4 && a->v4Value() == 0x03000001u);
        CPPUNIT_ASSERT(parseIpAddress("::1") && !parseIpAddress("::1")->v4);
        for (const char* bad : {"", " ", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4:80", "[1.2.3.4]",
                                "fe80::1%eth0", "2001:db8::g", "2001:db8:::1", "abc", "1.2.3.4/24", "::ffff:1.2.3"})
            CPPUNIT_ASSERT_MESSAGE(bad, !parseIpAddress(bad));
        CPPUNIT_ASSERT(!parseIpAddress(std::string(100, '1')));
    }

    void publicAndNonPublicAddresses() {
        auto pub = [](const char* ip) { return isPublicAddress(*parseIpAddress(ip)); };
        for (const char* ip : {"8.8.8.8", "3.0.0.1", "1.1.1.1", "223.255.255.255", "100.63.255.255", "100.128.0.0",
                               "172.15.255.255", "172.32.0.0", "2a00:1450::1", "2001:4860:4860::8888"})
            CPPUNIT_ASSERT_MESSAGE(ip, pub(ip));
        for (const char* ip : {"0.0.0.0", "10.1.2.3", "100.64.0.1", "127.0.0.1", "169.254.1.1", "172.16.0.1",
                               "172.31.255.255", "192.168.1.1", "192.0.2.1", "198.51.100.1", "203.0.113.1",
                               "198.18.0.1", "224.0.0.1", "255.255.255.255", "::", "::1", "fe80::1", "fc00::1",
                               "fd12:3456::1", "ff02::1", "2001:db8::1", "::ffff:192.168.0.1", "4000::1"})
            CPPUNIT_ASSERT_MESSAGE(ip, !pub(ip));
    }

    void ipv4RangesIncludingEdges() {
        const CountryLookup l = fixtureLookup();
        CPPUNIT_ASSERT_EQUAL(std::string("DE"), l.country("3.0.0.0"));    // first address of the first range
        CPPUNIT_ASSERT_EQUAL(std::string("DE"), l.country("3.0.0.255"));  // last address
        CPPUNIT_ASSERT_EQUAL(std::string("DE"), l.country("3.0.1.128"));  // lower-case "de" in the file
        CPPUNIT_ASSERT_EQUAL(std::string(""), l.country("3.0.2.7"));      // "??"
        CPPUNIT_ASSERT_EQUAL(std::string("FR"), l.country("3.0.3.0"));    // CRLF line
        CPPUNIT_ASSERT_EQUAL(std::string("FR"), l.country("3.0.3.255"));
        CPPUNIT_ASSERT_EQUAL(std::string("XK"), l.country("3.0.4.0"));    // one-address range, kept as given
        CPPUNIT_ASSERT_EQUAL(std::string(""), l.country("3.0.4.1"));      // just past it
        CPPUNIT_ASSERT_EQUAL(std::string(""), l.country("2.255.255.255"));// just before 3.0.0.0... and after JP
        CPPUNIT_ASSERT_EQUAL(std::string("JP"), l.country("2.0.0.0"));    // out-of-order line, sorted on load
        CPPUNIT_ASSERT_EQUAL(std::string("JP"), l.country("2.0.0.255"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), l.country("1.255.255.255"));// before every range
        CPPUNIT_ASSERT_EQUAL(std::string("NZ"), l.country("223.255.255.0"));
        CPPUNIT_ASSERT_EQUAL(std::string("NZ"), l.country("223.255.255.255"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), l.country("8.8.8.8"));      // past every range
    }

    void ipv6RangesIncludingEdges() {
        const CountryLookup l = fixtureLookup();
        CPPUNIT_ASSERT_EQUAL(std::string("NL"), l.country("2a00:1000::"));
        CPPUNIT_ASSERT_EQUAL(std::string("NL"), l.country("2a00:1000:ffff:ffff:ffff:ffff:ffff:ffff"));
        CPPUNIT_ASSERT_EQUAL(std::string("NL"), l.country("2A00:1000:0:0:0:0:0:1"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), l.country("2a00:fff:ffff:ffff:ffff:ffff:ffff:ffff"));  // before
        CPPUNIT_ASSERT_EQUAL(std::string(""), l.country("2a00:1001::1"));                            // "??"
        CPPUNIT_ASSERT_EQUAL(std::string(""), l.country("2a00:1001::1:0"));                          // after it
        CPPUNIT_ASSERT_EQUAL(std::string("ZA"), l.country("2c0f:ff00::"));  // upper-case hex in the file
        CPPUNIT_ASSERT_EQUAL(std::string("ZA"), l.country("2c0f:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
        CPPUNIT_ASSERT_EQUAL(std::string("BR"), l.country("3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), l.country("3fff:ffff:ffff:ffff:ffff:ffff:ffff:feff"));
        CPPUNIT_ASSERT_EQUAL(std::string("NL"), l.country("[2a00:1000::5]"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), l.v6Ranges());
    }

    void mappedIpv6UsesTheIpv4Table() {
        const CountryLookup l = fixtureLookup();
        CPPUNIT_ASSERT_EQUAL(std::string("DE"), l.country("::ffff:3.0.0.1"));
        CPPUNIT_ASSERT_EQUAL(std::string("NZ"), l.country("::ffff:223.255.255.255"));
        CPPUNIT_ASSERT_EQUAL(std::string("FR"), l.country("::ffff:300:310"));  // 3.0.3.16 in hex form
        CPPUNIT_ASSERT_EQUAL(std::string(""), l.country("::ffff:10.0.0.1"));   // private
        CPPUNIT_ASSERT_EQUAL(std::string(""), l.country("::3.0.0.1"));         // IPv4-compatible is not mapped
    }

    void garbageAndPrivateAddressesHaveNoCountry() {
        const CountryLookup l = fixtureLookup();
        for (const char* ip : {"", "garbage", "3.0.0", "3.0.0.256", "3.0.0.1:80", "2a00:1000::/32", "::ffff:",
                               "10.0.0.1", "192.168.0.1", "127.0.0.1", "::1", "fe80::1", "\xFF\xFE"})
            CPPUNIT_ASSERT_EQUAL_MESSAGE(ip, std::string(""), l.country(ip));
    }

    void adjacentRangesOfOneCountryAreMerged() {
        const CountryLookup l = fixtureLookup();
        // DE 3.0.0.0/24 + de 3.0.1.0/24 merge; then ??(skipped), FR, XK, NZ, JP.
        CPPUNIT_ASSERT_EQUAL(std::size_t(5), l.v4Ranges());
        CountryRanges r;
        r.addV4Text("10,19,AA\n20,29,AA\n30,39,BB\n41,50,BB\n", "inline");
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), r.v4Ranges());  // 10-29 AA, 30-39 BB, 41-50 BB (gap at 40)
        CPPUNIT_ASSERT_EQUAL(std::string("AA"), r.find(IpAddress{true, 29}));
        CPPUNIT_ASSERT_EQUAL(std::string(""), r.find(IpAddress{true, 40}));
        CPPUNIT_ASSERT_EQUAL(std::string("BB"), r.find(IpAddress{true, 41}));
        r.addV4Text("4294967040,4294967295,ZZ\n", "inline");  // the very last addresses
        CPPUNIT_ASSERT_EQUAL(std::string("ZZ"), r.find(IpAddress{true, 0xFFFFFFFFu}));
    }

    void malformedRangeFilesAreConfigErrors() {
        statshost::test::TempDir dir;
        const std::string v4 = dir.file("v4"), v6 = dir.file("v6");
        const std::string missing = dir.file("missing");
        CPPUNIT_ASSERT(expectConfigError(missing, missing, "").find("cannot open") != std::string::npos);
        test::writeFile(v4, "# c\n10,20,AA\n30,20,BB\n");
        CPPUNIT_ASSERT(expectConfigError(v4, v4, "").find("line 3") != std::string::npos);
        test::writeFile(v4, "10,20\n");
        CPPUNIT_ASSERT(expectConfigError(v4, v4, "").find("line 1") != std::string::npos);
        test::writeFile(v4, "10,x20,AA\n");
        expectConfigError(v4, v4, "");
        test::writeFile(v4, "10,4294967296,AA\n");
        expectConfigError(v4, v4, "");
        test::writeFile(v4, "10,20,AA\n");
        test::writeFile(v6, "2a00::,2a00::ff,NL\n2a00::,zz::,NL\n");
        CPPUNIT_ASSERT(expectConfigError(v6, v4, v6).find("line 2") != std::string::npos);
        test::writeFile(v6, "2a00::ff,2a00::,NL\n");
        expectConfigError(v6, v4, v6);
    }

    void installedTorGeoipFiles() {
        const std::string v4 = test::installedGeoipV4(), v6 = test::installedGeoipV6();
        if (v4.empty() || v6.empty()) {
            std::cout << "\n  [skip] tor-geoipdb not installed (/usr/share/tor/geoip{,6}); "
                         "installed-file checks skipped" << std::endl;
            return;
        }
        const std::int64_t start = test::steadyNanos();
        const double cpu = test::cpuMillis();
        const CountryLookup l = CountryLookup::fromRangeFiles(v4, v6);
        const double ms = test::elapsedMillis(start);
        std::cout << "\n  [measure] tor-geoipdb load: wall " << ms << " ms, cpu " << test::cpuMillis() - cpu
                  << " ms (" << l.v4Ranges() << " IPv4 + "
                  << l.v6Ranges() << " IPv6 ranges after merging)" << std::endl;
        CPPUNIT_ASSERT(l.v4Ranges() > 10000);
        CPPUNIT_ASSERT(l.v6Ranges() > 10000);
        // Long-stable assignments (registries and large networks).
        CPPUNIT_ASSERT_EQUAL(std::string("US"), l.country("8.8.8.8"));               // Google DNS
        CPPUNIT_ASSERT_EQUAL(std::string("NL"), l.country("193.0.6.139"));           // RIPE NCC
        CPPUNIT_ASSERT_EQUAL(std::string("BR"), l.country("200.160.2.3"));           // NIC.br
        CPPUNIT_ASSERT_EQUAL(std::string("US"), l.country("2001:4860:4860::8888"));  // Google DNS
        CPPUNIT_ASSERT_EQUAL(std::string("NL"), l.country("2001:67c:2e8::2"));       // RIPE NCC
        CPPUNIT_ASSERT_EQUAL(std::string("US"), l.country("::ffff:8.8.8.8"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), l.country("10.0.0.1"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), l.country("2001:db8::1"));
    }

    void mmdbLookups() {
        if (!MmdbCountry::available()) {
            std::cout << "\n  [skip] built without libmaxminddb" << std::endl;
            CPPUNIT_ASSERT_THROW(CountryLookup::fromMmdb("/nonexistent.mmdb"), ConfigError);
            return;
        }
        statshost::test::TempDir dir;
        const std::string path = dir.file("test-country.mmdb");
        test::writeFile(path, test::buildIpv4CountryMmdb({{0x03000000u, 24, "SE"},  // 3.0.0.0/24
                                                          {0x32000000u, 8, "CA"},   // 50.0.0.0/8
                                                          {0x03000100u, 24, "S1"},  // invalid code
                                                          {0x03000200u, 24, "se"}}));
        const CountryLookup l = CountryLookup::fromMmdb(path);
        CPPUNIT_ASSERT_EQUAL(std::string("mmdb"), l.kind());
        CPPUNIT_ASSERT_EQUAL(std::string("SE"), l.country("3.0.0.0"));
        CPPUNIT_ASSERT_EQUAL(std::string("SE"), l.country("3.0.0.255"));
        CPPUNIT_ASSERT_EQUAL(std::string("CA"), l.country("50.1.2.3"));
        CPPUNIT_ASSERT_EQUAL(std::string("CA"), l.country("50.255.255.255"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), l.country("51.0.0.0"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), l.country("3.0.1.1"));   // invalid code in the record
        CPPUNIT_ASSERT_EQUAL(std::string("SE"), l.country("3.0.2.1"));  // upper-cased
        CPPUNIT_ASSERT_EQUAL(std::string(""), l.country("3.0.3.1"));   // no record
        CPPUNIT_ASSERT_EQUAL(std::string("SE"), l.country("::ffff:3.0.0.9"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), l.country("2a00:1000::1"));  // IPv6 in an IPv4-only database
        CPPUNIT_ASSERT_EQUAL(std::string(""), l.country("10.0.0.1"));
        CPPUNIT_ASSERT_EQUAL(std::string(""), l.country("garbage"));

        const std::string notMmdb = fixture("geoip_v4_ranges.txt");
        try {
            CountryLookup::fromMmdb(notMmdb);
            CPPUNIT_FAIL("opened a text file as mmdb");
        } catch (const ConfigError& e) {
            CPPUNIT_ASSERT_EQUAL(notMmdb, e.keyPath());
        }
        CPPUNIT_ASSERT_THROW(CountryLookup::fromMmdb(dir.file("missing.mmdb")), ConfigError);
    }

    void noneKnowsNoCountry() {
        const CountryLookup l = CountryLookup::none();
        CPPUNIT_ASSERT_EQUAL(std::string("none"), l.kind());
        CPPUNIT_ASSERT_EQUAL(std::string(""), l.country("8.8.8.8"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CountryLookupTest);

}  // namespace statshost::usage
