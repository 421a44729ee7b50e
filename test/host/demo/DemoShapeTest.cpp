/// The demo data looks like a real repository: records shaped like the InvenioRDM fixtures,
/// Zenodo-like skews (communities, uploaders, popularity), weekly seasonality, and sizes that
/// scale as the three scales promise.
#include <cppunit/extensions/HelperMacros.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <streambuf>

#include <Poco/DateTime.h>
#include <Poco/DirectoryIterator.h>
#include <Poco/File.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include "DemoTestSupport.h"
#include "support/TestEnv.h"

using namespace statshost::demo;
using namespace statshost::demo::test;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

/// Collects the JSON paths of a document: object keys joined by ".", arrays as "[]", and the
/// keys of `files.entries` as "*".
void collectPaths(const Poco::Dynamic::Var& v, const std::string& prefix, std::set<std::string>& out) {
    if (v.type() == typeid(Object::Ptr)) {
        const auto o = v.extract<Object::Ptr>();
        for (const auto& k : o->getNames()) {
            const std::string p = prefix.empty() ? k : prefix + "." + (prefix == "files.entries" ? "*" : k);
            out.insert(p);
            collectPaths(o->get(k), p, out);
        }
    } else if (v.type() == typeid(Array::Ptr)) {
        const auto a = v.extract<Array::Ptr>();
        for (std::size_t i = 0; i < a->size(); ++i) collectPaths(a->get(i), prefix + "[]", out);
    }
}

/// Discards output, counting bytes and lines.
class CountingBuf : public std::streambuf {
public:
    std::uint64_t bytes = 0, lines = 0;

protected:
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        bytes += static_cast<std::uint64_t>(n);
        lines += static_cast<std::uint64_t>(std::count(s, s + n, '\n'));
        return n;
    }
    int_type overflow(int_type c) override {
        if (c != traits_type::eof()) {
            ++bytes;
            if (c == '\n') ++lines;
        }
        return c;
    }
};

struct Generated {
    DemoSummary summary;
    std::uint64_t bytes = 0, lines = 0;
    double seconds = 0;
};

Generated discard(Scale scale, std::uint64_t seed = 1) {
    CountingBuf buf;
    std::ostream out(&buf);
    DemoOptions o;
    o.scale = scale;
    o.seed = seed;
    const auto t0 = std::chrono::steady_clock::now();
    Generated g;
    g.summary = DemoGenerator().generate(o, out);
    g.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    g.bytes = buf.bytes;
    g.lines = buf.lines;
    return g;
}

/// The medium stream, with publish lines parsed and hits reduced to (day, recid).
struct MediumFacts {
    std::vector<Object::Ptr> records;  ///< `record` objects of the publish lines
    std::map<std::string, std::uint64_t> hitsPerRecord;
    std::map<std::string, std::uint64_t> hitsPerDay;  ///< YYYY-MM-DD -> hits
};

const MediumFacts& medium() {
    static MediumFacts facts;
    static bool done = false;
    if (done) return facts;
    DemoOptions o;
    o.scale = Scale::Medium;
    const Stream s = generate(o, false);
    Poco::JSON::Parser parser;
    for (const auto& line : splitLines(s.text)) {
        if (line.compare(0, 16, "{\"op\":\"publish\",") == 0) {
            parser.reset();
            facts.records.push_back(parser.parse(line).extract<Object::Ptr>()->getObject("record"));
        } else if (line.compare(0, 13, "{\"op\":\"view\",") == 0 || line.compare(0, 17, "{\"op\":\"download\",") == 0) {
            const auto at = line.find("\"at\":\"") + 6;
            const auto recid = line.find("\"recid\":\"") + 9;
            ++facts.hitsPerDay[line.substr(at, 10)];
            ++facts.hitsPerRecord[line.substr(recid, 11)];
        }
    }
    done = true;
    return facts;
}

std::string ownerOf(const Object::Ptr& record) {
    const auto access = path(record, "parent.access");
    if (!access || !access->has("owned_by")) return "";
    const auto owned = access->get("owned_by");
    Object::Ptr o;
    if (owned.type() == typeid(Array::Ptr)) o = owned.extract<Array::Ptr>()->getObject(0);
    else o = owned.extract<Object::Ptr>();
    return o && o->has("user") ? o->get("user").toString() : "";
}

}  // namespace

