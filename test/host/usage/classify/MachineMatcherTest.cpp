#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>

#include "ClassifyTestSupport.h"
#include "statshost/Errors.h"
#include "support/TestEnv.h"
#include "usage/classify/MachineMatcher.h"
#include "usage/classify/RobotMatcher.h"

namespace statshost::usage {

namespace {

/// One agent per shipped MDC machine pattern, in the file's order.
const std::vector<std::string>& machineSamples() {
    static const std::vector<std::string> samples = {
        "ruby", "AddThis", "aria2/1.36.0", "CakePHP", "ColdFusion", "curl/8.0", "%default%", "Dispatch/1.0",
        "EBSCO EJS Content Server", "Fetch API Request", "geturl/1.0", "gvfs/1.50", "HttpComponents/1.1",
        "Go-http-client/1.1", "Indy Library", "java/17.0.1", "libcurl/8.0", "libhttp/1.0", "libwww-perl/6.67",
        "lwp-request/6.0", "Microsoft URL Control - 6.00", "Microsoft Office Existence Discovery", "ng/2.0",
        "no_user_agent", "HTTP_Request2/2.3.0 (http://pear.php.net/package/http_request2)", "PHP/8.1",
        "PycURL/7.45.2", "python-requests/2.31", "rss2email/3.14", "undefined", "unknown", "URL2File/1.0",
        "urllib3/2.0.7", "Wget/1.21", "wordpress-client/1.0"};
    return samples;
}

}  // namespace

class MachineMatcherTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(MachineMatcherTest);
    CPPUNIT_TEST(loadsTheShippedList);
    CPPUNIT_TEST(flagsScriptedAgents);
    CPPUNIT_TEST(doesNotFlagBrowsersEmptyOrAbsent);
    CPPUNIT_TEST(isCaseSensitive);
    CPPUNIT_TEST(everyShippedMachineAgentIsDroppedAsARobotFirst);
    CPPUNIT_TEST(shippedMachinePatternsAppearInTheRobotsList);
    CPPUNIT_TEST(machineFlagMattersWithAShorterRobotsList);
    CPPUNIT_TEST(lineFileFormat);
    CPPUNIT_TEST(badFilesAreConfigErrors);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override {
        _machines = std::make_unique<MachineMatcher>(MachineMatcher::fromFile(test::shippedMachinesList()));
    }
    void tearDown() override { _machines.reset(); }

    void loadsTheShippedList() { CPPUNIT_ASSERT_EQUAL(std::size_t(35), _machines->matcher().patternCount()); }

    void flagsScriptedAgents() {
        CPPUNIT_ASSERT(machine("curl/8.0"));
        CPPUNIT_ASSERT(machine("python-requests/2.31"));
        CPPUNIT_ASSERT(machine("Wget/1.21"));
        CPPUNIT_ASSERT(machine("Mozilla/5.0 (compatible; urllib3/2.0.7)"));  // in the middle
        CPPUNIT_ASSERT(machine("unknown"));
    }

    void doesNotFlagBrowsersEmptyOrAbsent() {
        for (const std::string& ua : test::browserAgents()) CPPUNIT_ASSERT_MESSAGE(ua, !machine(ua));
        CPPUNIT_ASSERT(!machine("Mozilla/5.0"));
        CPPUNIT_ASSERT(!machine(""));  // a robot, but not a machine: the MDC list has no ^.?$
        CPPUNIT_ASSERT(!machine("x"));
        CPPUNIT_ASSERT(!_machines->isMachine(std::nullopt));
        CPPUNIT_ASSERT(!machine("Mozilla/5.0 unknown"));  // ^unknown$ is anchored
    }

    void isCaseSensitive() {
        CPPUNIT_ASSERT(!machine("CURL/8.0"));
        CPPUNIT_ASSERT(!machine("Python/3.11"));          // `python` is lower-case...
        CPPUNIT_ASSERT(machine("Python-urllib/3.11"));    // ...but `urllib` matches here
        CPPUNIT_ASSERT(!machine("WGET/1.21"));
        CPPUNIT_ASSERT(!machine("Apache-HttpClient/4.5"));  // http.?client is lower-case
    }

