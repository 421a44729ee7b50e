#include "ClassifyTestSupport.h"

#include <Poco/DateTimeParser.h>
#include <Poco/File.h>
#include <cppunit/extensions/HelperMacros.h>

#include <chrono>
#include <ctime>
#include <fstream>

namespace statshost::usage::test {

namespace {

std::string ifExists(const std::string& path) { return Poco::File(path).exists() ? path : std::string(); }

}  // namespace

std::string shippedRobotsList() { return std::string(STATSHOST_SOURCE_DIR) + "/conf/data/COUNTER_Robots_list.json"; }
std::string shippedMachinesList() { return std::string(STATSHOST_SOURCE_DIR) + "/conf/data/mdc_machine_agents.txt"; }
std::string installedGeoipV4() { return ifExists("/usr/share/tor/geoip"); }
std::string installedGeoipV6() { return ifExists("/usr/share/tor/geoip6"); }
std::string installedIsoCodes() { return ifExists("/usr/share/iso-codes/json/iso_3166-1.json"); }

const std::vector<std::string>& browserAgents() {
    static const std::vector<std::string> agents = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 "
        "Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 "
        "Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/17.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 "
        "Mobile Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 "
        "Safari/537.36 Edg/120.0.2210.91",
    };
    return agents;
}

std::int64_t utcMicros(const std::string& text) {
    int tzd = 0;
    const Poco::DateTime t = Poco::DateTimeParser::parse("%Y-%m-%dT%H:%M:%S", text, tzd);
    CPPUNIT_ASSERT_EQUAL(0, tzd);
    return t.timestamp().epochMicroseconds();
}

std::int64_t steadyNanos() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

double elapsedMillis(std::int64_t startNanos) { return (steadyNanos() - startNanos) / 1e6; }

double cpuMillis() { return std::clock() * 1000.0 / CLOCKS_PER_SEC; }

void writeFile(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::binary);
    out << content;
    out.close();
    CPPUNIT_ASSERT_MESSAGE("cannot write " + path, out.good());
}

}  // namespace statshost::usage::test