class DemoShapeTest : public CppUnit::TestFixture {
    CPPUNIT_TEST_SUITE(DemoShapeTest);
    CPPUNIT_TEST(recordsUseTheFixturesFieldPaths);
    CPPUNIT_TEST(publishedRecordsHaveFixtureShape);
    CPPUNIT_TEST(ownersInEveryForm);
    CPPUNIT_TEST(subcountSourcesAreVaried);
    CPPUNIT_TEST(scaleProportionsHold);
    CPPUNIT_TEST(popularityFollowsAPowerLaw);
    CPPUNIT_TEST(uploadersFollowAPowerLaw);
    CPPUNIT_TEST(communitySizesAreSkewed);
    CPPUNIT_TEST(usageIsWeeklySeasonalAndGrows);
    CPPUNIT_TEST(oldPublicationDatesBelowTheFloorExist);
    CPPUNIT_TEST_SUITE_END();

public:
    void recordsUseTheFixturesFieldPaths() {
        const std::string dir = statshost::test::fixturePath("rdm_records");
        CPPUNIT_ASSERT_MESSAGE("missing fixtures " + dir, Poco::File(dir).exists());
        std::set<std::string> fixturePaths;
        std::size_t files = 0;
        Poco::JSON::Parser parser;
        for (Poco::DirectoryIterator it(dir), end; it != end; ++it) {
            if (it.path().getExtension() != "json") continue;
            std::ifstream in(it.path().toString());
            const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            parser.reset();
            collectPaths(parser.parse(text), "", fixturePaths);
            ++files;
        }
        CPPUNIT_ASSERT(files >= 5);
        std::set<std::string> demoPaths;
        for (const auto& l : smallStream().lines)
            if (l.op == "publish") collectPaths(l.json->get("record"), "", demoPaths);
        std::string missing;
        for (const auto& p : fixturePaths) {
            // Not produced on purpose: German labels, and owner e-mail forms (an owner is never an e-mail).
            if (p.size() > 3 && p.compare(p.size() - 3, 3, ".de") == 0) continue;
            if (p.rfind("parent.access.owned_by[].", 0) == 0) continue;
            if (!demoPaths.count(p)) missing += p + "\n";
        }
        CPPUNIT_ASSERT_MESSAGE("fixture fields the demo never writes:\n" + missing, missing.empty());
    }

    void publishedRecordsHaveFixtureShape() {
        const std::regex pid(R"([0-9a-z]{5}-[0-9a-z]{5})");
        const std::set<std::string> statuses = {"open", "restricted", "embargoed", "metadata-only"};
        std::size_t records = 0, sizeAsText = 0, withoutExt = 0;
        for (const auto& l : smallStream().lines) {
            if (l.op != "publish") continue;
            ++records;
            const auto r = obj(l.json, "record");
            const std::string where = str(r, "id");
            CPPUNIT_ASSERT_MESSAGE(where, std::regex_match(str(r, "id"), pid));
            CPPUNIT_ASSERT_MESSAGE(where, std::regex_match(str(obj(r, "parent"), "id"), pid));
            CPPUNIT_ASSERT_EQUAL(l.at, str(r, "created"));

            const auto files = obj(r, "files");
            const auto entries = obj(files, "entries");
            const bool enabled = files->getValue<bool>("enabled");
            std::uint64_t total = 0;
            for (const auto& key : entries->getNames()) {
                const auto e = obj(entries, key);
                CPPUNIT_ASSERT_EQUAL(key, str(e, "key"));
                CPPUNIT_ASSERT_MESSAGE(where, isUuid(str(e, "id")));
                const auto size = e->get("size");
                CPPUNIT_ASSERT_MESSAGE(where + " " + key, size.isInteger() || size.isString());
                if (size.isString()) {
                    ++sizeAsText;
                    CPPUNIT_ASSERT(std::regex_match(size.toString(), std::regex(R"(\d+)")));
                }
                const std::uint64_t bytes = std::stoull(size.toString());
                CPPUNIT_ASSERT(bytes > 0);
                total += bytes;
                if (e->has("ext")) {
                    CPPUNIT_ASSERT(std::regex_match(str(e, "ext"), std::regex(R"([a-z0-9]+)")));
                    CPPUNIT_ASSERT_MESSAGE(key, key.size() > str(e, "ext").size() &&
                                                    key.compare(key.size() - str(e, "ext").size(), std::string::npos,
                                                                str(e, "ext")) == 0);
                } else {
                    ++withoutExt;
                }
                CPPUNIT_ASSERT(isString(e, "mimetype"));
            }
            CPPUNIT_ASSERT_EQUAL(enabled ? entries->size() : std::size_t(0), entries->size());
            CPPUNIT_ASSERT_EQUAL(static_cast<int>(entries->size()), files->getValue<int>("count"));
            CPPUNIT_ASSERT_EQUAL(total, files->getValue<std::uint64_t>("total_bytes"));

            const auto access = obj(r, "access");
            if (access->has("status")) {
                const std::string status = str(access, "status");
                CPPUNIT_ASSERT_MESSAGE(status, statuses.count(status));
                CPPUNIT_ASSERT_EQUAL(status == "embargoed", obj(access, "embargo")->getValue<bool>("active"));
                if (!enabled && status != "embargoed" && str(access, "record") == "public")
                    CPPUNIT_ASSERT_EQUAL(std::string("metadata-only"), status);
            }

            const auto meta = obj(r, "metadata");
            CPPUNIT_ASSERT(!str(obj(meta, "resource_type"), "id").empty());
            CPPUNIT_ASSERT(str(meta, "title").size() >= 3);
            const auto creators = arr(meta, "creators");
            CPPUNIT_ASSERT(creators && creators->size() >= 1);
            for (std::size_t i = 0; i < creators->size(); ++i)
                CPPUNIT_ASSERT(!str(obj(creators->getObject(i), "person_or_org"), "name").empty());
        }
        CPPUNIT_ASSERT_EQUAL(std::size_t(200), records);
        CPPUNIT_ASSERT_MESSAGE("some sizes as numeric strings, like the fixtures", sizeAsText > 0);
        CPPUNIT_ASSERT_MESSAGE("some entries without ext (type from the key)", withoutExt > 0);
    }

