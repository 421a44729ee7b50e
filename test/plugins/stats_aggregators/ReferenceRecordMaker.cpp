// Random record JSON for the cross-check generator.
#include "ReferenceRecordMaker.h"

#include <cctype>
#include <sstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include "records/Dates.h"

namespace statshost::test::reference {

using Poco::JSON::Array;
using Poco::JSON::Object;

struct Titled {
    std::string id;
    std::string title;  // "" = none
};

namespace {

constexpr std::int64_t kSec = 1000000;
constexpr std::int64_t kDay = 86400 * kSec;

const std::vector<Titled> kResourceTypes = {
    {"dataset", "Dataset"}, {"publication-article", "Journal article"}, {"image-photo", ""}, {"software", "Software"}};
const std::vector<Titled> kLanguages = {{"eng", "English"}, {"fra", "French"}, {"deu", "German"}};
const std::vector<Titled> kLicenses = {
    {"cc-by-4.0", "Creative Commons Attribution 4.0 International"}, {"arr", "All Rights Reserved"}};
// id, name ("" = none)
const std::vector<Titled> kAffiliations = {
    {"01ggx4157", "CERN"}, {"", "Henry Ford College"}, {"00f54p054", ""}, {"013meh722", "University of Cambridge"}};
const std::vector<Titled> kFunders = {
    {"02b5d8509", "Social Sciences and Humanities Research Council"}, {"", "Wellcome Trust"}, {"00k4n6c32", ""}};
// id ("" = keyword), subject
const std::vector<Titled> kSubjects = {{"euroscivoc:1002", "Astrophysics"},
                                       {"euroscivoc:1004", "Epidemiology"},
                                       {"", "data paper"},
                                       {"", "Data Paper"},
                                       {"", "climate"}};
const std::vector<std::string> kPublishers = {"Brill", "Frontiers Media", "Taylor & Francis"};
const std::vector<std::string> kJournals = {"Archival Science", "Historical Methods"};
const std::vector<std::string> kStatuses = {"open", "open", "restricted", "embargoed", "metadata-only"};
// key, explicit ext ("" = none)
const std::vector<std::pair<std::string, std::string>> kFileKeys = {
    {"data.csv", ""},   {"paper.PDF", ""}, {"archive.tar.gz", ""}, {"image.jpg", ""},
    {"README", ""},     {"sheet", "XLSX"}, {"more.csv", ""},       {"scan.jpg", ""}};

std::string lowerType(const std::string& key, const std::string& ext) {
    std::string t = ext;
    if (t.empty()) {
        auto dot = key.rfind('.');
        if (dot != std::string::npos && dot != 0) t = key.substr(dot + 1);
    }
    for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return t;
}

std::string stringify(const Object::Ptr& o) {
    std::ostringstream s;
    Poco::JSON::Stringifier::condense(o, s);
    return s.str();
}

}  // namespace

std::string RecordMaker::createdText() {
    std::int64_t created = _now;
    std::int64_t p = _rng.range(0, 99);
    if (p < 75)
        created = _now - _rng.range(0, 120) * kDay - _rng.range(0, 86399) * kSec;
    else if (p < 95)
        created = _now - _rng.range(0, 3599) * kSec;
    else
        created = _now + _rng.range(1, 3) * kDay;  // odd but possible: created after publication
    return records::formatSeconds(created) + (_rng.chance(0.3) ? "+02:00" : "Z");
}

/// A publication date of any supported form, or nothing (key omitted).
std::optional<std::string> RecordMaker::publicationDate() {
    std::int64_t p = _rng.range(0, 99);
    std::int64_t around = records::dayOfMicros(_now) + _rng.range(-150, 30);
    std::string day = records::formatDay(around);
    if (p < 40) return day;
    if (p < 52) return day.substr(0, 7);
    if (p < 58) return day.substr(0, 4);
    if (p < 63) return day.substr(0, 7) + "/" + records::formatDay(around + 40);
    if (p < 67) return std::string("not a date");
    if (p < 72) return std::nullopt;
    if (p < 82) return records::formatDay(records::dayOfMicros(_now) - _rng.range(3000, 9000));  // floored
    return records::formatDay(records::dayOfMicros(_now) + _rng.range(5, 300));  // future
}

Object::Ptr RecordMaker::titled(const Titled& t, const std::string& idKey, const std::string& titleKey, bool nested) {
    Object::Ptr o = new Object;
    if (!t.id.empty()) o->set(idKey, t.id);
    if (!t.title.empty() && !_rng.chance(0.15)) {
        // Records sometimes disagree on the label of an id (the earliest published one wins).
        std::string text = !t.id.empty() && _rng.chance(0.12) ? t.title + " (variant)" : t.title;
        if (nested) {
            Object::Ptr title = new Object;
            title->set("en", text);
            o->set(titleKey, title);
        } else {
            o->set(titleKey, text);
        }
    }
    return o;
}

Array::Ptr RecordMaker::people(int max) {
    Array::Ptr list = new Array;
    int n = static_cast<int>(_rng.range(max > 1 ? 1 : 0, max));
    for (int i = 0; i < n; ++i) {
        Object::Ptr person = new Object;
        Object::Ptr po = new Object;
        po->set("name", "Person " + std::to_string(_rng.range(1, 9)));
        po->set("type", "personal");
        person->set("person_or_org", po);
        Array::Ptr affs = new Array;
        for (const auto& a : _rng.subset(kAffiliations, 0.35)) affs->add(titled(a, "id", "name", false));
        if (affs->size() > 0) person->set("affiliations", affs);
        list->add(person);
    }
    return list;
}

Object::Ptr RecordMaker::owner() {
    std::int64_t p = _rng.range(0, 99);
    Object::Ptr access = new Object;
    if (p < 30) {
        Object::Ptr o = new Object;
        o->set("user", 7);
        access->set("owned_by", o);
    } else if (p < 55) {
        Object::Ptr o = new Object;
        o->set("user", "7");
        access->set("owned_by", o);
    } else if (p < 70) {
        Object::Ptr o = new Object;
        o->set("user", std::to_string(_rng.range(8, 12)));
        access->set("owned_by", o);
    } else if (p < 80) {
        Array::Ptr list = new Array;
        Object::Ptr o = new Object;
        o->set("user", static_cast<int>(_rng.range(8, 12)));
        list->add(o);
        access->set("owned_by", list);
    } else if (p < 90) {
        Object::Ptr o = new Object;
        o->set("email", "someone@example.org");
        access->set("owned_by", o);
    } else {
        return nullptr;
    }
    return access;
}

RecordModel RecordMaker::make(const std::string& id, const std::string& parent, std::int64_t nowMicros) {
_now = nowMicros;
    RecordModel m;
    m.id = id;
    m.parent = parent;
    Object::Ptr rec = new Object;
    rec->set("id", id);
    rec->set("created", createdText());
    Object::Ptr par = new Object;
    par->set("id", parent);
    if (auto access = owner()) par->set("access", access);
    rec->set("parent", par);

    Object::Ptr md = new Object;
    md->set("title", "Record " + id);
    if (auto date = publicationDate()) md->set("publication_date", *date);
    if (!_rng.chance(0.05)) md->set("resource_type", titled(_rng.pick(kResourceTypes), "id", "title", true));
    Array::Ptr langs = new Array;
    for (const auto& l : _rng.subset(kLanguages, 0.4)) langs->add(titled(l, "id", "title", true));
    md->set("languages", langs);
    Array::Ptr rights = new Array;
    for (const auto& l : _rng.subset(kLicenses, 0.45)) rights->add(titled(l, "id", "title", true));
    if (_rng.chance(0.15)) rights->add(titled({"", "Custom licence"}, "id", "title", true));
    md->set("rights", rights);
    md->set("creators", people(2));
    if (_rng.chance(0.4)) md->set("contributors", people(1));
    Array::Ptr funding = new Array;
    for (const auto& f : _rng.subset(kFunders, 0.3)) {
        Object::Ptr entry = new Object;
        entry->set("funder", titled(f, "id", "name", false));
        funding->add(entry);
    }
    md->set("funding", funding);
    Array::Ptr subjects = new Array;
    for (const auto& s : _rng.subset(kSubjects, 0.35)) {
        Object::Ptr o = new Object;
        if (!s.id.empty()) o->set("id", s.id);
        o->set("subject", !s.id.empty() && _rng.chance(0.12) ? s.title + " (variant)" : s.title);
        subjects->add(o);
    }
    md->set("subjects", subjects);
    if (_rng.chance(0.6)) md->set("publisher", _rng.pick(kPublishers));
    rec->set("metadata", md);
    if (_rng.chance(0.4)) {
        Object::Ptr journal = new Object;
        journal->set("title", _rng.pick(kJournals));
        Object::Ptr custom = new Object;
        custom->set("journal:journal", journal);
        rec->set("custom_fields", custom);
    }

    Object::Ptr access = new Object;
    if (_rng.chance(0.9)) {
        access->set("status", _rng.pick(kStatuses));
    } else {
        access->set("record", "public");
        access->set("files", _rng.chance(0.5) ? "public" : "restricted");
    }
    rec->set("access", access);

    std::int64_t p = _rng.range(0, 99);
    if (p < 90) {
        bool enabled = p < 72;
        Object::Ptr files = new Object;
        files->set("enabled", enabled);
        Object::Ptr entries = new Object;
        auto keys = _rng.subset(kFileKeys, 0.3);
        if (keys.empty()) keys.push_back(_rng.pick(kFileKeys));
        for (const auto& [key, ext] : keys) {
            Object::Ptr entry = new Object;
            entry->set("key", key);
            std::int64_t size = _rng.range(0, 5000000);
            if (_rng.chance(0.2))
                entry->set("size", std::to_string(size));
            else
                entry->set("size", size);
            if (!ext.empty()) entry->set("ext", ext);
            std::string fileId = id + "/" + key;
            if (_rng.chance(0.5)) {
                fileId = "file-" + id + "-" + std::to_string(entries->size());
                entry->set("id", fileId);
            }
            entries->set(key, entry);
            if (enabled) m.files.push_back({fileId, key, lowerType(key, ext), size});
        }
        files->set("entries", entries);
        rec->set("files", files);
    }
    m.baseJson = stringify(rec);
    return m;
}

std::string RecordMaker::withCommunities(const std::string& base, const std::optional<std::vector<std::string>>& communities) {
    if (!communities) return base;
    auto rec = Poco::JSON::Parser().parse(base).extract<Object::Ptr>();
    Object::Ptr ids = new Object;
    Array::Ptr list = new Array;
    for (const auto& c : *communities) list->add(c);
    ids->set("ids", list);
    rec->getObject("parent")->set("communities", ids);
    return stringify(rec);
}


}  // namespace statshost::test::reference
