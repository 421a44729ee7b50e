// The seeded operation stream of the cross-check and its application through the real services.
#include "ReferenceGenerator.h"

#include <algorithm>
#include <random>
#include <set>
#include <sstream>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include "records/Dates.h"
#include "services/ServiceError.h"

namespace statshost::test::reference {

using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

constexpr std::int64_t kSec = 1000000;
constexpr std::int64_t kMin = 60 * kSec;
constexpr std::int64_t kHour = 60 * kMin;
constexpr std::int64_t kDay = 24 * kHour;

std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && (a < 0)); }

class Rng {
public:
    explicit Rng(std::uint64_t seed) : _g(seed) {}
    /// Uniform in [lo, hi].
    std::int64_t range(std::int64_t lo, std::int64_t hi) { return std::uniform_int_distribution<std::int64_t>(lo, hi)(_g); }
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(_g) < p; }
    template <class T>
    const T& pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(range(0, static_cast<std::int64_t>(v.size()) - 1))]; }
    /// A random subset (each element with probability p), in the given order.
    template <class T>
    std::vector<T> subset(const std::vector<T>& v, double p) {
        std::vector<T> out;
        for (const auto& x : v)
            if (chance(p)) out.push_back(x);
        return out;
    }

private:
    std::mt19937_64 _g;
};

struct Titled {
    std::string id;
    std::string title;  // "" = none
};

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
const std::vector<std::string> kCountries = {"US", "DE", "TW", "GB", "", "BO", "US"};
const std::vector<std::string> kReferrers = {"", "mastodon.social", "www.google.com", "example.org", ""};
const std::vector<std::string> kRequestTypes = {"community-inclusion", "community-submission", "community-transfer"};

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

struct FileModel {
    std::string fileId;
    std::string key;
    std::string type;
    std::int64_t size = 0;
};

struct RecordModel {
    std::string id;
    std::string parent;
    std::string baseJson;  // without parent.communities
    std::vector<FileModel> files;  // counted files (enabled only)
};

struct ParentModel {
    std::string id;
    std::vector<std::string> versions;
    std::set<std::string> communities;
};

class Builder {
public:
    Builder(std::uint64_t seed, const GeneratorOptions& options) : _rng(seed), _options(options) {
        _stream.seed = seed;
        _now = *records::parseTimestampMicros(options.start);
    }

    Stream build() {
        for (int i = 0; i < _options.communities; ++i) {
            Operation op;
            op.kind = Operation::Kind::Community;
            op.at = _now;
            op.id = "c" + std::to_string(i) + "-4e1b-9c1d-" + std::to_string(1000 + i * 37);
            op.text = "community-" + std::to_string(i);
            _communities.push_back(op.id);
            push(op);
        }
        while (static_cast<int>(_stream.operations.size()) < _options.operations) {
            advance();
            step();
        }
        _stream.lastMicros = _now;
        return std::move(_stream);
    }

private:
    void push(Operation op) {
        op.at = std::max(op.at, _now);
        _now = op.at;
        _stream.operations.push_back(std::move(op));
    }

    void advance() {
        double p = _rng.range(0, 99);
        if (p < 60)
            _now += _rng.range(10 * kMin, 8 * kHour);
        else if (p < 90)
            _now += _rng.range(8 * kHour, 3 * kDay);
        else
            _now += _rng.range(3 * kDay, 15 * kDay);
        _now += _rng.range(0, 999) * kSec / 1000;  // distinct instants
    }

    void step() {
        std::int64_t p = _rng.range(0, 99);
        if (_records.empty() || p < 28) return publishNew();
        if (p < 40) return publishVersion();
        if (p < 50) return addOrRemove(true);
        if (p < 57) return addOrRemove(false);
        if (p < 60) return accept();
        if (p < 62) return bulkAdd();
        if (p < 67) return sameDayAddRemove();
        if (p < 72) return deleteOrRestore(true);
        if (p < 76) return deleteOrRestore(false);
        if (p < 79) return republishCommunities();
        return usageBatch();
    }

    // --- records --------------------------------------------------------------------------
    std::vector<std::string> randomCommunities(double p) { return _rng.subset(_communities, p); }

