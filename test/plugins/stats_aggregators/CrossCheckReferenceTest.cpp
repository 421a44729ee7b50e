// The reference computation itself, on hand-computed scenarios (SEMANTICS §9 clarifications):
// same-day add+remove per basis, a parent changing class, deletion and restoration, the
// published-date floor, uploaders 7 and "7", tie order and top limits, labels, usage attribution
// at the event instant and usage snapshots as running sums.
#include <cppunit/extensions/HelperMacros.h>

#include "ReferenceCompare.h"
#include "ReferenceDocuments.h"
#include "records/Dates.h"

using namespace statshost;
using namespace statshost::test::reference;

namespace {

std::int64_t at(const std::string& iso) { return *records::parseTimestampMicros(iso); }
std::int64_t day(const std::string& d) { return *records::parseDay(d); }

RecordFacts record(const std::string& id, const std::string& parent, const std::string& created,
                   const std::string& publicationDay, std::vector<FileFact> files = {}, const std::string& owner = "") {
    RecordFacts r;
    r.recordId = id;
    r.parentId = parent;
    r.createdMicros = at(created);
    r.publishedMicros = at(created);
    r.publicationDay = publicationDay;
    r.filesEnabled = !files.empty();
    r.files = std::move(files);
    r.owner = owner;
    return r;
}

FileFact file(const std::string& id, const std::string& ext, std::int64_t size) { return {id, id, ext, size}; }

struct Log {
    std::vector<CommunityEvent> events;
    void add(const std::string& rec, const std::string& community, const std::string& type, const std::string& when) {
        CommunityEvent e;
        e.seq = static_cast<std::int64_t>(events.size()) + 1;
        e.recordId = rec;
        e.communityId = community;
        e.eventType = type;
        e.eventDateMicros = at(when);
        events.push_back(e);
    }
    void deleteRecord(const std::string& rec, const std::string& when) {
        for (auto& e : events)
            if (e.recordId == rec) {
                e.isDeleted = true;
                e.deletedDateMicros = at(when);
            }
    }
};

UsageFact view(const std::string& rec, const std::string& parent, const std::string& when, const std::string& visitor,
               const std::string& country = "") {
    UsageFact u;
    u.timestampMicros = at(when);
    u.day = records::dayOfMicros(u.timestampMicros);
    u.recordId = rec;
    u.parentId = parent;
    u.visitorId = visitor;
    u.country = country;
    return u;
}

UsageFact download(const std::string& rec, const std::string& parent, const std::string& when,
                   const std::string& visitor, const std::string& fileId, const std::string& type, std::int64_t size) {
    UsageFact u = view(rec, parent, when, visitor);
    u.download = true;
    u.fileId = fileId;
    u.fileType = type;
    u.size = size;
    return u;
}

Input input(std::vector<RecordFacts> records, const Log& log, std::vector<UsageFact> usage = {},
            std::vector<std::string> communities = {"C"}) {
    Input in;
    in.records = std::move(records);
    in.events = log.events;
    in.usage = std::move(usage);
    in.communityIds = std::move(communities);
    in.settings = defaultSettings();
    in.countryLabel = countryLabel;
    return in;
}

const Family& family(const std::string& alias) {
    for (const auto& f : families())
        if (f.alias == "stats-community-" + alias) return f;
    throw std::invalid_argument(alias);
}

/// The flattened document of `day` among `docs`.
FlatDoc docOn(const std::vector<ExpectedDoc>& docs, const std::string& d) {
    for (const auto& doc : docs)
        if (doc.day == day(d)) return flatten(doc.body);
    CPPUNIT_FAIL("no document on " + d);
    return {};
}

std::string firstDocDay(const std::vector<ExpectedDoc>& docs) {
    return docs.empty() ? "none" : records::formatDay(docs.front().day);
}

}  // namespace

class CrossCheckReferenceTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(CrossCheckReferenceTest);
    CPPUNIT_TEST(sameDayAddRemoveDependsOnBasis);
    CPPUNIT_TEST(parentChangingClass);
    CPPUNIT_TEST(deletionAndRestoration);
    CPPUNIT_TEST(publishedDateFloorAndFutureDates);
    CPPUNIT_TEST(uploadersCompareAsStrings);
    CPPUNIT_TEST(tieOrderTopLimitAndLabels);
    CPPUNIT_TEST(usageAttributionAtTheInstant);
    CPPUNIT_TEST(usageSnapshotsAreRunningSums);
    CPPUNIT_TEST(mergedAffiliationsCountOncePerRecord);
    CPPUNIT_TEST(documentShapes);
    CPPUNIT_TEST_SUITE_END();

public:
    void sameDayAddRemoveDependsOnBasis() {
        Log log;
        log.add("r1", "global", "added", "2024-01-10T09:00:00Z");
        log.add("r1", "C", "added", "2024-01-20T08:00:00Z");
        log.add("r1", "C", "removed", "2024-01-20T15:00:00Z");
        Reference ref(input({record("r1", "p1", "2024-01-05T10:00:00Z", "2024-01-03", {file("f1", "csv", 100)})}, log));
        const auto asOf = day("2024-01-25");

        // Basis added: a same-day add+remove starts nothing.
        CPPUNIT_ASSERT(ref.documents(family("records-delta-added"), "C", asOf).empty());
        CPPUNIT_ASSERT(ref.documents(family("records-snapshot-added"), "C", asOf).empty());
        // Basis created: present from created (01-05) to the removal day (01-20, exclusive).
        auto created = ref.documents(family("records-delta-created"), "C", asOf);
        CPPUNIT_ASSERT_EQUAL(std::size_t(21), created.size());
        CPPUNIT_ASSERT_EQUAL(std::string("2024-01-05"), firstDocDay(created));
        auto d = docOn(created, "2024-01-05");
        CPPUNIT_ASSERT_EQUAL(std::string("1"), d.at("records_added"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), d.at("records.added.with_files"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), d.at("files.added.file_count"));
        CPPUNIT_ASSERT_EQUAL(std::string("100"), d.at("files.added.data_volume"));
        CPPUNIT_ASSERT_EQUAL(std::string("\"CSV\""), d.at("subcounts.by_file_type[000].label"));
        d = docOn(created, "2024-01-12");
        CPPUNIT_ASSERT_EQUAL(std::string("0"), d.at("records_added"));
        CPPUNIT_ASSERT_EQUAL(std::string("0"), d.at("subcounts.by_file_type.length"));
        d = docOn(created, "2024-01-20");
        CPPUNIT_ASSERT_EQUAL(std::string("1"), d.at("records_removed"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), d.at("parents.removed.with_files"));
        CPPUNIT_ASSERT_EQUAL(std::string("100"), d.at("files.removed.data_volume"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), d.at("subcounts.by_file_type[000].records.removed.with_files"));
        auto snap = ref.documents(family("records-snapshot-created"), "C", asOf);
        CPPUNIT_ASSERT_EQUAL(std::string("1"), docOn(snap, "2024-01-19").at("total_records.with_files"));
        CPPUNIT_ASSERT_EQUAL(std::string("0"), docOn(snap, "2024-01-20").at("total_records.with_files"));
        CPPUNIT_ASSERT_EQUAL(std::string("0"), docOn(snap, "2024-01-20").at("subcounts.all_file_types.length"));
        // Basis published: from the publication day.
        auto published = ref.documents(family("records-delta-published"), "C", asOf);
        CPPUNIT_ASSERT_EQUAL(std::string("2024-01-03"), firstDocDay(published));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), docOn(published, "2024-01-20").at("records_removed"));
        // Global: added on the publish day under basis added.
        auto global = ref.documents(family("records-delta-added"), "global", asOf);
        CPPUNIT_ASSERT_EQUAL(std::string("2024-01-10"), firstDocDay(global));
        CPPUNIT_ASSERT_EQUAL(std::size_t(16), global.size());
    }

    void parentChangingClass() {
        Log log;
        log.add("r1", "global", "added", "2024-02-01T10:00:00Z");
        log.add("r2", "global", "added", "2024-02-03T10:00:00Z");
        Reference ref(input({record("r1", "p1", "2024-02-01T09:00:00Z", "2024-02-01"),
                             record("r2", "p1", "2024-02-03T09:00:00Z", "2024-02-03",
                                    {file("f1", "pdf", 10), file("f2", "csv", 20)})},
                            log));
        auto delta = ref.documents(family("records-delta-added"), "global", day("2024-02-04"));
        auto d = docOn(delta, "2024-02-01");
        CPPUNIT_ASSERT_EQUAL(std::string("1"), d.at("records.added.metadata_only"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), d.at("parents.added.metadata_only"));
        d = docOn(delta, "2024-02-03");
        CPPUNIT_ASSERT_EQUAL(std::string("1"), d.at("records.added.with_files"));
        CPPUNIT_ASSERT_EQUAL(std::string("0"), d.at("records.added.metadata_only"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), d.at("parents.added.with_files"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), d.at("parents.removed.metadata_only"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), d.at("parents_added"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), d.at("parents_removed"));
        CPPUNIT_ASSERT_EQUAL(std::string("0"), d.at("records_removed"));
        CPPUNIT_ASSERT_EQUAL(std::string("2"), d.at("files.added.file_count"));
        CPPUNIT_ASSERT_EQUAL(std::string("30"), d.at("files.added.data_volume"));
        // File types tie on records: id order; each counts only its own files.
        CPPUNIT_ASSERT_EQUAL(std::string("\"csv\""), d.at("subcounts.by_file_type[000].id"));
        CPPUNIT_ASSERT_EQUAL(std::string("20"), d.at("subcounts.by_file_type[000].files.added.data_volume"));
        CPPUNIT_ASSERT_EQUAL(std::string("\"pdf\""), d.at("subcounts.by_file_type[001].id"));
        CPPUNIT_ASSERT_EQUAL(std::string("10"), d.at("subcounts.by_file_type[001].files.added.data_volume"));
        CPPUNIT_ASSERT_EQUAL(std::string("0"), d.at("subcounts.by_file_type[001].parents.removed.metadata_only"));
        auto snap = ref.documents(family("records-snapshot-added"), "global", day("2024-02-04"));
        d = docOn(snap, "2024-02-03");
        CPPUNIT_ASSERT_EQUAL(std::string("1"), d.at("total_records.metadata_only"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), d.at("total_records.with_files"));
        CPPUNIT_ASSERT_EQUAL(std::string("0"), d.at("total_parents.metadata_only"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), d.at("total_parents.with_files"));
    }

    void deletionAndRestoration() {
        Log log;
        log.add("r1", "global", "added", "2024-03-01T10:00:00Z");
        log.add("r1", "C", "added", "2024-03-02T10:00:00Z");
        log.add("r2", "global", "added", "2024-03-01T11:00:00Z");
        std::vector<RecordFacts> recs = {record("r1", "p1", "2024-03-01T09:00:00Z", "2024-03-01"),
                                         record("r2", "p2", "2024-03-01T09:00:00Z", "2024-03-01")};
        std::vector<UsageFact> usage = {view("r1", "p1", "2024-03-04T12:00:00Z", "v1"),
                                        view("r1", "p1", "2024-03-06T12:00:00Z", "v1")};
        Log deleted = log;
        deleted.deleteRecord("r1", "2024-03-05T12:00:00Z");
        deleted.deleteRecord("r2", "2024-03-01T12:00:00Z");
        deleted.add("r2", "C", "added", "2024-03-03T10:00:00Z");  // while deleted: opens nothing
        for (auto& e : deleted.events)
            if (e.recordId == "r2") {
                e.isDeleted = true;
                e.deletedDateMicros = at("2024-03-01T12:00:00Z");
            }
        const auto asOf = day("2024-03-08");
        {
            Reference ref(input(recs, deleted, usage));
            auto delta = ref.documents(family("records-delta-added"), "C", asOf);
            CPPUNIT_ASSERT_EQUAL(std::string("2024-03-02"), firstDocDay(delta));
            CPPUNIT_ASSERT_EQUAL(std::string("1"), docOn(delta, "2024-03-05").at("records_removed"));
            CPPUNIT_ASSERT_EQUAL(std::string("0"), docOn(delta, "2024-03-03").at("records_added"));
            auto snap = ref.documents(family("records-snapshot-added"), "C", asOf);
            CPPUNIT_ASSERT_EQUAL(std::string("0"), docOn(snap, "2024-03-06").at("total_records.metadata_only"));
            auto global = ref.documents(family("records-delta-added"), "global", asOf);
            // r2 was deleted an hour after joining global: present on no day.
            CPPUNIT_ASSERT_EQUAL(std::string("1"), docOn(global, "2024-03-01").at("records_added"));
            CPPUNIT_ASSERT_EQUAL(std::string("0"), docOn(global, "2024-03-01").at("records_removed"));
            CPPUNIT_ASSERT_EQUAL(std::string("1"), docOn(global, "2024-03-05").at("records_removed"));
            // Usage: global always, the community only inside the interval.
            auto cu = ref.documents(family("usage-delta"), "C", asOf);
            CPPUNIT_ASSERT_EQUAL(std::string("1"), docOn(cu, "2024-03-04").at("totals.view.total_events"));
            CPPUNIT_ASSERT_EQUAL(std::string("0"), docOn(cu, "2024-03-06").at("totals.view.total_events"));
            auto gu = ref.documents(family("usage-delta"), "global", asOf);
            CPPUNIT_ASSERT_EQUAL(std::string("1"), docOn(gu, "2024-03-06").at("totals.view.total_events"));
        }
        {
            Reference ref(input(recs, [&] {
                Log restored = deleted;
                for (auto& e : restored.events) e.isDeleted = false, e.deletedDateMicros = 0;
                return restored;
            }(), usage));
            auto snap = ref.documents(family("records-snapshot-added"), "C", asOf);
            CPPUNIT_ASSERT_EQUAL(std::string("1"), docOn(snap, "2024-03-02").at("total_records.metadata_only"));
            CPPUNIT_ASSERT_EQUAL(std::string("2"), docOn(snap, "2024-03-06").at("total_records.metadata_only"));
            auto cu = ref.documents(family("usage-delta"), "C", asOf);
            CPPUNIT_ASSERT_EQUAL(std::string("1"), docOn(cu, "2024-03-06").at("totals.view.total_events"));
        }
    }

    void publishedDateFloorAndFutureDates() {
        Log log;
        log.add("r1", "global", "added", "2024-04-01T10:00:00Z");
        log.add("r2", "global", "added", "2024-04-02T10:00:00Z");
        Input in = input({record("r1", "p1", "2024-04-01T09:00:00Z", "1850-06-01"),
                          record("r2", "p2", "2024-04-01T09:00:00Z", "2025-01-01")},
                         log);
        {
            Reference ref(in);
            CPPUNIT_ASSERT_EQUAL(std::string("1900-01-01"),
                                 records::formatDay(*ref.firstDay(family("records-delta-published"), "global")));
        }
        in.settings.publishedDateFloor = "2024-03-15";
        Reference ref(in);
        auto docs = ref.documents(family("records-snapshot-published"), "global", day("2024-04-03"));
        CPPUNIT_ASSERT_EQUAL(std::string("2024-03-15"), firstDocDay(docs));
        // The future publication date is not present yet.
        CPPUNIT_ASSERT_EQUAL(std::string("1"), docOn(docs, "2024-04-03").at("total_records.metadata_only"));
        auto later = ref.documents(family("records-delta-published"), "global", day("2025-01-01"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), docOn(later, "2025-01-01").at("records_added"));
        // A community whose only record is published after the as-of day has no documents yet.
        Log onlyFuture;
        onlyFuture.add("r2", "global", "added", "2024-04-02T10:00:00Z");
        Reference future(input({record("r2", "p2", "2024-04-01T09:00:00Z", "2025-01-01")}, onlyFuture));
        CPPUNIT_ASSERT(future.documents(family("records-delta-published"), "global", day("2024-12-31")).empty());
    }

    void uploadersCompareAsStrings() {
        Log log;
        log.add("r1", "global", "added", "2024-05-01T10:00:00Z");
        log.add("r2", "global", "added", "2024-05-01T11:00:00Z");
        log.add("r3", "global", "added", "2024-05-01T12:00:00Z");
        log.add("r4", "global", "added", "2024-05-02T12:00:00Z");
        Reference ref(input({record("r1", "p1", "2024-05-01T09:00:00Z", "2024-05-01", {}, "7"),
                             record("r2", "p2", "2024-05-01T09:00:00Z", "2024-05-01", {}, "7"),
                             record("r3", "p3", "2024-05-01T09:00:00Z", "2024-05-01", {}, ""),
                             record("r4", "p4", "2024-05-01T09:00:00Z", "2024-05-01", {}, "8")},
                            log));
        auto delta = ref.documents(family("records-delta-added"), "global", day("2024-05-02"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), docOn(delta, "2024-05-01").at("uploaders"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), docOn(delta, "2024-05-02").at("uploaders"));
        auto snap = ref.documents(family("records-snapshot-added"), "global", day("2024-05-02"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), docOn(snap, "2024-05-01").at("total_uploaders"));
        CPPUNIT_ASSERT_EQUAL(std::string("2"), docOn(snap, "2024-05-02").at("total_uploaders"));
    }

    void tieOrderTopLimitAndLabels() {
        Log log;
        std::vector<RecordFacts> recs;
        // r1 (earliest published) has "Data Paper" and "data paper"; r2 "data paper" and subject
        // euroscivoc:1 without a label; r3 labels euroscivoc:1 "Late label".
        recs.push_back(record("r1", "p1", "2024-06-01T09:00:00Z", "2024-06-01"));
        recs.back().facets = {{"keyword", "Data Paper", "Data Paper"}, {"keyword", "data paper", "data paper"},
                              {"resource_type", "dataset", ""}};
        recs.push_back(record("r2", "p2", "2024-06-01T10:00:00Z", "2024-06-01"));
        recs.back().facets = {{"keyword", "data paper", "data paper"}, {"subject", "euroscivoc:1", ""},
                              {"resource_type", "dataset", "Dataset"}};
        recs.push_back(record("r3", "p3", "2024-06-01T11:00:00Z", "2024-06-01"));
        recs.back().facets = {{"keyword", "Data Paper", "Data Paper"}, {"subject", "euroscivoc:1", "Late label"},
                              {"resource_type", "dataset", "Other label"}};
        log.add("r1", "global", "added", "2024-06-01T09:00:00Z");
        log.add("r2", "global", "added", "2024-06-01T10:00:00Z");
        log.add("r3", "global", "added", "2024-06-02T10:00:00Z");
        Input in = input(recs, log);
        in.settings.topLimit = 1;
        Reference ref(in);
        auto snap = ref.documents(family("records-snapshot-added"), "global", day("2024-06-02"));
        auto d = docOn(snap, "2024-06-01");
        // 1 record each... "data paper" has 2 on 06-01: it leads.
        CPPUNIT_ASSERT_EQUAL(std::string("1"), d.at("subcounts.top_keywords.length"));
        CPPUNIT_ASSERT_EQUAL(std::string("\"data paper\""), d.at("subcounts.top_keywords[000].id"));
        d = docOn(snap, "2024-06-02");
        // 2 and 2: code-point order puts "Data Paper" first; the limit keeps one.
        CPPUNIT_ASSERT_EQUAL(std::string("\"Data Paper\""), d.at("subcounts.top_keywords[000].id"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), d.at("subcounts.top_keywords.length"));
        // Labels: the first published record with a real label wins, else the id.
        CPPUNIT_ASSERT_EQUAL(std::string("\"Dataset\""), d.at("subcounts.all_resource_types[000].label"));
        CPPUNIT_ASSERT_EQUAL(std::string("\"Late label\""), d.at("subcounts.top_subjects[000].label"));
        auto delta = ref.documents(family("records-delta-added"), "global", day("2024-06-02"));
        d = docOn(delta, "2024-06-01");
        // Deltas list every item (no limit): "data paper" (2) then "Data Paper" (1).
        CPPUNIT_ASSERT_EQUAL(std::string("2"), d.at("subcounts.by_keyword.length"));
        CPPUNIT_ASSERT_EQUAL(std::string("\"data paper\""), d.at("subcounts.by_keyword[000].id"));
        CPPUNIT_ASSERT_EQUAL(std::string("\"Data Paper\""), d.at("subcounts.by_keyword[001].id"));
    }

    void usageAttributionAtTheInstant() {
        Log log;
        log.add("r1", "global", "added", "2024-07-01T08:00:00Z");
        log.add("r1", "C", "added", "2024-07-02T10:00:00Z");
        log.add("r1", "C", "removed", "2024-07-02T14:00:00Z");
        std::vector<RecordFacts> recs = {
            record("r1", "p1", "2024-07-01T07:00:00Z", "2024-07-01", {file("f1", "pdf", 5), file("f2", "csv", 7)})};
        recs[0].facets = {{"language", "eng", "English"}};
        std::vector<UsageFact> usage = {
            view("r1", "p1", "2024-07-02T09:59:59Z", "v1", "US"),   // before the add
            view("r1", "p1", "2024-07-02T10:00:00Z", "v1", "US"),   // at the add: inside
            view("r1", "p1", "2024-07-02T12:00:00Z", "v2", "DE"),
            download("r1", "p1", "2024-07-02T13:00:00Z", "v2", "f1", "pdf", 5),
            download("r1", "p1", "2024-07-02T13:30:00Z", "v3", "f1", "pdf", 5),
            view("r1", "p1", "2024-07-02T14:00:00Z", "v3", "TW"),   // at the removal: outside
        };
        Reference ref(input(recs, log, usage));
        auto c = ref.documents(family("usage-delta"), "C", day("2024-07-03"));
        CPPUNIT_ASSERT_EQUAL(std::string("2024-07-02"), firstDocDay(c));
        auto d = docOn(c, "2024-07-02");
        CPPUNIT_ASSERT_EQUAL(std::string("2"), d.at("totals.view.total_events"));
        CPPUNIT_ASSERT_EQUAL(std::string("2"), d.at("totals.view.unique_visitors"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), d.at("totals.view.unique_records"));
        CPPUNIT_ASSERT_EQUAL(std::string("2"), d.at("totals.download.total_events"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), d.at("totals.download.unique_files"));
        CPPUNIT_ASSERT_EQUAL(std::string("10"), d.at("totals.download.total_volume"));
        // Countries of views only (downloads carry none here): DE 1, US 1 → id order.
        CPPUNIT_ASSERT_EQUAL(std::string("\"DE\""), d.at("subcounts.by_countries[000].id"));
        CPPUNIT_ASSERT_EQUAL(std::string("\"Germany\""), d.at("subcounts.by_countries[000].label"));
        CPPUNIT_ASSERT_EQUAL(std::string("\"United States\""), d.at("subcounts.by_countries[001].label"));
        // File types: views count every type of the record, downloads the downloaded file's.
        CPPUNIT_ASSERT_EQUAL(std::string("\"pdf\""), d.at("subcounts.by_file_types[000].id"));
        CPPUNIT_ASSERT_EQUAL(std::string("2"), d.at("subcounts.by_file_types[000].view.total_events"));
        CPPUNIT_ASSERT_EQUAL(std::string("2"), d.at("subcounts.by_file_types[000].download.total_events"));
        CPPUNIT_ASSERT_EQUAL(std::string("\"csv\""), d.at("subcounts.by_file_types[001].id"));
        CPPUNIT_ASSERT_EQUAL(std::string("0"), d.at("subcounts.by_file_types[001].download.total_events"));
        CPPUNIT_ASSERT_EQUAL(std::string("\"English\""), d.at("subcounts.by_languages[000].label"));
        CPPUNIT_ASSERT_EQUAL(std::string("2"), d.at("subcounts.by_languages[000].view.total_events"));
        CPPUNIT_ASSERT_EQUAL(std::string("2"), d.at("subcounts.by_languages[000].download.total_events"));
        auto g = ref.documents(family("usage-delta"), "global", day("2024-07-03"));
        CPPUNIT_ASSERT_EQUAL(std::string("4"), docOn(g, "2024-07-02").at("totals.view.total_events"));
        CPPUNIT_ASSERT_EQUAL(std::string("0"), docOn(g, "2024-07-03").at("totals.view.total_events"));
    }

    void usageSnapshotsAreRunningSums() {
        Log log;
        log.add("r1", "global", "added", "2024-08-01T08:00:00Z");
        std::vector<RecordFacts> recs = {record("r1", "p1", "2024-08-01T07:00:00Z", "2024-08-01")};
        std::vector<UsageFact> usage = {view("r1", "p1", "2024-08-01T09:00:00Z", "v1", "US"),
                                        view("r1", "p1", "2024-08-01T10:00:00Z", "v1", "US"),
                                        view("r1", "p1", "2024-08-03T10:00:00Z", "v1", "DE"),
                                        view("r1", "p1", "2024-08-03T11:00:00Z", "v2", "DE"),
                                        view("r1", "p1", "2024-08-03T12:00:00Z", "v3", "TW")};
        Input in = input(recs, log, usage);
        in.settings.topLimit = 1;
        Reference ref(in);
        auto snap = ref.documents(family("usage-snapshot"), "global", day("2024-08-04"));
        CPPUNIT_ASSERT_EQUAL(std::size_t(4), snap.size());
        auto d = docOn(snap, "2024-08-02");
        CPPUNIT_ASSERT_EQUAL(std::string("2"), d.at("totals.view.total_events"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), d.at("totals.view.unique_visitors"));
        d = docOn(snap, "2024-08-04");
        CPPUNIT_ASSERT_EQUAL(std::string("5"), d.at("totals.view.total_events"));
        // Sums of daily distinct counts: 1 (08-01) + 3 (08-03).
        CPPUNIT_ASSERT_EQUAL(std::string("4"), d.at("totals.view.unique_visitors"));
        CPPUNIT_ASSERT_EQUAL(std::string("2"), d.at("totals.view.unique_records"));
        // top_countries: DE 2, US 2, TW 1 → limit 1 keeps DE (tie by id); all_* keep every item.
        CPPUNIT_ASSERT_EQUAL(std::string("1"), d.at("subcounts.top_countries.length"));
        CPPUNIT_ASSERT_EQUAL(std::string("\"DE\""), d.at("subcounts.top_countries[000].id"));
        auto delta = ref.documents(family("usage-delta"), "global", day("2024-08-04"));
        CPPUNIT_ASSERT_EQUAL(std::string("2"), docOn(delta, "2024-08-03").at("subcounts.by_countries.length"));
        CPPUNIT_ASSERT_EQUAL(std::string("0"), docOn(delta, "2024-08-02").at("subcounts.by_countries.length"));
    }

    /// Usage by_affiliations merges creator and contributor affiliations, once per record (§6, §9.12);
    /// a record naming one id differently in both takes the label in the subcount's facet order
    /// (creators first), as records::subcountValues documents (SEMANTICS itself is silent).
    void mergedAffiliationsCountOncePerRecord() {
        Log log;
        log.add("r1", "global", "added", "2024-09-01T08:00:00Z");
        log.add("r2", "global", "added", "2024-09-01T09:00:00Z");
        std::vector<RecordFacts> recs = {record("r1", "p1", "2024-09-01T07:00:00Z", "2024-09-01"),
                                         record("r2", "p2", "2024-09-01T07:00:00Z", "2024-09-01")};
        recs[0].publishedMicros = at("2024-09-01T08:00:00Z");
        recs[1].publishedMicros = at("2024-09-01T09:00:00Z");
        recs[0].facets = {{"affiliation_contributor", "ror1", "Uni"}, {"affiliation_creator", "ror1", "Uni (variant)"}};
        recs[1].facets = {{"affiliation_contributor", "ror2", "Other"}, {"affiliation_creator", "ror1", "Uni"}};
        Reference ref(input(recs, log,
                            {view("r1", "p1", "2024-09-02T10:00:00Z", "v1"), view("r2", "p2", "2024-09-02T11:00:00Z", "v2")}));
        auto d = docOn(ref.documents(family("usage-delta"), "global", day("2024-09-02")), "2024-09-02");
        CPPUNIT_ASSERT_EQUAL(std::string("2"), d.at("subcounts.by_affiliations.length"));
        CPPUNIT_ASSERT_EQUAL(std::string("\"ror1\""), d.at("subcounts.by_affiliations[000].id"));
        CPPUNIT_ASSERT_EQUAL(std::string("2"), d.at("subcounts.by_affiliations[000].view.total_events"));
        CPPUNIT_ASSERT_EQUAL(std::string("\"Uni (variant)\""), d.at("subcounts.by_affiliations[000].label"));
        CPPUNIT_ASSERT_EQUAL(std::string("\"Other\""), d.at("subcounts.by_affiliations[001].label"));
        // The records side keeps creators and contributors apart.
        auto snap = docOn(ref.documents(family("records-snapshot-added"), "global", day("2024-09-02")), "2024-09-02");
        CPPUNIT_ASSERT_EQUAL(std::string("\"Uni (variant)\""), snap.at("subcounts.top_affiliations_creator[000].label"));
        CPPUNIT_ASSERT_EQUAL(std::string("2"), snap.at("subcounts.top_affiliations_creator[000].records.metadata_only"));
        CPPUNIT_ASSERT_EQUAL(std::string("\"Uni\""), snap.at("subcounts.top_affiliations_contributor[000].label"));
    }

    void documentShapes() {
        Log log;
        log.add("r1", "global", "added", "2024-12-31T22:00:00Z");
        Reference ref(input({record("r1", "p1", "2024-12-31T21:00:00Z", "2024-12-31")}, log,
                            {view("r1", "p1", "2024-12-31T23:00:00Z", "v1")}));
        auto delta = docOn(ref.documents(family("records-delta-added"), "global", day("2025-01-01")), "2025-01-01");
        CPPUNIT_ASSERT_EQUAL(std::string("\"2025-01-01T00:00:00\""), delta.at("period_start"));
        CPPUNIT_ASSERT_EQUAL(std::string("\"2025-01-01T23:59:59\""), delta.at("period_end"));
        CPPUNIT_ASSERT_EQUAL(std::string("\"global\""), delta.at("community_id"));
        for (const auto& spec : defaultSettings().recordSubcounts)
            CPPUNIT_ASSERT_EQUAL(std::string("0"), delta.at("subcounts." + spec.deltaKey + ".length"));
        auto snap = docOn(ref.documents(family("records-snapshot-added"), "global", day("2025-01-01")), "2025-01-01");
        CPPUNIT_ASSERT_EQUAL(std::string("\"2025-01-01\""), snap.at("snapshot_date"));
        for (const auto& spec : defaultSettings().recordSubcounts)
            CPPUNIT_ASSERT(snap.count("subcounts." + spec.snapshotKey + ".length"));
        auto usage = docOn(ref.documents(family("usage-snapshot"), "global", day("2025-01-01")), "2025-01-01");
        for (const auto& spec : defaultSettings().usageSubcounts)
            CPPUNIT_ASSERT(usage.count("subcounts." + spec.snapshotKey + ".length"));
        CPPUNIT_ASSERT_EQUAL(std::string("1"), usage.at("totals.view.total_events"));
        CPPUNIT_ASSERT_EQUAL(std::string("0"), usage.at("totals.download.total_volume"));
        // Volumes written as doubles compare by value; counts written as doubles do not.
        FlatDoc a = flattenText("{\"files\":{\"data_volume\":123.0,\"file_count\":2.0}}");
        CPPUNIT_ASSERT_EQUAL(std::string("123"), a.at("files.data_volume"));
        CPPUNIT_ASSERT_EQUAL(std::string("2 (double)"), a.at("files.file_count"));
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(CrossCheckReferenceTest);
