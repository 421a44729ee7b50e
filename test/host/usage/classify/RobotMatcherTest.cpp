#include <Poco/RegularExpression.h>
#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <thread>

#include "ClassifyTestSupport.h"
#include "statshost/Errors.h"
#include "support/TestEnv.h"
#include "usage/classify/RobotMatcher.h"
#include "usage/classify/VerdictCache.h"

namespace statshost::usage {

using test::browserAgents;

class RobotMatcherTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(RobotMatcherTest);
    CPPUNIT_TEST(loadsTheShippedList);
    CPPUNIT_TEST(realisticBrowsersAreNotRobots);
    CPPUNIT_TEST(bareMozillaIsARobot);
    CPPUNIT_TEST(commandLineToolsAreRobots);
    CPPUNIT_TEST(emptyAndOneCharacterAgentsAreRobots);
    CPPUNIT_TEST(absentAgentIsNeverARobot);
    CPPUNIT_TEST(matchingIsCaseSensitive);
    CPPUNIT_TEST(patternsMatchInTheMiddle);
    CPPUNIT_TEST(anchoredPatternsMatchOnlyAtTheStart);
    CPPUNIT_TEST(dotMatchesOneCodePointInUtf8);
    CPPUNIT_TEST(invalidUtf8IsMatchedBytewise);
    CPPUNIT_TEST(groupingAgreesWithPatternByPattern);
    CPPUNIT_TEST(cacheGivesTheSameAnswers);
    CPPUNIT_TEST(cacheIsBounded);
    CPPUNIT_TEST(concurrentCallsAgree);
    CPPUNIT_TEST(sampleListFromFixture);
    CPPUNIT_TEST(badPatternsAreConfigErrors);
    CPPUNIT_TEST(badFilesAreConfigErrorsNamingTheFile);
    CPPUNIT_TEST(utf8Validation);
    CPPUNIT_TEST_SUITE_END();

public:
    void setUp() override { _robots = std::make_unique<RobotMatcher>(RobotMatcher::fromFile(test::shippedRobotsList())); }
    void tearDown() override { _robots.reset(); }

    void loadsTheShippedList() {
        CPPUNIT_ASSERT_EQUAL(std::size_t(327), _robots->matcher().patternCount());
    }

    void realisticBrowsersAreNotRobots() {
        for (const std::string& ua : browserAgents()) CPPUNIT_ASSERT_MESSAGE(ua, !robot(ua));
    }

    void bareMozillaIsARobot() {
        CPPUNIT_ASSERT(robot("Mozilla/5.0"));  // ^Mozilla.5\.0$
        CPPUNIT_ASSERT(robot("Mozilla"));      // ^Mozilla$
        CPPUNIT_ASSERT(robot("Mozilla/4.0"));  // ^Mozilla.4\.0$
        CPPUNIT_ASSERT(!robot("Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0"));
    }

    void commandLineToolsAreRobots() {
        CPPUNIT_ASSERT(robot("curl/8.0"));              // curl\/
        CPPUNIT_ASSERT(robot("python-requests/2.31"));  // python
        CPPUNIT_ASSERT(robot("Wget/1.21"));             // Wget
        CPPUNIT_ASSERT(robot("libwww-perl/6.67"));      // libwww
        CPPUNIT_ASSERT(robot("Go-http-client/1.1"));    // http.?client
        CPPUNIT_ASSERT(robot("java/17.0.1"));           // ^java\/\d{1,2}.\d
    }

    void emptyAndOneCharacterAgentsAreRobots() {
        CPPUNIT_ASSERT(robot(""));
        CPPUNIT_ASSERT(robot("x"));
        CPPUNIT_ASSERT(robot("-"));
        CPPUNIT_ASSERT(robot(" "));
        CPPUNIT_ASSERT(robot("x\n"));  // `$` may match before a final newline (Python and PCRE alike)
        CPPUNIT_ASSERT(!robot("ab"));
        CPPUNIT_ASSERT(!robot("BOT"));
    }

    void absentAgentIsNeverARobot() {
        CPPUNIT_ASSERT(!_robots->isRobot(std::nullopt));
        CPPUNIT_ASSERT(_robots->isRobot(std::optional<std::string>("")));
    }

    void matchingIsCaseSensitive() {
        CPPUNIT_ASSERT(robot("curl/8.0"));
        CPPUNIT_ASSERT(!robot("CURL/8.0"));
        CPPUNIT_ASSERT(!robot("Curl/8.0"));
        CPPUNIT_ASSERT(!robot("Java/17.0.1"));
        const std::string browser = browserAgents()[0];
        CPPUNIT_ASSERT(!robot(browser + " MyCrawler/1.0"));  // pattern is lower-case `crawl`
        CPPUNIT_ASSERT(robot(browser + " Mycrawler/1.0"));
        CPPUNIT_ASSERT(!robot(browser + " SPIDER"));
        CPPUNIT_ASSERT(robot(browser + " spider"));
    }

