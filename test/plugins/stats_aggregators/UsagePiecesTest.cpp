// The building blocks of the usage families, without a database: membership intervals, the JSON
// reader and value hash, month arithmetic, the distinct-value set and the day accumulator.
#include <cppunit/extensions/HelperMacros.h>

#include "UsageDayAccumulator.h"
#include "UsageFlatSet.h"
#include "UsageJson.h"
#include "UsageMembership.h"
#include "UsageRecordIndex.h"

using namespace statshost;
using namespace statshost::aggregators;
using namespace statshost::aggregators::usagestats;

namespace {

constexpr std::int64_t kHour = 3600LL * 1000000LL;

CommunityEvent event(const std::string& community, const std::string& type, std::int64_t hour,
                     std::int64_t deletedHour = 0) {
    CommunityEvent e;
    e.recordId = "r";
    e.communityId = community;
    e.eventType = type;
    e.eventDateMicros = hour * kHour;
    e.isDeleted = deletedHour != 0;
    e.deletedDateMicros = deletedHour * kHour;
    return e;
}

/// Communities of record "r" at hour `h` (plus a quarter), joined by ",".
std::string at(const UsageMembership& m, UsageInterner& records, UsageInterner& communities, double h) {
    std::string out;
    m.forEachAt(records.find("r"), static_cast<std::int64_t>(h * kHour),
                [&](std::uint32_t c) { out += (out.empty() ? "" : ",") + communities.text(c); });
    return out;
}

/// A source with nothing in it; country labels are "name of <code>".
class EmptySource : public AggregationSource {
public:
    std::int64_t currentChangeSeq() override { return 0; }
    ChangeFeed changesSince(std::int64_t) override { return {}; }
    std::vector<CommunityInfo> communities() override { return {}; }
    void forEachRecord(const std::function<void(const RecordFacts&)>&) override {}
    std::vector<RecordFacts> records(const std::vector<std::string>&) override { return {}; }
    void forEachCommunityEvent(const std::string&, const std::function<void(const CommunityEvent&)>&) override {}
    void scanUsage(std::int64_t, std::int64_t, const std::function<void(const UsageFact&)>&) override {}
    std::pair<std::int64_t, std::int64_t> usageDayRange() override { return {0, -1}; }
    std::string countryLabel(const std::string& code) override { return "name of " + code; }
};

RecordFacts facts(const std::string& id, std::int64_t published, std::vector<FacetFact> facets) {
    RecordFacts r;
    r.recordId = id;
    r.parentId = "p-" + id;
    r.publishedMicros = published;
    r.facets = std::move(facets);
    return r;
}

}  // namespace

class UsagePiecesTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(UsagePiecesTest);
    CPPUNIT_TEST(membershipIsHalfOpenAndCutByDeletion);
    CPPUNIT_TEST(membershipIgnoresRepeatsAndOrphanRemovals);
    CPPUNIT_TEST(jsonReaderAndValueHash);
    CPPUNIT_TEST(flatSetGrowsAndClears);
    CPPUNIT_TEST(accumulatorCountsDistinctValuesPerItem);
    CPPUNIT_TEST(labelsFollowFacetOrderThenPublication);
    CPPUNIT_TEST_SUITE_END();

