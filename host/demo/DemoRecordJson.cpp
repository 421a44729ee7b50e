#include "demo/DemoRecordJson.h"

#include <algorithm>
#include <cmath>

#include "demo/DemoTime.h"
#include "demo/Vocabulary.h"

namespace statshost::demo::detail {

namespace {

constexpr std::uint64_t kMetaSalt = 0x6d657461;     // "meta": per parent
constexpr std::uint64_t kVersionSalt = 0x76657273;  // "vers": per record version
constexpr std::uint64_t kDateSalt = 0x64617465;     // "date": per parent
constexpr std::uint64_t kFileIdSalt = 0x66696400;

template <typename T>
const T& pickOne(Rng& rng, const std::vector<T>& v) {
    return v[rng.below(v.size())];
}

template <typename T>
const T& pickWeighted(Rng& rng, const std::vector<T>& v) {
    double sum = 0;
    for (const auto& t : v) sum += t.weight;
    double u = rng.unit() * sum;
    for (const auto& t : v) {
        if (u < t.weight) return t;
        u -= t.weight;
    }
    return v.back();
}

std::string two(unsigned v) {
    return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10);
}
std::string year4(std::int64_t y) {
    std::string s = std::to_string(y);
    while (s.size() < 4) s.insert(s.begin(), '0');
    return s;
}
std::string yearMonth(std::int64_t days) {
    const CivilDate c = civilFromDays(days);
    return year4(c.year) + "-" + two(c.month);
}
std::int64_t randomDayIn(Rng& rng, std::int64_t year) {
    const auto month = static_cast<unsigned>(rng.between(1, 12));
    const auto day = static_cast<unsigned>(rng.between(1, daysInMonth(year, month)));
    return daysFromCivil(year, month, day);
}

std::string hex(std::uint64_t v, int digits) {
    static const char kHex[] = "0123456789abcdef";
    std::string s(static_cast<std::size_t>(digits), '0');
    for (int i = digits - 1; i >= 0; --i, v >>= 4) s[static_cast<std::size_t>(i)] = kHex[v & 15];
    return s;
}

/// The first version's date text for a parent, by its PubDateKind; false = no date.
bool parentPublicationDate(const Plan& plan, std::uint32_t parentIndex, std::string& out) {
    const Parent& parent = plan.parents[parentIndex];
    const Record& first = plan.records[parent.firstRecord];
    const std::int64_t created = first.at / kSecondsPerDay;
    const std::int64_t year = civilFromDays(created).year;
    Rng rng(hashOf(plan.seed, kDateSalt, parentIndex));
    switch (parent.pubDate) {
        case PubDateKind::Day:
            out = formatDate(created - rng.between(0, 10));
            return true;
        case PubDateKind::BackDated: {
            std::int64_t y;
            if (first.migrated) y = year - rng.between(5, 30);
            else if (rng.chance(0.06)) y = rng.between(1850, 1899);  // older than the published-date floor
            else y = year - 1 - std::min<std::int64_t>(80, static_cast<std::int64_t>(rng.exponential(6.0)));
            out = formatDate(randomDayIn(rng, y));
            return true;
        }
        case PubDateKind::Future:
            out = formatDate(created + rng.between(1, 400));
            return true;
        case PubDateKind::Year:
            out = year4(first.migrated ? year - rng.between(5, 30) : year - rng.between(0, 3));
            return true;
        case PubDateKind::YearMonth:
            out = yearMonth(created - rng.between(0, 60));
            return true;
        case PubDateKind::Interval: {
            const std::int64_t y1 = year - rng.between(2, 30);
            const std::int64_t y2 = std::min(year, y1 + rng.between(1, 10));
            const std::uint64_t form = rng.below(3);
            const std::int64_t d1 = randomDayIn(rng, y1);
            const std::int64_t d2 = randomDayIn(rng, y2);
            if (form == 0) out = year4(y1) + "/" + year4(y2);
            else if (form == 1) out = formatDate(d1) + "/" + formatDate(std::max(d1, d2));
            else out = yearMonth(d1) + "/" + yearMonth(std::max(d1, d2));
            return true;
        }
        case PubDateKind::Missing: return false;
    }
    return false;
}

std::string orcidLike(Rng& rng) {
    std::string s = "0000-000";
    s += static_cast<char>('1' + rng.below(3));
    s += "-";
    for (int i = 0; i < 8; ++i) {
        if (i == 4) s += "-";
        s += static_cast<char>('0' + rng.below(10));
    }
    s.back() = rng.chance(0.1) ? 'X' : s.back();
    return s;
}

void writeAffiliations(JsonWriter& w, Rng& rng, int count) {
    const auto& orgs = vocab::institutions();
    w.key("affiliations").beginArray();
    for (int i = 0; i < count; ++i) {
        // Earlier institutions in the list are more common.
        const auto& org = orgs[std::min<std::size_t>(orgs.size() - 1, static_cast<std::size_t>(rng.exponential(5.0)))];
        w.beginObject();
        if (org.id && rng.chance(0.85)) w.field("id", org.id);
        w.field("name", org.name);
        w.endObject();
    }
    w.endArray();
}

void writePerson(JsonWriter& w, Rng& rng, bool allowOrganisation) {
    w.key("person_or_org").beginObject();
    if (allowOrganisation && rng.chance(0.08)) {
        w.field("type", "organizational").field("name", pickOne(rng, vocab::institutions()).name);
    } else {
        const std::string given = pickOne(rng, vocab::givenNames());
        const std::string family = pickOne(rng, vocab::familyNames());
        w.field("type", "personal").field("name", family + ", " + given).field("given_name", given).field("family_name",
                                                                                                             family);
        if (rng.chance(0.4)) {
            w.key("identifiers").beginArray().beginObject().field("scheme", "orcid").field("identifier", orcidLike(rng));
            w.endObject().endArray();
        }
    }
    w.endObject();
}

void writeMetadata(JsonWriter& w, const Plan& plan, std::uint32_t record, Rng& meta, Rng& version) {
    const Record& r = plan.records[record];
    const Parent& parent = plan.parents[r.parent];
    const auto& rt = vocab::resourceTypes()[parent.resourceType];
    w.key("metadata").beginObject();

    w.key("resource_type").beginObject().field("id", rt.id);
    if (meta.chance(0.92)) w.key("title").beginObject().field("en", rt.title).endObject();
    w.endObject();

    std::string title = pickOne(meta, vocab::titleMethods());
    title += " ";
    title += pickOne(meta, vocab::titleTopics());
    if (meta.chance(0.6)) title += std::string(" in ") + pickOne(meta, vocab::titlePlaces());
    else title += std::string(" ") + pickOne(meta, vocab::titleObjects());
    w.field("title", title);
    if (meta.chance(0.85))
        w.field("description", "<p>" + title + ".</p><p>Demo record generated by statshost; contents are synthetic.</p>");

    if (meta.chance(0.05)) {
        w.key("additional_titles").beginArray().beginObject().field("title", "Subtitle: " + title);
        w.key("type").beginObject().field("id", "subtitle").key("title").beginObject().field("en", "Subtitle");
        w.endObject().endObject().endObject().endArray();
    }
    if (meta.chance(0.06)) {
        w.key("additional_descriptions").beginArray().beginObject();
        w.field("description", "<p>Collected with calibrated instruments; see the codebook.</p>");
        w.key("type").beginObject().field("id", "methods").key("title").beginObject().field("en", "Methods");
        w.endObject().endObject().endObject().endArray();
    }

    std::string date;
    const bool hasDate = publicationDate(plan, record, date);
    if (hasDate) w.field("publication_date", date);
    if (hasDate && meta.chance(0.25)) {
        w.key("dates").beginArray().beginObject().field("date", date.substr(0, date.find('/')));
        w.key("type").beginObject().field("id", "issued").key("title").beginObject().field("en", "Issued");
        w.endObject().endObject().field("description", "Publication date").endObject().endArray();
    }
    if (meta.chance(0.15)) {
        w.key("identifiers").beginArray().beginObject();
        w.field("identifier", "10.5072/ext." + std::to_string(meta.between(10000, 99999))).field("scheme", "doi");
        w.endObject().endArray();
    }

    if (meta.chance(0.85)) w.field("publisher", pickWeighted(meta, vocab::publishers()).title);
    if (version.chance(0.7))
        w.field("version", rt.profile == 2 ? "1." + std::to_string(r.version - 1) + ".0" : "v" + std::to_string(r.version));

    // Creators: mostly small teams, a long tail of large collaborations.
    const double u = meta.unit();
    const int creators = u < 0.4 ? 1 : u < 0.6 ? 2 : u < 0.75 ? 3 : u < 0.93 ? static_cast<int>(meta.between(4, 6))
                                                                           : static_cast<int>(meta.between(7, 12));
    w.key("creators").beginArray();
    for (int i = 0; i < creators; ++i) {
        w.beginObject();
        writePerson(w, meta, true);
        if (meta.chance(0.3)) {
            w.key("role").beginObject().field("id", "author");
            w.key("title").beginObject().field("en", "Author").endObject().endObject();
        }
        const double a = meta.unit();
        writeAffiliations(w, meta, a < 0.25 ? 0 : a < 0.85 ? 1 : 2);
        w.endObject();
    }
    w.endArray();

    if (meta.chance(0.35)) {
        const int n = static_cast<int>(meta.between(1, 3));
        w.key("contributors").beginArray();
        for (int i = 0; i < n; ++i) {
            const auto& role = pickWeighted(meta, vocab::contributorRoles());
            w.beginObject();
            writePerson(w, meta, false);
            w.key("role").beginObject().field("id", role.id);
            w.key("title").beginObject().field("en", role.title).endObject().endObject();
            writeAffiliations(w, meta, meta.chance(0.6) ? 1 : 0);
            w.endObject();
        }
        w.endArray();
    }

    if (meta.chance(0.78)) {
        const auto& subjects = vocab::subjects();
        const auto& keywords = vocab::keywords();
        const int controlled = static_cast<int>(meta.below(4));
        const int free = static_cast<int>(meta.below(5));
        w.key("subjects").beginArray();
        std::vector<std::size_t> seen;
        for (int i = 0; i < controlled; ++i) {
            const std::size_t k = meta.below(subjects.size());
            if (std::find(seen.begin(), seen.end(), k) != seen.end()) continue;
            seen.push_back(k);
            w.beginObject().field("id", subjects[k].id).field("subject", subjects[k].subject).field("scheme",
                                                                                                   subjects[k].scheme);
            w.endObject();
        }
        seen.clear();
        for (int i = 0; i < free; ++i) {
            const std::size_t k = meta.below(keywords.size());
            if (std::find(seen.begin(), seen.end(), k) != seen.end()) continue;
            seen.push_back(k);
            w.beginObject().field("subject", keywords[k]).endObject();
        }
        w.endArray();
    }

    const double l = meta.unit();
    if (l < 0.8) {
        w.key("languages").beginArray();
        const auto& first = pickWeighted(meta, vocab::languages());
        w.beginObject().field("id", first.id).key("title").beginObject().field("en", first.title).endObject().endObject();
        if (l < 0.05) {
            const auto& second = pickWeighted(meta, vocab::languages());
            if (std::string(second.id) != first.id)
                w.beginObject().field("id", second.id).key("title").beginObject().field("en", second.title).endObject()
                    .endObject();
        }
        w.endArray();
    }

    const double rr = meta.unit();
    if (rr < 0.85) {
        w.key("rights").beginArray().beginObject();
        if (rr < 0.81) {
            const auto& lic = pickWeighted(meta, vocab::licenses());
            w.field("id", lic.id).key("title").beginObject().field("en", lic.title).endObject();
            if (meta.chance(0.5))
                w.key("description").beginObject().field("en", std::string("The ") + lic.title + " licence.").endObject();
            if (std::string(lic.id).rfind("cc", 0) == 0) w.field("icon", std::string(lic.id).substr(0, 5) + "-icon");
            w.key("props").beginObject().field("scheme", "spdx").field("url", lic.url).endObject();
        } else {  // a custom licence: no vocabulary id, so it is not counted as a licence
            w.key("title").beginObject().field("en", "Custom terms of use").endObject();
            w.key("description").beginObject().field("en", "Reuse permitted for research and teaching.").endObject();
            w.field("link", std::string(kSiteUrl) + "/terms/custom");
        }
        w.endObject().endArray();
    }

    if (meta.chance(0.3)) {
        const int n = meta.chance(0.8) ? 1 : 2;
        w.key("funding").beginArray();
        for (int i = 0; i < n; ++i) {
            const auto& funder = vocab::funders()[std::min<std::size_t>(
                vocab::funders().size() - 1, static_cast<std::size_t>(meta.exponential(2.5)))];
            w.beginObject().key("funder").beginObject();
            if (funder.id) w.field("id", funder.id);
            w.field("name", funder.name).endObject();
            if (meta.chance(0.7)) {
                const std::string number = std::to_string(meta.between(100000000, 109999999));
                w.key("award").beginObject();
                if (funder.id) w.field("id", std::string(funder.id) + "::" + number);
                w.field("number", number);
                w.key("title").beginObject().field("en", "Project " + number.substr(5)).endObject();
                w.endObject();
            }
            w.endObject();
        }
        w.endArray();
    }
    w.endObject();  // metadata
}

void writeCustomFields(JsonWriter& w, const Plan& plan, std::uint32_t record, Rng& meta) {
    const Parent& parent = plan.parents[plan.records[record].parent];
    const std::string rt = vocab::resourceTypes()[parent.resourceType].id;
    w.key("custom_fields").beginObject();
    if (rt == "publication-article" || (rt == "publication-preprint" && meta.chance(0.15))) {
        const double u = meta.unit();
        if (u < 0.92) {
            w.key("journal:journal").beginObject();
            if (u < 0.85) {
                const auto& j = pickOne(meta, vocab::journals());
                w.field("title", j.title).field("issn", j.issn);
            }
            w.field("volume", std::to_string(meta.between(1, 60)));
            w.field("issue", std::to_string(meta.between(1, 12)));
            const std::int64_t page = meta.between(1, 400);
            w.field("pages", std::to_string(page) + "-" + std::to_string(page + meta.between(4, 30)));
            w.endObject();
        }
    } else if (rt == "publication-book" || rt == "publication-section") {
        w.key("imprint:imprint").beginObject();
        std::string isbn = "978-0-" + std::to_string(meta.between(100000, 999999));
        isbn += "-" + std::to_string(meta.below(10));
        isbn += "-" + std::to_string(meta.below(10));
        w.field("isbn", isbn);
        w.field("place", pickOne(meta, vocab::titlePlaces()));
        if (rt == "publication-section") {
            w.field("title", std::string("Collected essays on ") + pickOne(meta, vocab::titleTopics()));
            const std::int64_t page = meta.between(1, 300);
            w.field("pages", std::to_string(page) + "-" + std::to_string(page + meta.between(10, 40)));
        }
        w.endObject();
    } else if (rt == "publication-thesis") {
        w.field("thesis:university", pickOne(meta, vocab::institutions()).name);
    }
    w.endObject();
}

void writeAccess(JsonWriter& w, const Plan& plan, std::uint32_t record, Rng& version) {
    const Record& r = plan.records[record];
    const AccessKind kind = plan.parents[r.parent].access;
    const bool recordPublic = kind != AccessKind::RecordRestricted;
    const bool filesPublic = kind == AccessKind::Open;
    const bool embargoed = kind == AccessKind::Embargoed;
    w.key("access").beginObject();
    w.field("record", recordPublic ? "public" : "restricted").field("files", filesPublic ? "public" : "restricted");
    w.key("embargo").beginObject().fieldBool("active", embargoed);
    if (embargoed) {
        w.field("until", formatDate(r.at / kSecondsPerDay + 180 + static_cast<std::int64_t>(version.below(500))));
        w.field("reason", "Pending journal publication");
    } else {
        w.key("until").null().key("reason").null();
    }
    w.endObject();
    const char* status = embargoed                          ? "embargoed"
                         : recordPublic && !r.filesEnabled ? "metadata-only"
                         : recordPublic && filesPublic     ? "open"
                                                           : "restricted";
    // A few records leave the status out; readers derive it from the fields above.
    if (!version.chance(0.03)) w.field("status", status);
    w.endObject();
}

void writeFiles(JsonWriter& w, const Plan& plan, std::uint32_t record, Rng& version) {
    const Record& r = plan.records[record];
    w.key("files").beginObject().fieldBool("enabled", r.filesEnabled);
    if (!r.filesEnabled) {
        w.key("order").beginArray().endArray();
        w.fieldNum("count", 0).fieldNum("total_bytes", 0);
        w.key("entries").beginObject().endObject();
        w.endObject();
        return;
    }
    std::uint64_t total = 0;
    for (const auto& f : r.files) total += f.size;
    w.field("default_preview", r.files.front().key);
    w.key("order").beginArray().endArray();
    w.fieldNum("count", static_cast<std::int64_t>(r.files.size()));
    w.key("total_bytes").unum(total);
    w.key("entries").beginObject();
    for (std::size_t i = 0; i < r.files.size(); ++i) {
        const FileEntry& f = r.files[i];
        w.key(f.key).beginObject();
        w.field("id", fileId(plan, record, i)).field("key", f.key);
        if (f.sizeAsText) w.field("size", std::to_string(f.size));
        else w.key("size").unum(f.size);
        if (f.type >= 0) {
            const auto& ft = vocab::fileTypes()[static_cast<std::size_t>(f.type)];
            w.field("mimetype", ft.mimetype);
            if (!f.omitExt) w.field("ext", ft.ext);
        } else {
            w.field("mimetype", "application/octet-stream");
        }
        std::string checksum = "md5:" + hex(version.next(), 16);
        checksum += hex(version.next(), 16);
        w.field("checksum", checksum);
        w.key("metadata").beginObject().endObject();
        w.key("access").beginObject().fieldBool("hidden", false).endObject();
        w.endObject();
    }
    w.endObject();
    w.endObject();
}

}  // namespace

