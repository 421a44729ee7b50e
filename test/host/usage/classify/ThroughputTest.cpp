// Throughput and load-time measurements. Numbers are printed ("[measure] …"), never asserted;
// each test still asserts the classifications it measured.
#include <cppunit/extensions/HelperMacros.h>

#include <atomic>
#include <iostream>
#include <thread>

#include "ClassifyTestSupport.h"
#include "usage/classify/CountryLookup.h"
#include "usage/classify/MachineMatcher.h"
#include "usage/classify/ReferrerHost.h"
#include "usage/classify/RobotMatcher.h"
#include "usage/classify/VisitorHasher.h"

namespace statshost::usage {

namespace {

void report(const std::string& what, std::size_t n, double ms) {
    std::cout << "\n  [measure] " << what << ": " << n << " in " << ms << " ms = "
              << static_cast<long long>(n / (ms / 1000.0)) << "/s" << std::flush;
}

/// `count` distinct agents: browser variants (never robots) and, every `robotEvery`-th, a crawler.
std::vector<std::string> distinctAgents(std::size_t count, std::size_t robotEvery, std::size_t& robots) {
    std::vector<std::string> out;
    out.reserve(count);
    robots = 0;
    const auto& browsers = test::browserAgents();
    for (std::size_t i = 0; i < count; ++i) {
        if (robotEvery && i % robotEvery == 0) {
            out.push_back("Mozilla/5.0 (compatible; Googlebot/2." + std::to_string(i) +
                          "; +http://www.google.com/bot.html)");
            ++robots;
        } else {
            std::string ua = browsers[i % browsers.size()];
            ua += " Build/" + std::to_string(i / browsers.size()) + "." + std::to_string(i % 97);
            out.push_back(std::move(ua));
        }
    }
    return out;
}

}  // namespace

class ThroughputTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(ThroughputTest);
    CPPUNIT_TEST(robotListLoad);
    CPPUNIT_TEST(robotsOnDistinctAgents);
    CPPUNIT_TEST(robotsOnCachedAgents);
    CPPUNIT_TEST(robotsOnCachedAgentsFromManyThreads);
    CPPUNIT_TEST(machinesOnDistinctAgents);
    CPPUNIT_TEST(visitorHashes);
    CPPUNIT_TEST(referrerHosts);
    CPPUNIT_TEST(countryLookups);
    CPPUNIT_TEST_SUITE_END();

public:
    void robotListLoad() {
        const std::int64_t start = test::steadyNanos();
        const RobotMatcher robots = RobotMatcher::fromFile(test::shippedRobotsList());
        const double ms = test::elapsedMillis(start);
        std::cout << "\n  [measure] COUNTER list load + compile: " << ms << " ms (" << robots.matcher().patternCount()
                  << " patterns in " << robots.matcher().groupCount() << " alternations)" << std::flush;
        CPPUNIT_ASSERT_EQUAL(std::size_t(327), robots.matcher().patternCount());
    }

    void robotsOnDistinctAgents() {
        const RobotMatcher robots = RobotMatcher::fromFile(test::shippedRobotsList());
        std::size_t expected = 0;
        const auto agents = distinctAgents(50000, 10, expected);
        std::size_t found = 0;
        std::int64_t start = test::steadyNanos();
        for (const auto& ua : agents) found += robots.matcher().matchesUncached(ua);
        report("robots, distinct agents, no cache", agents.size(), test::elapsedMillis(start));
        CPPUNIT_ASSERT_EQUAL(expected, found);
        found = 0;
        start = test::steadyNanos();
        for (const auto& ua : agents) found += robots.isRobot(ua);  // cold cache: miss + insert each time
        report("robots, distinct agents, cold cache", agents.size(), test::elapsedMillis(start));
        CPPUNIT_ASSERT_EQUAL(expected, found);
    }

    void robotsOnCachedAgents() {
        const RobotMatcher robots = RobotMatcher::fromFile(test::shippedRobotsList());
        std::size_t expected = 0;
        const auto agents = distinctAgents(500, 5, expected);
        for (const auto& ua : agents) robots.isRobot(ua);  // warm up
        const std::size_t rounds = 2000;
        std::size_t found = 0;
        const std::int64_t start = test::steadyNanos();
        for (std::size_t r = 0; r < rounds; ++r)
            for (const auto& ua : agents) found += robots.isRobot(ua);
        report("robots, 500 repeating agents, cached, 1 thread", rounds * agents.size(), test::elapsedMillis(start));
        CPPUNIT_ASSERT_EQUAL(expected * rounds, found);
    }

