// The usage delta's per-day counting pieces against straightforward references on random input: the
// day accumulator (record items split from event items, the signature shortcut) against std::set
// distinct counts, the flat index against std::map, the day interner against std::map.
#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "UsageDayAccumulator.h"
#include "UsageFlatSet.h"
#include "UsageInterner.h"

using namespace statshost::aggregators::usagestats;

namespace {

/// One accumulator's numbers as a comparable tuple.
using Numbers = std::vector<std::int64_t>;

Numbers numbers(const UsageMetrics& m) {
    return {m.view.events,     m.view.visitors,     m.view.records,     m.view.parents,     m.view.files,     m.view.volume,
            m.download.events, m.download.visitors, m.download.records, m.download.parents, m.download.files, m.download.volume};
}

/// (target, packed item or ~0 for the totals) → numbers.
using Day = std::map<std::pair<std::uint32_t, std::uint64_t>, Numbers>;

Day collect(UsageDayAccumulator& acc) {
    Day day;
    acc.finish([&](std::uint32_t target, const UsageMetrics& totals,
                   const std::vector<std::pair<std::uint64_t, UsageMetrics>>& items) {
        day[{target, ~std::uint64_t(0)}] = numbers(totals);
        for (const auto& [packed, metrics] : items) day[{target, packed}] = numbers(metrics);
    });
    return day;
}

/// The reference: per (target, item) the events, volume and std::set distinct values.
struct ReferenceDay {
    struct Side {
        std::int64_t events = 0, volume = 0;
        std::set<std::uint32_t> visitors, records, parents, files;
    };
    std::map<std::pair<std::uint32_t, std::uint64_t>, std::pair<Side, Side>> accs;  // view, download

    void add(const UsageEventKeys& e, const std::vector<std::uint32_t>& targets, const std::vector<std::uint64_t>& items) {
        for (std::uint32_t t : targets) {
            count(accs[{t, ~std::uint64_t(0)}], e);
            for (std::uint64_t item : items) count(accs[{t, item}], e);
        }
    }
    static void count(std::pair<Side, Side>& acc, const UsageEventKeys& e) {
        Side& side = e.download ? acc.second : acc.first;
        ++side.events;
        if (e.download) side.volume += e.size;
        auto put = [](std::set<std::uint32_t>& set, std::uint32_t value) {
            if (value != UsageDayAccumulator::kMissing) set.insert(value);
        };
        put(side.visitors, e.visitor);
        put(side.records, e.record);
        put(side.parents, e.parent);
        if (e.download) put(side.files, e.file);
    }
    Day day() const {
        Day out;
        for (const auto& [key, acc] : accs) {
            Numbers n;
            for (const Side* side : {&acc.first, &acc.second})
                for (std::int64_t v : {side->events, std::int64_t(side->visitors.size()), std::int64_t(side->records.size()),
                                       std::int64_t(side->parents.size()), std::int64_t(side->files.size()), side->volume})
                    n.push_back(v);
            out[key] = n;
        }
        return out;
    }
};

}  // namespace

class UsageAccumulatorTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(UsageAccumulatorTest);
    CPPUNIT_TEST(splitItemsCountLikeSetsOnRandomDays);
    CPPUNIT_TEST(flatIndexMatchesMap);
    CPPUNIT_TEST(dayInternerNumbersInOrderAndClears);
    CPPUNIT_TEST_SUITE_END();