    void patternsMatchInTheMiddle() {
        CPPUNIT_ASSERT(robot("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"));
        CPPUNIT_ASSERT(robot("Mozilla/5.0 (Windows NT 10.0; Win64; x64; Googlebot) Chrome/120"));
        CPPUNIT_ASSERT(robot("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                             "HeadlessChrome/120.0.0.0 Safari/537.36"));
        CPPUNIT_ASSERT(robot("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0)"));
    }

    void anchoredPatternsMatchOnlyAtTheStart() {
        CPPUNIT_ASSERT(robot("java/17.0.1"));
        CPPUNIT_ASSERT(!robot("Mozilla/5.0 (X11) java/17.0.1"));
        CPPUNIT_ASSERT(robot("unknown"));               // ^unknown$
        CPPUNIT_ASSERT(!robot("Mozilla/5.0 unknown"));  // no unanchored pattern hits either
    }

    void dotMatchesOneCodePointInUtf8() {
        CPPUNIT_ASSERT(robot("\xC3\xA9"));                                // "é": one character
        CPPUNIT_ASSERT(!robot("\xC3\xA9\xC3\xA9"));                       // two characters
        CPPUNIT_ASSERT(robot("Mozilla/5.0 virus\xE2\x82\xAC" "detector"));  // virus.detector with "€"
    }

    void invalidUtf8IsMatchedBytewise() {
        CPPUNIT_ASSERT(robot("\xFF"));      // one byte
        CPPUNIT_ASSERT(!robot("\xFF\xFE"));
        CPPUNIT_ASSERT(robot("\xFFgooglebot"));
        CPPUNIT_ASSERT(!robot(browserAgents()[2] + " \xC0\xAF"));
    }

    /// The grouped alternations give exactly the answer of searching every pattern on its own.
    void groupingAgreesWithPatternByPattern() {
        const std::vector<std::string> patterns = readCounterRobotsJson(test::shippedRobotsList());
        std::vector<std::unique_ptr<Poco::RegularExpression>> single;
        for (const auto& p : patterns)
            single.push_back(std::make_unique<Poco::RegularExpression>(p, Poco::RegularExpression::RE_UTF8));
        std::vector<std::string> corpus = browserAgents();
        for (const char* extra :
             {"", "x", "ab", "curl/8.0", "CURL/8.0", "Mozilla/5.0", "java/17.0.1", "Mozilla/5.0 java/17.0.1",
              "Googlebot/2.1", "a fish", "afish", "xfish", "Microsoft Office Protocol Discovery", "www.gnip.com",
              "Fetch+API+Request", "^Array$", "Array", "ng/2.0", "ng/3.0"})
            corpus.push_back(extra);
        // Each pattern's own text (regex syntax stripped of backslashes) as an agent, alone and wrapped.
        for (const auto& p : patterns) {
            std::string plain;
            for (char c : p)
                if (c != '\\') plain += c;
            corpus.push_back(plain);
            corpus.push_back("Mozilla/5.0 (" + plain + ")");
        }
        std::size_t robots = 0;
        for (const std::string& ua : corpus) {
            bool expected = false;
            for (const auto& re : single) {
                Poco::RegularExpression::Match m;
                if (re->match(ua, 0, m) > 0) {
                    expected = true;
                    break;
                }
            }
            CPPUNIT_ASSERT_EQUAL_MESSAGE(ua, expected, _robots->matcher().matchesUncached(ua));
            robots += expected;
        }
        CPPUNIT_ASSERT(robots > corpus.size() / 2);  // the corpus exercises both answers
        CPPUNIT_ASSERT(robots < corpus.size());
    }

    void cacheGivesTheSameAnswers() {
        RobotMatcher robots = RobotMatcher::fromFile(test::shippedRobotsList());
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), robots.matcher().cachedAgents());
        for (int round = 0; round < 3; ++round) {
            CPPUNIT_ASSERT(robots.isRobot(std::string("curl/8.0")));
            CPPUNIT_ASSERT(!robots.isRobot(browserAgents()[0]));
            CPPUNIT_ASSERT(robots.isRobot(std::string("")));
        }
        CPPUNIT_ASSERT_EQUAL(std::size_t(3), robots.matcher().cachedAgents());
    }

    void cacheIsBounded() {
        VerdictCache cache(64, 4);
        CPPUNIT_ASSERT_EQUAL(std::size_t(64), cache.capacity());
        for (int i = 0; i < 10000; ++i) cache.insert("agent-" + std::to_string(i), i % 2 == 0);
        CPPUNIT_ASSERT(cache.size() <= 64);
        CPPUNIT_ASSERT(cache.size() >= 32);  // the current generations are full
        // The most recent insert is held, with its verdict; an early one is gone.
        CPPUNIT_ASSERT(cache.find("agent-9999") == std::optional<bool>(false));
        CPPUNIT_ASSERT(cache.find("agent-9998") == std::optional<bool>(true));
        CPPUNIT_ASSERT(!cache.find("agent-0"));
        // Over-long keys are not stored.
        VerdictCache small(64, 1, 10);
        small.insert(std::string(11, 'a'), true);
        CPPUNIT_ASSERT(!small.find(std::string(11, 'a')));
        small.insert(std::string(10, 'a'), true);
        CPPUNIT_ASSERT(small.find(std::string(10, 'a')) == std::optional<bool>(true));
    }