    /// The comment in MachineMatcher.h: with the shipped lists, each machine agent is also a robot,
    /// so robot filtering drops it before the machine flag could be set.
    void everyShippedMachineAgentIsDroppedAsARobotFirst() {
        const RobotMatcher robots = RobotMatcher::fromFile(test::shippedRobotsList());
        const std::vector<std::string> patterns = readPatternLines(test::shippedMachinesList());
        CPPUNIT_ASSERT_EQUAL(patterns.size(), machineSamples().size());
        for (std::size_t i = 0; i < patterns.size(); ++i) {
            const std::string& ua = machineSamples()[i];
            // The sample exercises its own pattern...
            CPPUNIT_ASSERT_MESSAGE(patterns[i] + " vs " + ua, MachineMatcher({patterns[i]}).isMachine(ua));
            // ...is a machine, and is a robot too.
            CPPUNIT_ASSERT_MESSAGE(ua, machine(ua));
            CPPUNIT_ASSERT_MESSAGE(ua, robots.isRobot(ua));
        }
        // The one theoretical gap: `pear.php.net` has unescaped dots in the MDC list only.
        CPPUNIT_ASSERT(machine("client (pear-php-net)"));
        CPPUNIT_ASSERT(!robots.isRobot(std::string("client (pear-php-net)")));
    }

    void shippedMachinePatternsAppearInTheRobotsList() {
        const std::vector<std::string> robots = readCounterRobotsJson(test::shippedRobotsList());
        std::vector<std::string> missing;
        for (const std::string& p : readPatternLines(test::shippedMachinesList()))
            if (std::find(robots.begin(), robots.end(), p) == robots.end()) missing.push_back(p);
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), missing.size());
        CPPUNIT_ASSERT_EQUAL(std::string("pear.php.net"), missing[0]);
        CPPUNIT_ASSERT(std::find(robots.begin(), robots.end(), "pear\\.php\\.net") != robots.end());
    }

    void machineFlagMattersWithAShorterRobotsList() {
        const RobotMatcher indexersOnly({"bot", "spider", "crawl", "^.?$"}, "short list");
        const std::string ua = "python-requests/2.31";
        CPPUNIT_ASSERT(!indexersOnly.isRobot(ua));
        CPPUNIT_ASSERT(machine(ua));
    }

    void lineFileFormat() {
        const MachineMatcher m = MachineMatcher::fromFile(statshost::test::fixturePath("usage/machine_agents_sample.txt"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), m.matcher().patternCount());  // comment and blank lines skipped
        CPPUNIT_ASSERT(m.isMachine(std::string("python3")));                // "  python  " was trimmed
        CPPUNIT_ASSERT(!m.isMachine(std::string("py thon")));
        CPPUNIT_ASSERT(!m.isMachine(std::string("# Sample machine list for the classify tests")));
        const std::vector<std::string> lines = readPatternLines(statshost::test::fixturePath("usage/machine_agents_sample.txt"));
        CPPUNIT_ASSERT(lines == (std::vector<std::string>{"curl\\/", "python", "Wget"}));
    }

    void badFilesAreConfigErrors() {
        statshost::test::TempDir dir;
        const std::string empty = dir.file("empty.txt");
        test::writeFile(empty, "# only a comment\n\n");
        for (const std::string& path : {dir.file("missing.txt"), empty}) {
            try {
                MachineMatcher::fromFile(path);
                CPPUNIT_FAIL("loaded " + path);
            } catch (const ConfigError& e) {
                CPPUNIT_ASSERT_EQUAL(path, e.keyPath());
            }
        }
        const std::string bad = dir.file("bad.txt");
        test::writeFile(bad, "curl\\/\n(unclosed\n");
        try {
            MachineMatcher::fromFile(bad);
            CPPUNIT_FAIL("loaded " + bad);
        } catch (const ConfigError& e) {
            CPPUNIT_ASSERT_EQUAL(bad, e.keyPath());
            CPPUNIT_ASSERT(e.problem().find("pattern 2 '(unclosed'") != std::string::npos);
        }
    }

private:
    std::unique_ptr<MachineMatcher> _machines;
    bool machine(const std::string& ua) const { return _machines->isMachine(ua); }
};

CPPUNIT_TEST_SUITE_REGISTRATION(MachineMatcherTest);

}  // namespace statshost::usage