    void ownersInEveryForm() {
        std::size_t text = 0, number = 0, list = 0, none = 0, parents = 0;
        for (const auto& l : smallStream().lines) {
            if (l.op != "publish") continue;
            const auto r = obj(l.json, "record");
            if (obj(r, "versions")->getValue<int>("index") != 1) continue;
            ++parents;
            const auto access = path(r, "parent.access");
            if (!access) {
                ++none;
                continue;
            }
            const auto owned = access->get("owned_by");
            if (owned.type() == typeid(Array::Ptr)) {
                ++list;
                continue;
            }
            const auto user = owned.extract<Object::Ptr>()->get("user");
            CPPUNIT_ASSERT(user.toString().find('@') == std::string::npos);
            (user.isString() ? text : number)++;
        }
        CPPUNIT_ASSERT(text > number && number >= 1 && list >= 1 && none >= 1);
        CPPUNIT_ASSERT(none * 10 < parents);
    }

    void subcountSourcesAreVaried() {
        // The metadata every default subcount reads (SEMANTICS §5) occurs, with both id-forms.
        std::set<std::string> resourceTypes, languages, licenses, fileTypes, publishers, journals;
        bool subjectWithId = false, keyword = false, affiliationWithId = false, affiliationNameOnly = false,
             contributorAffiliation = false, funderWithId = false, funderNameOnly = false, customRights = false,
             typeWithoutTitle = false;
        for (const auto& l : smallStream().lines) {
            if (l.op != "publish") continue;
            const auto r = obj(l.json, "record");
            const auto meta = obj(r, "metadata");
            resourceTypes.insert(str(obj(meta, "resource_type"), "id"));
            typeWithoutTitle = typeWithoutTitle || !obj(obj(meta, "resource_type"), "title");
            if (auto a = arr(meta, "languages"))
                for (std::size_t i = 0; i < a->size(); ++i) languages.insert(str(a->getObject(i), "id"));
            if (auto a = arr(meta, "rights"))
                for (std::size_t i = 0; i < a->size(); ++i) {
                    if (a->getObject(i)->has("id")) licenses.insert(str(a->getObject(i), "id"));
                    else customRights = true;
                }
            if (auto a = arr(meta, "subjects"))
                for (std::size_t i = 0; i < a->size(); ++i)
                    (a->getObject(i)->has("id") ? subjectWithId : keyword) = true;
            for (const char* who : {"creators", "contributors"})
                if (auto a = arr(meta, who))
                    for (std::size_t i = 0; i < a->size(); ++i)
                        if (auto aff = arr(a->getObject(i), "affiliations"))
                            for (std::size_t k = 0; k < aff->size(); ++k) {
                                (aff->getObject(k)->has("id") ? affiliationWithId : affiliationNameOnly) = true;
                                if (std::string(who) == "contributors") contributorAffiliation = true;
                            }
            if (auto a = arr(meta, "funding"))
                for (std::size_t i = 0; i < a->size(); ++i)
                    (obj(a->getObject(i), "funder")->has("id") ? funderWithId : funderNameOnly) = true;
            if (meta->has("publisher")) publishers.insert(str(meta, "publisher"));
            const auto journal = path(r, "custom_fields.journal:journal");
            if (journal && journal->has("title")) journals.insert(str(journal, "title"));
            const auto entries = path(r, "files.entries");
            for (const auto& k : entries->getNames())
                if (obj(entries, k)->has("ext")) fileTypes.insert(str(obj(entries, k), "ext"));
        }
        CPPUNIT_ASSERT(resourceTypes.size() >= 8);
        CPPUNIT_ASSERT(languages.size() >= 3);
        CPPUNIT_ASSERT(licenses.size() >= 4);
        CPPUNIT_ASSERT(fileTypes.size() >= 8);
        CPPUNIT_ASSERT(publishers.size() >= 3);
        CPPUNIT_ASSERT(journals.size() >= 2);
        CPPUNIT_ASSERT(subjectWithId && keyword);
        CPPUNIT_ASSERT(affiliationWithId && affiliationNameOnly && contributorAffiliation);
        CPPUNIT_ASSERT(funderWithId && funderNameOnly);
        CPPUNIT_ASSERT(customRights);
        CPPUNIT_ASSERT(typeWithoutTitle);
    }