public:
    void splitItemsCountLikeSetsOnRandomDays() {
        std::mt19937_64 random(20261129);
        auto below = [&](std::uint32_t n) { return static_cast<std::uint32_t>(random() % n); };
        UsageDayAccumulator split, plain;
        for (int day = 0; day < 30; ++day) {
            // Each record's own items per event type, fixed for the day; event items drawn per event.
            const std::uint32_t records = 1 + below(40);
            std::vector<std::vector<std::uint64_t>> recordItems(records * 2);
            for (auto& items : recordItems) {
                for (std::uint32_t i = below(6); i > 0; --i) items.push_back((std::uint64_t(below(4)) << 32) | below(8));
                std::sort(items.begin(), items.end());
                items.erase(std::unique(items.begin(), items.end()), items.end());
            }
            ReferenceDay reference;
            const std::uint32_t events = below(3) == 0 ? below(5) : 50 + below(2000);
            for (std::uint32_t n = 0; n < events; ++n) {
                UsageEventKeys e;
                e.download = below(3) == 0;
                e.record = below(records);
                e.visitor = below(10) == 0 ? UsageDayAccumulator::kMissing : below(60);
                e.parent = below(8) == 0 ? UsageDayAccumulator::kMissing : e.record / 2 + below(2);  // parents vary a little
                e.file = e.download && below(5) != 0 ? e.record * 3 + below(3) : UsageDayAccumulator::kMissing;
                e.size = e.download ? below(100000) : 0;
                std::vector<std::uint32_t> targets;
                for (std::uint32_t t = 0; t < 4; ++t)
                    if (below(2) == 0) targets.push_back(t);
                const std::vector<std::uint64_t>& own = recordItems[e.record * 2 + (e.download ? 1 : 0)];
                std::vector<std::uint64_t> eventItems;
                for (std::uint32_t i = below(4); i > 0; --i) eventItems.push_back((std::uint64_t(below(4)) << 32) | below(8));
                std::sort(eventItems.begin(), eventItems.end());
                eventItems.erase(std::unique(eventItems.begin(), eventItems.end()), eventItems.end());
                eventItems.erase(std::remove_if(eventItems.begin(), eventItems.end(),
                                                [&](std::uint64_t item) { return std::binary_search(own.begin(), own.end(), item); }),
                                 eventItems.end());
                std::vector<std::uint64_t> all = own;
                all.insert(all.end(), eventItems.begin(), eventItems.end());
                std::sort(all.begin(), all.end());

                split.add(e, targets, own, eventItems);
                plain.add(e, targets, all);
                reference.add(e, targets, all);
            }
            const Day expected = reference.day();
            CPPUNIT_ASSERT_EQUAL(split.empty(), expected.empty());
            CPPUNIT_ASSERT(collect(split) == expected);
            CPPUNIT_ASSERT(collect(plain) == expected);
            split.clear();
            plain.clear();
        }
    }

    void flatIndexMatchesMap() {
        std::mt19937_64 random(7);
        UsageFlatIndex index;
        std::map<std::uint64_t, std::uint32_t> reference;
        for (int round = 0; round < 3; ++round) {
            for (int n = 0; n < 20000; ++n) {
                const std::uint64_t key = random() % (round == 1 ? 100 : 50000);
                bool inserted = false;
                const std::uint32_t value = index.findOrInsert(key, static_cast<std::uint32_t>(reference.size()), inserted);
                auto [it, fresh] = reference.emplace(key, static_cast<std::uint32_t>(reference.size()));
                CPPUNIT_ASSERT_EQUAL(fresh, inserted);
                CPPUNIT_ASSERT_EQUAL(it->second, value);
            }
            CPPUNIT_ASSERT_EQUAL(reference.size(), index.size());
            index.clear();
            reference.clear();
            CPPUNIT_ASSERT_EQUAL(std::size_t(0), index.size());
        }
    }

    void dayInternerNumbersInOrderAndClears() {
        UsageDayInterner interner;
        std::map<std::string, std::uint32_t> reference;
        for (int day = 0; day < 2; ++day) {
            for (int n = 0; n < 5000; ++n) {
                const std::string text = (n % 7 == 0 ? "" : "visitor-") + std::to_string((n * 7919) % 3001);
                auto [it, fresh] = reference.emplace(text, static_cast<std::uint32_t>(reference.size()));
                (void)fresh;
                CPPUNIT_ASSERT_EQUAL(it->second, interner.intern(text));
                CPPUNIT_ASSERT_EQUAL(text, std::string(interner.text(it->second)));
            }
            CPPUNIT_ASSERT_EQUAL(reference.size(), interner.size());
            interner.clear();
            reference.clear();
            CPPUNIT_ASSERT_EQUAL(std::size_t(0), interner.size());
            CPPUNIT_ASSERT_EQUAL(std::uint32_t(0), interner.intern("first again"));
            interner.clear();
        }
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(UsageAccumulatorTest);