std::string fileId(const Plan& plan, std::uint32_t record, std::size_t fileIndex) {
    const std::uint64_t h = hashOf(plan.seed, kFileIdSalt, (static_cast<std::uint64_t>(record) << 16) | fileIndex);
    return uuidFrom(h, mix64(h));
}

bool publicationDate(const Plan& plan, std::uint32_t record, std::string& out) {
    const Record& r = plan.records[record];
    if (r.version > 1) {
        Rng rng(hashOf(plan.seed, kDateSalt + 1, record));
        if (rng.chance(0.4)) {  // a new version dated by its own release
            out = formatDate(r.at / kSecondsPerDay);
            return true;
        }
    }
    return parentPublicationDate(plan, r.parent, out);
}

void writeCommunity(JsonWriter& w, const Community& c) {
    w.beginObject();
    w.field("id", c.id).field("slug", c.slug);
    w.key("metadata").beginObject().field("title", c.title);
    w.key("type").beginObject().field("id", c.type).endObject();
    w.endObject();
    w.key("access").beginObject().field("visibility", c.restricted ? "restricted" : "public").endObject();
    w.key("custom_fields").beginObject().fieldBool("stats:dashboard_enabled", c.dashboardEnabled).endObject();
    w.endObject();
}

void writeRecord(JsonWriter& w, const Plan& plan, std::uint32_t record, const std::vector<std::uint32_t>* communities,
                 const std::string& at) {
    const Record& r = plan.records[record];
    const Parent& parent = plan.parents[r.parent];
    Rng meta(hashOf(plan.seed, kMetaSalt, r.parent));
    Rng version(hashOf(plan.seed, kVersionSalt, record));

    w.beginObject();
    w.field("id", pidText(r.id)).field("created", at).field("updated", at);
    w.fieldBool("is_published", true).fieldBool("is_draft", false).field("status", "published");
    w.key("versions").beginObject().fieldNum("index", r.version).fieldBool("is_latest", true).endObject();
    if (!version.chance(0.1)) {
        w.key("pids").beginObject().key("doi").beginObject();
        w.field("identifier", "10.5072/demo." + std::string(pidText(r.id)))
            .field("provider", "datacite")
            .field("client", "datacite");
        w.endObject();
        w.key("oai").beginObject().field("identifier", "oai:demo.example.org:" + std::string(pidText(r.id)));
        w.field("provider", "oai").endObject();
        w.endObject();
    }

    w.key("parent").beginObject().field("id", pidText(parent.id));
    if (parent.ownerForm != OwnerForm::None) {
        w.key("access").beginObject().key("owned_by");
        const std::string user = std::to_string(parent.owner);
        switch (parent.ownerForm) {
            case OwnerForm::Text: w.beginObject().field("user", user).endObject(); break;
            case OwnerForm::Number: w.beginObject().fieldNum("user", parent.owner).endObject(); break;
            case OwnerForm::List: w.beginArray().beginObject().field("user", user).endObject().endArray(); break;
            case OwnerForm::None: break;
        }
        w.endObject();
    }
    if (communities) {
        w.key("communities").beginObject().key("ids").beginArray();
        for (std::uint32_t c : *communities) w.str(plan.communities[c].id);
        w.endArray();
        if (!communities->empty()) w.field("default", plan.communities[communities->front()].id);
        w.endObject();
    }
    w.endObject();  // parent

    writeAccess(w, plan, record, version);
    writeFiles(w, plan, record, version);
    writeMetadata(w, plan, record, meta, version);
    writeCustomFields(w, plan, record, meta);
    w.endObject();
}

}  // namespace statshost::demo::detail