    void scaleProportionsHold() {
        const Generated small = discard(Scale::Small);
        const Generated mid = discard(Scale::Medium);
        const Generated large = discard(Scale::Large);
        const Generated* all[3] = {&small, &mid, &large};
        const Scale scales[3] = {Scale::Small, Scale::Medium, Scale::Large};
        const char* firstDays[3] = {"2024-01-01", "2022-01-01", "2020-01-01"};
        for (int i = 0; i < 3; ++i) {
            const DemoSummary& s = all[i]->summary;
            const ScaleDefaults d = scaleDefaults(scales[i]);
            const std::string name = scaleName(scales[i]);
            CPPUNIT_ASSERT_EQUAL(all[i]->bytes, s.bytes);
            CPPUNIT_ASSERT_EQUAL(all[i]->lines, s.lines);
            CPPUNIT_ASSERT_EQUAL(d.communities, s.communities);
            CPPUNIT_ASSERT_EQUAL(d.records, s.records);
            CPPUNIT_ASSERT_EQUAL(d.usageEvents, s.views + s.downloads);
            CPPUNIT_ASSERT_EQUAL(std::string(firstDays[i]) + "T00:00:00Z", s.firstAt);
            CPPUNIT_ASSERT(s.lastAt >= std::string("2025-12-01") && s.lastAt <= std::string("2025-12-31T23:59:59Z"));
            // Shares that stay put across scales.
            const double records = static_cast<double>(s.records);
            CPPUNIT_ASSERT_MESSAGE(name, s.parents > records * 0.75 && s.parents < records * 0.92);
            CPPUNIT_ASSERT_MESSAGE(name, s.deletions >= records * 0.012 && s.deletions <= records * 0.02 + 1);
            CPPUNIT_ASSERT_MESSAGE(name, s.restorations >= 1 && s.restorations < s.deletions);
            CPPUNIT_ASSERT_MESSAGE(name, s.membershipOps > records * 0.1 && s.membershipOps < records * 0.3);
            CPPUNIT_ASSERT_MESSAGE(name, s.downloads > (s.views + s.downloads) / 4 && s.downloads < s.views);
            CPPUNIT_ASSERT_MESSAGE(name, s.versionCommunityChanges >= 1 && s.versionCommunityChanges < s.versions);
        }
        // Larger scales are proportionally larger (records x25 then x20, usage x40 then x25).
        CPPUNIT_ASSERT_EQUAL(25.0, static_cast<double>(mid.summary.records) / small.summary.records);
        CPPUNIT_ASSERT_EQUAL(20.0, static_cast<double>(large.summary.records) / mid.summary.records);
        const double midPerRecord = static_cast<double>(mid.bytes) / mid.summary.records;
        const double largePerRecord = static_cast<double>(large.bytes) / large.summary.records;
        CPPUNIT_ASSERT(largePerRecord > midPerRecord * 0.8 && largePerRecord < midPerRecord * 1.6);
        // Speed: the brief asks for `large` well under a minute (generous bound for loaded CI machines).
        CPPUNIT_ASSERT_MESSAGE("large took " + std::to_string(large.seconds) + " s", large.seconds < 60.0);
    }