    void concurrentCallsAgree() {
        RobotMatcher robots = RobotMatcher::fromFile(test::shippedRobotsList(), 256);  // small: forces rotation
        std::vector<std::pair<std::string, bool>> cases;
        for (int i = 0; i < 400; ++i) {
            cases.emplace_back(browserAgents()[i % browserAgents().size()] + " build/" + std::to_string(i), false);
            cases.emplace_back("curl/" + std::to_string(i), true);
        }
        std::atomic<int> wrong{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t) {
            threads.emplace_back([&, t] {
                for (int round = 0; round < 5; ++round)
                    for (std::size_t i = t; i < cases.size(); i += 3)
                        if (robots.isRobot(cases[i].first) != cases[i].second) ++wrong;
            });
        }
        for (auto& th : threads) th.join();
        CPPUNIT_ASSERT_EQUAL(0, wrong.load());
        CPPUNIT_ASSERT(robots.matcher().cachedAgents() <= 256);
    }

    void sampleListFromFixture() {
        RobotMatcher robots = RobotMatcher::fromFile(statshost::test::fixturePath("usage/counter_robots_sample.json"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(4), robots.matcher().patternCount());
        CPPUNIT_ASSERT(robots.isRobot(std::string("Fetch API")));
        CPPUNIT_ASSERT(robots.isRobot(std::string("my Fetch+API client")));
        CPPUNIT_ASSERT(robots.isRobot(std::string("robot")));
        CPPUNIT_ASSERT(!robots.isRobot(std::string("python-requests/2.31")));  // not in the sample list
        CPPUNIT_ASSERT(!robots.isRobot(std::string("FetchAPI")));
    }

    void badPatternsAreConfigErrors() {
        try {
            RobotMatcher({"bot", "spi(der"}, "my-list.json");
            CPPUNIT_FAIL("an uncompilable pattern was accepted");
        } catch (const ConfigError& e) {
            CPPUNIT_ASSERT_EQUAL(std::string("my-list.json"), e.keyPath());
            CPPUNIT_ASSERT(e.problem().find("pattern 2 'spi(der'") != std::string::npos);
        }
        CPPUNIT_ASSERT_THROW(RobotMatcher({"bot", ""}, "x"), ConfigError);
        CPPUNIT_ASSERT_THROW(RobotMatcher({"(?<"}, "x"), ConfigError);
    }

    void badFilesAreConfigErrorsNamingTheFile() {
        statshost::test::TempDir dir;
        expectLoadError(dir.file("missing.json"), nullptr, "cannot open");
        expectLoadError(dir.file("broken.json"), "[{\"pattern\": \"bot\"", "invalid JSON");
        expectLoadError(dir.file("object.json"), "{\"pattern\": \"bot\"}", "expected a JSON array");
        expectLoadError(dir.file("nopattern.json"), "[{\"pattern\": \"bot\"}, {\"last_changed\": \"x\"}]",
                        "entry 2 has no string 'pattern'");
        expectLoadError(dir.file("number.json"), "[{\"pattern\": 7}]", "entry 1 has no string 'pattern'");
        expectLoadError(dir.file("empty.json"), "[]", "holds no pattern");
        expectLoadError(dir.file("bad.json"), "[{\"pattern\": \"bot\"}, {\"pattern\": \"[a-\"}]",
                        "pattern 2 '[a-' does not compile");
    }

    void utf8Validation() {
        CPPUNIT_ASSERT(isValidUtf8(""));
        CPPUNIT_ASSERT(isValidUtf8("plain ascii"));
        CPPUNIT_ASSERT(isValidUtf8("\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"));  // é € 😀
        CPPUNIT_ASSERT(!isValidUtf8("\xC3"));                              // truncated
        CPPUNIT_ASSERT(!isValidUtf8("\xC0\xAF"));                          // overlong '/'
        CPPUNIT_ASSERT(!isValidUtf8("\xE0\x80\xAF"));                      // overlong '/'
        CPPUNIT_ASSERT(!isValidUtf8("\xED\xA0\x80"));                      // surrogate D800
        CPPUNIT_ASSERT(!isValidUtf8("\xF4\x90\x80\x80"));                  // > U+10FFFF
        CPPUNIT_ASSERT(!isValidUtf8("\x80"));                              // lone continuation
    }

private:
    std::unique_ptr<RobotMatcher> _robots;

    bool robot(const std::string& ua) const { return _robots->isRobot(ua); }

    /// Writes `content` to `path` (unless null), loads it, and expects a ConfigError naming `path`
    /// whose problem contains `problem`.
    static void expectLoadError(const std::string& path, const char* content, const std::string& problem) {
        if (content) test::writeFile(path, content);
        try {
            RobotMatcher::fromFile(path);
            CPPUNIT_FAIL("loaded " + path);
        } catch (const ConfigError& e) {
            CPPUNIT_ASSERT_EQUAL(path, e.keyPath());
            CPPUNIT_ASSERT_MESSAGE(e.what(), e.problem().find(problem) != std::string::npos);
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(RobotMatcherTest);

}  // namespace statshost::usage