    std::string createdText() {
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
    std::optional<std::string> publicationDate() {
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

    Object::Ptr titled(const Titled& t, const std::string& idKey, const std::string& titleKey, bool nested) {
        Object::Ptr o = new Object;
        if (!t.id.empty()) o->set(idKey, t.id);
        if (!t.title.empty() && !_rng.chance(0.15)) {
            if (nested) {
                Object::Ptr title = new Object;
                title->set("en", t.title);
                o->set(titleKey, title);
            } else {
                o->set(titleKey, t.title);
            }
        }
        return o;
    }

    Array::Ptr people(int max) {
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

    Object::Ptr owner() {
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

    RecordModel makeRecord(const std::string& id, const std::string& parent) {
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
            o->set("subject", s.title);
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

    /// The record JSON with parent.communities set to `communities` (nullopt = key absent).
    static std::string withCommunities(const std::string& base, const std::optional<std::vector<std::string>>& communities) {
        if (!communities) return base;
        auto rec = Poco::JSON::Parser().parse(base).extract<Object::Ptr>();
        Object::Ptr ids = new Object;
        Array::Ptr list = new Array;
        for (const auto& c : *communities) list->add(c);
        ids->set("ids", list);
        rec->getObject("parent")->set("communities", ids);
        return stringify(rec);
    }

    void publish(RecordModel m, ParentModel& parent, const std::optional<std::vector<std::string>>& communities) {
        Operation op;
        op.kind = Operation::Kind::Publish;
        op.at = _now;
        op.id = m.id;
        op.json = withCommunities(m.baseJson, communities);
        if (communities) parent.communities = {communities->begin(), communities->end()};
        parent.versions.push_back(m.id);
        _recordIndex[m.id] = _records.size();
        _records.push_back(std::move(m));
        push(op);
    }

    void publishNew() {
        ParentModel parent;
        parent.id = "p" + std::to_string(_nextParent++);
        _parents.push_back(parent);
        std::string id = "r" + std::to_string(_nextRecord++);
        RecordModel m = makeRecord(id, _parents.back().id);
        std::optional<std::vector<std::string>> comms;
        if (_rng.chance(0.6)) comms = randomCommunities(0.4);
        publish(std::move(m), _parents.back(), comms);
    }

    void publishVersion() {
        ParentModel& parent = _parents[static_cast<std::size_t>(_rng.range(0, static_cast<std::int64_t>(_parents.size()) - 1))];
        std::string id = "r" + std::to_string(_nextRecord++);
        RecordModel m = makeRecord(id, parent.id);
        std::optional<std::vector<std::string>> comms;
        std::int64_t p = _rng.range(0, 99);
        if (p < 55)
            comms = std::nullopt;  // unchanged
        else if (p < 75)
            comms = std::vector<std::string>(parent.communities.begin(), parent.communities.end());
        else if (p < 92)
            comms = randomCommunities(0.45);
        else
            comms = std::vector<std::string>{};  // explicit empty: leaves every community
        publish(std::move(m), parent, comms);
    }

    const RecordModel& randomRecord() {
        return _records[static_cast<std::size_t>(_rng.range(0, static_cast<std::int64_t>(_records.size()) - 1))];
    }
    ParentModel& parentOf(const RecordModel& r) {
        for (auto& p : _parents)
            if (p.id == r.parent) return p;
        throw std::logic_error("unknown parent " + r.parent);
    }

    void addOrRemove(bool add) {
        const RecordModel& r = randomRecord();
        ParentModel& parent = parentOf(r);
        Operation op;
        op.kind = add ? Operation::Kind::Add : Operation::Kind::Remove;
        op.at = _now;
        op.id = r.id;
        if (add) {
            op.ids = randomCommunities(0.4);
            if (op.ids.empty()) op.ids.push_back(_rng.pick(_communities));
            for (const auto& c : op.ids) parent.communities.insert(c);
        } else {
            std::vector<std::string> current(parent.communities.begin(), parent.communities.end());
            op.ids.push_back(current.empty() || _rng.chance(0.1) ? _rng.pick(_communities) : _rng.pick(current));
            parent.communities.erase(op.ids[0]);
        }
        push(op);
    }

    void accept() {
        const RecordModel& r = randomRecord();
        Operation op;
        op.kind = Operation::Kind::Accept;
        op.at = _now;
        op.id = r.id;
        op.text = _rng.pick(kRequestTypes);
        op.ids = {_rng.pick(_communities)};
        parentOf(r).communities.insert(op.ids[0]);
        push(op);
    }

    void bulkAdd() {
        Operation op;
        op.kind = Operation::Kind::BulkAdd;
        op.at = _now;
        op.id = _rng.pick(_communities);
        std::set<std::string> ids;
        for (int i = 0, n = static_cast<int>(_rng.range(1, 3)); i < n; ++i) {
            const RecordModel& r = randomRecord();
            ids.insert(r.id);
            parentOf(r).communities.insert(op.id);
        }
        op.ids.assign(ids.begin(), ids.end());
        push(op);
    }

    void sameDayAddRemove() {
        const RecordModel& r = randomRecord();
        std::string community = _rng.pick(_communities);
        Operation add;
        add.kind = Operation::Kind::Add;
        add.at = _now;
        add.id = r.id;
        add.ids = {community};
        push(add);
        Operation remove = add;
        remove.kind = Operation::Kind::Remove;
        remove.at = _now + _rng.range(1, 90) * kMin;
        // Sometimes through another version of the same parent (membership is the parent's).
        const ParentModel& parent = parentOf(r);
        remove.id = _rng.pick(parent.versions);
        push(remove);
        parentOf(r).communities.erase(community);
    }

    void deleteOrRestore(bool remove) {
        Operation op;
        op.kind = remove ? Operation::Kind::Delete : Operation::Kind::Restore;
        op.at = _now;
        op.id = randomRecord().id;
        push(op);
    }

    void republishCommunities() {
        const RecordModel& r = randomRecord();
        ParentModel& parent = parentOf(r);
        auto comms = randomCommunities(0.5);
        Operation op;
        op.kind = Operation::Kind::Publish;
        op.at = _now;
        op.id = r.id;
        op.json = withCommunities(r.baseJson, comms);
        parent.communities = {comms.begin(), comms.end()};
        push(op);
    }

    // --- usage --------------------------------------------------------------------------------
    usage::UsageEvent event(const RecordModel& r, std::int64_t ts) {
        usage::UsageEvent e;
        e.timestampMicros = ts;
        e.day = floorDiv(ts, kDay);
        e.recordId = r.id;
        e.parentId = r.parent;
        e.visitorId = "visitor-" + std::to_string(_rng.range(0, 11));
        e.country = _rng.pick(kCountries);
        e.referrerHost = _rng.pick(kReferrers);
        e.isMachine = _rng.chance(0.1);
        if (!r.files.empty() && _rng.chance(0.4)) {
            const FileModel& f = _rng.pick(r.files);
            e.type = usage::EventType::Download;
            e.fileId = f.fileId;
            e.fileKey = f.key;
            e.bucketId = r.id;
            e.fileType = f.type;
            e.size = f.size;
            e.uniqueId = e.bucketId + "_" + e.fileId;
        } else {
            e.type = usage::EventType::View;
            e.uniqueId = "ui_" + r.id;
        }
        return e;
    }

    void usageBatch() {
        Operation op;
        op.kind = Operation::Kind::Usage;
        op.at = _now;
        int n = static_cast<int>(_rng.range(2, 14));
        for (int i = 0; i < n; ++i) {
            const RecordModel& r = randomRecord();
            std::int64_t p = _rng.range(0, 99);
            std::int64_t ts = _now - _rng.range(0, 6 * 3600) * kSec;
            if (p >= 80 && p < 95) ts = _now - _rng.range(1, 40) * kDay - _rng.range(0, 86399) * kSec;  // late
            if (p >= 95) ts = _now - _rng.range(0, 59) * kSec;
            ts += _rng.range(0, 999999);
            op.events.push_back(event(r, ts));
            if (_rng.chance(0.12)) {  // a double click (same visitor, same item, seconds later)
                usage::UsageEvent again = op.events.back();
                again.timestampMicros += _rng.range(1, 6) * kSec;
                again.day = floorDiv(again.timestampMicros, kDay);
                again.country = _rng.pick(kCountries);
                op.events.push_back(again);
            }
        }
        push(op);
    }

    Rng _rng;
    GeneratorOptions _options;
    Stream _stream;
    std::int64_t _now = 0;
    std::vector<std::string> _communities;
    std::vector<RecordModel> _records;
    std::map<std::string, std::size_t> _recordIndex;
    std::vector<ParentModel> _parents;
    int _nextRecord = 0;
    int _nextParent = 0;
};

}  // namespace

const char* kindName(Operation::Kind kind) {
    switch (kind) {
    case Operation::Kind::Community: return "community";
    case Operation::Kind::Publish: return "publish";
    case Operation::Kind::Add: return "add";
    case Operation::Kind::Remove: return "remove";
    case Operation::Kind::Accept: return "accept";
    case Operation::Kind::BulkAdd: return "bulk-add";
    case Operation::Kind::Delete: return "delete";
    case Operation::Kind::Restore: return "restore";
    case Operation::Kind::Usage: return "usage";
    }
    return "?";
}

std::string Operation::describe() const {
    std::ostringstream s;
    s << records::formatSeconds(at) << " " << kindName(kind) << " " << id;
    if (!text.empty()) s << " " << text;
    for (const auto& x : ids) s << " " << x;
    if (kind == Kind::Usage) s << " (" << events.size() << " events)";
    return s.str();
}

Stream generate(std::uint64_t seed, const GeneratorOptions& options) { return Builder(seed, options).build(); }

Operation lateUsage(const Stream& stream, std::size_t upTo, std::int64_t before, std::uint64_t seed, int count) {
    Operation op;
    op.kind = Operation::Kind::Usage;
    upTo = std::min(upTo, stream.operations.size());
    if (upTo == 0) return op;
    op.at = stream.operations[upTo - 1].at;
    std::vector<const usage::UsageEvent*> earlier;
    for (std::size_t i = 0; i < upTo; ++i)
        for (const auto& e : stream.operations[i].events) earlier.push_back(&e);
    if (earlier.empty()) return op;
    Rng rng(seed);
    for (int i = 0; i < count; ++i) {
        usage::UsageEvent e = *rng.pick(earlier);
        e.timestampMicros = before - rng.range(1, 30 * 86400) * kSec - rng.range(0, 999999);
        e.day = floorDiv(e.timestampMicros, kDay);
        e.visitorId = "late-visitor-" + std::to_string(rng.range(0, 5));
        e.country = rng.pick(kCountries);
        op.events.push_back(e);
    }
    return op;
}

std::string apply(ServiceHarness& h, const usage::UsageStore& store, const Operation& op) {
    h.clock().set(op.at);
    try {
        switch (op.kind) {
        case Operation::Kind::Community: h.community(op.id, op.text); break;
        case Operation::Kind::Publish: h.publish(op.json); break;
        case Operation::Kind::Add: h.call([&](services::ServiceTx& tx) { return tx.add(op.id, op.ids); }); break;
        case Operation::Kind::Remove: h.call([&](services::ServiceTx& tx) { return tx.remove(op.id, op.ids); }); break;
        case Operation::Kind::Accept:
            h.call([&](services::ServiceTx& tx) { return tx.acceptRequest(op.text, op.ids.at(0), op.id); });
            break;
        case Operation::Kind::BulkAdd: h.call([&](services::ServiceTx& tx) { return tx.bulkAdd(op.id, op.ids); }); break;
        case Operation::Kind::Delete: h.call([&](services::ServiceTx& tx) { return tx.deleteRecord(op.id); }); break;
        case Operation::Kind::Restore: h.call([&](services::ServiceTx& tx) { return tx.restoreRecord(op.id); }); break;
        case Operation::Kind::Usage:
            h.services().transaction(h.clock(), [&](services::ServiceTx& tx) {
                store.store(tx.connection(), op.events, tx.repository().changeSeq());
            });
            break;
        }
    } catch (const services::ServiceError& e) {
        return e.what();
    }
    return "";
}

void ApplyTally::note(const Operation& op, const std::string& error) {
    std::string kind = kindName(op.kind);
    if (error.empty()) {
        accepted[kind] += 1;
    } else {
        rejected[kind] += 1;
        if (op.kind == Operation::Kind::Publish || op.kind == Operation::Kind::Usage)
            rejectedPublishes.push_back(op.describe() + ": " + error);
    }
}

}  // namespace statshost::test::reference