    void popularityFollowsAPowerLaw() {
        const auto& m = medium();
        std::vector<std::uint64_t> hits;
        std::uint64_t total = 0;
        for (const auto& h : m.hitsPerRecord) {
            hits.push_back(h.second);
            total += h.second;
        }
        std::sort(hits.rbegin(), hits.rend());
        const std::size_t records = m.records.size();
        std::uint64_t top1 = 0, top10 = 0;
        for (std::size_t i = 0; i < hits.size(); ++i) {
            if (i < records / 100) top1 += hits[i];
            if (i < records / 10) top10 += hits[i];
        }
        CPPUNIT_ASSERT_MESSAGE("top 1% share", top1 > total / 8);
        CPPUNIT_ASSERT_MESSAGE("top 10% share", top10 > total * 2 / 5);
        CPPUNIT_ASSERT_MESSAGE("a long tail: almost every record is seen", hits.size() > records * 9 / 10);
        CPPUNIT_ASSERT(hits.back() < hits.front() / 100);
    }

    void uploadersFollowAPowerLaw() {
        std::map<std::string, std::size_t> perOwner;
        for (const auto& r : medium().records)
            if (obj(r, "versions")->getValue<int>("index") == 1) {
                const std::string owner = ownerOf(r);
                if (!owner.empty()) ++perOwner[owner];
            }
        std::vector<std::size_t> counts;
        for (const auto& o : perOwner) counts.push_back(o.second);
        std::sort(counts.rbegin(), counts.rend());
        const std::size_t singles = static_cast<std::size_t>(std::count(counts.begin(), counts.end(), 1u));
        CPPUNIT_ASSERT(counts.size() > 300);
        CPPUNIT_ASSERT_MESSAGE("most uploaders upload once", singles * 2 > counts.size());
        CPPUNIT_ASSERT_MESSAGE("a few upload a lot", counts.front() >= 50 && counts[4] >= 20);
    }

    void communitySizesAreSkewed() {
        std::map<std::string, std::size_t> size;
        std::size_t none = 0, several = 0, parents = 0;
        for (const auto& r : medium().records) {
            if (obj(r, "versions")->getValue<int>("index") != 1) continue;
            ++parents;
            const auto ids = arr(path(r, "parent.communities"), "ids");
            if (ids->size() == 0) ++none;
            if (ids->size() > 1) ++several;
            for (std::size_t i = 0; i < ids->size(); ++i) ++size[ids->getElement<std::string>(i)];
        }
        std::vector<std::size_t> sizes;
        for (const auto& s : size) sizes.push_back(s.second);
        std::sort(sizes.rbegin(), sizes.rend());
        CPPUNIT_ASSERT(sizes.size() >= 45);
        const std::size_t median = sizes[sizes.size() / 2];
        CPPUNIT_ASSERT_MESSAGE("a few big communities", sizes[0] >= 10 * median && sizes[2] >= 4 * median);
        CPPUNIT_ASSERT_MESSAGE("records in no community", none > parents / 5 && none < parents / 2);
        CPPUNIT_ASSERT_MESSAGE("records in several", several > parents / 20 && several < parents / 3);
    }

    void usageIsWeeklySeasonalAndGrows() {
        double weekday = 0, weekend = 0;
        int weekdays = 0, weekends = 0;
        std::uint64_t firstYear = 0, lastYear = 0;
        for (const auto& d : medium().hitsPerDay) {
            const Poco::DateTime date(std::stoi(d.first.substr(0, 4)), std::stoi(d.first.substr(5, 2)),
                                      std::stoi(d.first.substr(8, 2)));
            const int dow = date.dayOfWeek();  // 0 = Sunday
            if (dow == 0 || dow == 6) {
                weekend += static_cast<double>(d.second);
                ++weekends;
            } else {
                weekday += static_cast<double>(d.second);
                ++weekdays;
            }
            if (d.first < "2023-01-01") firstYear += d.second;
            if (d.first >= "2025-01-01") lastYear += d.second;
        }
        CPPUNIT_ASSERT(weekdays > 500 && weekends > 200);
        CPPUNIT_ASSERT_MESSAGE("weekdays busier than weekends", weekday / weekdays > 1.4 * (weekend / weekends));
        CPPUNIT_ASSERT_MESSAGE("a growing repository", lastYear > 2 * firstYear);
    }

    void oldPublicationDatesBelowTheFloorExist() {
        std::size_t preFloor = 0;
        for (const auto& r : medium().records) {
            const std::string d = str(obj(r, "metadata"), "publication_date");
            if (!d.empty() && d < "1900") ++preFloor;
        }
        CPPUNIT_ASSERT(preFloor >= 1);
    }
};

CPPUNIT_TEST_SUITE_REGISTRATION(DemoShapeTest);