public:
    void membershipIsHalfOpenAndCutByDeletion() {
        UsageInterner records, communities;
        UsageMembership m(records, communities);
        // In A from hour 10 to 20, in B from 20; deleted at 30; an add to C at 40 (while deleted).
        m.addRecord("r", {event("global", "added", 10, 30), event("A", "added", 10, 30), event("B", "added", 20, 30),
                          event("A", "removed", 20, 30), event("C", "added", 40, 30)});
        CPPUNIT_ASSERT_EQUAL(std::string(""), at(m, records, communities, 9.9));
        CPPUNIT_ASSERT_EQUAL(std::string("A"), at(m, records, communities, 10));
        CPPUNIT_ASSERT_EQUAL(std::string("B"), at(m, records, communities, 20));  // removal is exclusive
        CPPUNIT_ASSERT_EQUAL(std::string("B"), at(m, records, communities, 29.9));
        CPPUNIT_ASSERT_EQUAL(std::string(""), at(m, records, communities, 30));  // deleted
        CPPUNIT_ASSERT_EQUAL(std::string(""), at(m, records, communities, 45));  // C opened while deleted
        CPPUNIT_ASSERT_EQUAL(std::int64_t(20 * kHour), m.firstInstant(communities.find("B")));
        CPPUNIT_ASSERT_EQUAL(std::int64_t(30 * kHour), m.lastInstant(communities.find("B")));
        CPPUNIT_ASSERT_EQUAL(UsageMembership::kOpen, m.firstInstant(communities.find("C")));
        // Earliest log event per community, deleted or empty intervals included (C at 40).
        std::string earliest;
        for (const auto& [c, micros] : m.earliestEvents(records.find("r")))
            earliest += communities.text(c) + "@" + std::to_string(micros / kHour) + " ";
        CPPUNIT_ASSERT_EQUAL(std::string("A@10 B@20 C@40 "), earliest);

        // Restored (flags cleared): the same log without deletion keeps B and opens C.
        UsageInterner records2, communities2;
        UsageMembership restored(records2, communities2);
        restored.addRecord("r", {event("A", "added", 10), event("B", "added", 20), event("A", "removed", 20),
                                 event("C", "added", 40)});
        CPPUNIT_ASSERT_EQUAL(std::string("B"), at(restored, records2, communities2, 35));
        CPPUNIT_ASSERT_EQUAL(std::string("B,C"), at(restored, records2, communities2, 45));
    }

    void membershipIgnoresRepeatsAndOrphanRemovals() {
        UsageInterner records, communities;
        UsageMembership m(records, communities);
        m.addRecord("r", {event("A", "removed", 5), event("A", "added", 10), event("A", "added", 15),
                          event("A", "removed", 20), event("A", "removed", 25), event("A", "added", 30)});
        CPPUNIT_ASSERT_EQUAL(std::string(""), at(m, records, communities, 7));
        CPPUNIT_ASSERT_EQUAL(std::string("A"), at(m, records, communities, 12));  // the earlier add opens it
        CPPUNIT_ASSERT_EQUAL(std::string(""), at(m, records, communities, 22));
        CPPUNIT_ASSERT_EQUAL(std::string("A"), at(m, records, communities, 31));  // re-added
        CPPUNIT_ASSERT_EQUAL(std::size_t(2), m.intervalsOf(records.find("r")).size());
    }

    void jsonReaderAndValueHash() {
        // What PostgreSQL's jsonb gives back: other key order, spaces, the same numbers.
        const std::string ours = R"({"b":[1,2,{"x":"\u00e9\"\\"}],"a":123.0,"timestamp":"t1","c":null,"d":true})";
        const std::string theirs = R"({"a": 123, "b": [1, 2, {"x": "é\"\\"}], "c": null, "d": true, "timestamp": "t2"})";
        const JsonValue a = parseJson(ours), b = parseJson(theirs);
        CPPUNIT_ASSERT_EQUAL(std::string("é\"\\"), a.find("b")->items[2].find("x")->text);
        CPPUNIT_ASSERT_EQUAL(std::int64_t(123), a.find("a")->asInt());
        CPPUNIT_ASSERT_EQUAL(valueHash(a, {"timestamp"}), valueHash(b, {"timestamp"}));
        CPPUNIT_ASSERT(valueHash(a, {}) != valueHash(b, {}));  // the stamps differ
        CPPUNIT_ASSERT(valueHash(parseJson(R"({"a":[1,2]})"), {}) != valueHash(parseJson(R"({"a":[2,1]})"), {}));
        // numbers hash by value: 1e3 = 1000.0 = 1000, -0 = 0; neighbours differ
        CPPUNIT_ASSERT_EQUAL(valueHash(parseJson(R"([1e3,-0])"), {}), valueHash(parseJson(R"([1000.0,0])"), {}));
        CPPUNIT_ASSERT(valueHash(parseJson("[1000]"), {}) != valueHash(parseJson("[1001]"), {}));
        CPPUNIT_ASSERT(valueHash(parseJson("[0.1]"), {}) != valueHash(parseJson("[0.10000000000000002]"), {}));
        CPPUNIT_ASSERT_EQUAL(std::string("\xF0\x9F\x98\x80"), parseJson(R"("\ud83d\ude00")").text);
        CPPUNIT_ASSERT_THROW(parseJson(R"({"a":1,})"), std::runtime_error);
        CPPUNIT_ASSERT_THROW(parseJson(R"({"a":1} x)"), std::runtime_error);
        std::string written;
        appendString(written, "a\"b\\c\n\x01");
        CPPUNIT_ASSERT_EQUAL(std::string(R"("a\"b\\c\n\u0001")"), written);
        CPPUNIT_ASSERT_EQUAL(std::string("a\"b\\c\n\x01"), parseJson(written).text);
    }

    void flatSetGrowsAndClears() {
        UsageFlatSet set;
        for (std::uint64_t k = 0; k < 100000; ++k) CPPUNIT_ASSERT(set.insert(k * 7919));
        for (std::uint64_t k = 0; k < 100000; ++k) CPPUNIT_ASSERT(!set.insert(k * 7919));
        CPPUNIT_ASSERT_EQUAL(std::size_t(100000), set.size());
        set.clear();
        CPPUNIT_ASSERT_EQUAL(std::size_t(0), set.size());
        CPPUNIT_ASSERT(set.insert(7919));
    }

    void labelsFollowFacetOrderThenPublication() {
        SubcountSpec affiliations{"affiliations", "by_affiliations", "top_affiliations", true,
                                  {"affiliation_creator", "affiliation_contributor"}};
        SubcountSpec countries{"countries", "by_countries", "top_countries", true, {"country"}};
        SubcountSpec types{"file_types", "by_file_types", "all_file_types", false, {"file_type"}};
        UsageCatalog catalog({affiliations, countries, types});
        UsageInterner records, parents;
        UsageRecordIndex index(catalog, records, parents);
        // Facts come in facet-name order (contributor before creator), as the host gives them.
        index.add(facts("a", 2, {{"affiliation_contributor", "X", "Contrib"}, {"affiliation_creator", "X", "Creator"}}));
        index.add(facts("b", 1, {{"affiliation_contributor", "Y", "Early"}, {"affiliation_creator", "Z", ""}}));
        index.add(facts("c", 3, {{"affiliation_creator", "Y", "Late"}}));
        EmptySource source;
        auto label = [&](std::uint32_t s, const std::string& id) { return catalog.label(packItem(s, catalog.item(s, id)), source); };
        CPPUNIT_ASSERT_EQUAL(std::string("Creator"), label(0, "X"));  // the subcount's facet order within a record
        CPPUNIT_ASSERT_EQUAL(std::string("Early"), label(0, "Y"));    // the earliest published record
        CPPUNIT_ASSERT_EQUAL(std::string("Z"), label(0, "Z"));        // no real label: the id
        CPPUNIT_ASSERT_EQUAL(std::string("name of DE"), label(1, "DE"));
        CPPUNIT_ASSERT_EQUAL(std::string("PDF"), label(2, "pdf"));
        // Record "a" carries X once for both facets.
        std::size_t items = 0;
        index.forEachCommonItem(records.find("a"), [&](std::uint64_t) { ++items; });
        CPPUNIT_ASSERT_EQUAL(std::size_t(1), items);
    }

    void accumulatorCountsDistinctValuesPerItem() {
        UsageDayAccumulator acc;
        const std::vector<std::uint64_t> csv = {(std::uint64_t(2) << 32) | 5};
        // target 0: three views of record 1 by visitors 1, 1, 2; target 3: one download of file 9.
        for (std::uint32_t visitor : {1u, 1u, 2u}) acc.add({false, visitor, 1, 1, 0, 0}, {0}, csv);
        acc.add({true, 1, 1, 1, 9, 100}, {0, 3}, {});
        std::string out;
        acc.finish([&](std::uint32_t target, const UsageMetrics& totals,
                       const std::vector<std::pair<std::uint64_t, UsageMetrics>>& items) {
            out += std::to_string(target) + ": v" + std::to_string(totals.view.events) + "/" +
                   std::to_string(totals.view.visitors) + " d" + std::to_string(totals.download.events) + "/" +
                   std::to_string(totals.download.files) + "/" + std::to_string(totals.download.volume);
            for (const auto& [packed, m] : items)
                out += " [" + std::to_string(packed >> 32) + "." + std::to_string(packed & 0xFFFFFFFFu) + " v" +
                       std::to_string(m.view.events) + "/" + std::to_string(m.view.visitors) + "]";
            out += "; ";
        });
        CPPUNIT_ASSERT_EQUAL(std::string("0: v3/2 d1/1/100 [2.5 v3/2]; 3: v0/0 d1/1/100; "), out);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(UsagePiecesTest);