    void robotsOnCachedAgentsFromManyThreads() {
        const RobotMatcher robots = RobotMatcher::fromFile(test::shippedRobotsList());
        std::size_t expected = 0;
        const auto agents = distinctAgents(500, 5, expected);
        for (const auto& ua : agents) robots.isRobot(ua);
        const unsigned threads = std::max(2u, std::min(8u, std::thread::hardware_concurrency()));
        const std::size_t rounds = 1000;
        std::atomic<std::size_t> found{0};
        const std::int64_t start = test::steadyNanos();
        std::vector<std::thread> pool;
        for (unsigned t = 0; t < threads; ++t) {
            pool.emplace_back([&, t] {
                std::size_t mine = 0;
                for (std::size_t r = 0; r < rounds; ++r)
                    for (std::size_t i = 0; i < agents.size(); ++i)
                        mine += robots.isRobot(agents[(i + t * 37) % agents.size()]);
                found += mine;
            });
        }
        for (auto& th : pool) th.join();
        report("robots, cached, " + std::to_string(threads) + " threads (total)", threads * rounds * agents.size(),
               test::elapsedMillis(start));
        CPPUNIT_ASSERT_EQUAL(expected * rounds * threads, found.load());
    }

    void machinesOnDistinctAgents() {
        const MachineMatcher machines = MachineMatcher::fromFile(test::shippedMachinesList());
        std::size_t unused = 0;
        auto agents = distinctAgents(50000, 0, unused);
        for (std::size_t i = 0; i < agents.size(); i += 10) agents[i] = "python-requests/2." + std::to_string(i);
        std::size_t found = 0;
        const std::int64_t start = test::steadyNanos();
        for (const auto& ua : agents) found += machines.matcher().matchesUncached(ua);
        report("machines, distinct agents, no cache", agents.size(), test::elapsedMillis(start));
        CPPUNIT_ASSERT_EQUAL(std::size_t(5000), found);
    }

    void visitorHashes() {
        const VisitorHasher hasher("benchmark-secret");
        const std::int64_t t0 = test::utcMicros("2024-05-03T00:00:00");
        const std::size_t n = 100000;
        std::size_t distinct = 0;
        std::string previous;
        const std::int64_t start = test::steadyNanos();
        for (std::size_t i = 0; i < n; ++i) {
            VisitorFields f{std::nullopt, std::nullopt, "203.0.113." + std::to_string(i % 250), test::browserAgents()[i % 6]};
            std::string id = hasher.visitorId(f, t0 + static_cast<std::int64_t>(i) * 1000000);
            distinct += id != previous;
            previous = std::move(id);
        }
        report("visitor ids (ip|ua|hour, HMAC-SHA256 x2)", n, test::elapsedMillis(start));
        CPPUNIT_ASSERT_EQUAL(n, distinct);
    }

    void referrerHosts() {
        const std::vector<std::string> urls = {"https://www.google.com/", "https://scholar.google.de/scholar?q=x",
                                               "http://[2001:db8::1]:8080/a", "not a url", "https://User@Example.ORG./"};
        const std::size_t rounds = 100000;
        std::size_t empty = 0;
        const std::int64_t start = test::steadyNanos();
        for (std::size_t r = 0; r < rounds; ++r)
            for (const auto& u : urls) empty += referrerHost(u).empty();
        report("referrer hosts", rounds * urls.size(), test::elapsedMillis(start));
        CPPUNIT_ASSERT_EQUAL(rounds, empty);
    }

    void countryLookups() {
        if (test::installedGeoipV4().empty() || test::installedGeoipV6().empty()) {
            std::cout << "\n  [skip] tor-geoipdb not installed; lookup throughput skipped" << std::flush;
            return;
        }
        const CountryLookup lookup = CountryLookup::fromRangeFiles(test::installedGeoipV4(), test::installedGeoipV6());
        std::vector<std::string> ips;
        for (unsigned i = 0; i < 1000; ++i) {
            ips.push_back(std::to_string(1 + i % 223) + "." + std::to_string(i % 256) + ".7." + std::to_string(i % 250));
            ips.push_back("2a00:" + std::to_string(1000 + i) + "::1");
        }
        const std::size_t rounds = 200;
        std::size_t known = 0;
        const std::int64_t start = test::steadyNanos();
        for (std::size_t r = 0; r < rounds; ++r)
            for (const auto& ip : ips) known += !lookup.country(ip).empty();
        report("country lookups (tor-geoipdb, half v6)", rounds * ips.size(), test::elapsedMillis(start));
        CPPUNIT_ASSERT(known > rounds * ips.size() / 4);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(ThroughputTest);

}  // namespace statshost::usage
