// The reference documents: families, labels, subcount values and the records documents.
#include "ReferenceDocuments.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <stdexcept>

#include <Poco/JSON/Array.h>

#include "records/Dates.h"

namespace statshost::test::reference {

using Poco::JSON::Array;
using Poco::JSON::Object;

const std::vector<Family>& families() {
    using K = Family::Kind;
    static const std::vector<Family> all = {
        {K::RecordsDelta, Basis::Added, "stats-community-records-delta-added"},
        {K::RecordsSnapshot, Basis::Added, "stats-community-records-snapshot-added"},
        {K::RecordsDelta, Basis::Created, "stats-community-records-delta-created"},
        {K::RecordsSnapshot, Basis::Created, "stats-community-records-snapshot-created"},
        {K::RecordsDelta, Basis::Published, "stats-community-records-delta-published"},
        {K::RecordsSnapshot, Basis::Published, "stats-community-records-snapshot-published"},
        {K::UsageDelta, Basis::Added, "stats-community-usage-delta"},
        {K::UsageSnapshot, Basis::Added, "stats-community-usage-snapshot"},
    };
    return all;
}

Reference::Reference(Input input) : _input(std::move(input)) {
    _membership = std::make_unique<Membership>(_input);
    for (const auto& r : _input.records) {
        _records[r.recordId] = &r;
        _byPublication.push_back(&r);
    }
    std::sort(_byPublication.begin(), _byPublication.end(), [](const RecordFacts* a, const RecordFacts* b) {
        if (a->publishedMicros != b->publishedMicros) return a->publishedMicros < b->publishedMicros;
        return a->recordId < b->recordId;
    });
    for (const auto& u : _input.usage) _usageByDay[u.day].push_back(&u);
}

std::vector<std::string> Reference::communities() const {
    std::set<std::string> all(_input.communityIds.begin(), _input.communityIds.end());
    for (const auto& c : _membership->loggedCommunities()) all.insert(c);
    all.insert("global");
    return {all.begin(), all.end()};
}

const RecordFacts* Reference::record(const std::string& id) const {
    auto it = _records.find(id);
    return it == _records.end() ? nullptr : it->second;
}

namespace {

bool isFileTypeOnly(const SubcountSpec& spec) { return spec.facets.size() == 1 && spec.facets[0] == "file_type"; }

std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

const std::set<std::string>& Reference::recordValues(const RecordFacts& r, const SubcountSpec& spec) const {
    auto key = std::make_pair(static_cast<const void*>(&r), static_cast<const void*>(&spec));
    auto cached = _recordValues.find(key);
    if (cached != _recordValues.end()) return cached->second;
    std::set<std::string>& out = _recordValues[key];
    for (const auto& facet : spec.facets) {
        if (facet == "file_type") {
            for (const auto& f : r.files)
                if (!f.ext.empty()) out.insert(f.ext);
            continue;
        }
        for (const auto& f : r.facets)
            if (f.facet == facet && !f.id.empty()) out.insert(f.id);
    }
    return out;
}

const std::set<std::string>& Reference::usageValues(const UsageFact& u, const SubcountSpec& spec) const {
    auto key = std::make_pair(static_cast<const void*>(&u), static_cast<const void*>(&spec));
    auto cached = _usageValues.find(key);
    if (cached != _usageValues.end()) return cached->second;
    std::set<std::string>& out = _usageValues[key];
    const RecordFacts* r = record(u.recordId);
    for (const auto& facet : spec.facets) {
        if (facet == "country") {
            if (!u.country.empty()) out.insert(u.country);
        } else if (facet == "referrer") {
            if (!u.referrerHost.empty()) out.insert(u.referrerHost);
        } else if (facet == "file_type") {
            if (u.download) {
                if (!u.fileType.empty()) out.insert(u.fileType);
            } else if (r) {
                for (const auto& f : r->files)
                    if (!f.ext.empty()) out.insert(f.ext);
            }
        } else if (r) {
            for (const auto& f : r->facets)
                if (f.facet == facet && !f.id.empty()) out.insert(f.id);
        }
    }
    return out;
}

std::string Reference::label(const SubcountSpec& spec, const std::string& id) const {
    auto key = spec.deltaKey + "\n" + spec.snapshotKey + "\n" + id;
    auto cached = _labels.find(key);
    if (cached != _labels.end()) return cached->second;
    return _labels[key] = findLabel(spec, id);
}

std::string Reference::findLabel(const SubcountSpec& spec, const std::string& id) const {
    if (isFileTypeOnly(spec)) return upper(id);
    if (spec.facets.size() == 1 && spec.facets[0] == "country") return _input.countryLabel(id);
    if (spec.facets.size() == 1 && spec.facets[0] == "referrer") return id;
    for (const RecordFacts* r : _byPublication)
        for (const auto& facet : spec.facets)
            for (const auto& f : r->facets)
                if (f.facet == facet && f.id == id && !f.label.empty()) return f.label;
    return id;
}

// --- records documents -------------------------------------------------------------------------

namespace {

struct Classes {
    Poco::Int64 metadataOnly = 0;
    Poco::Int64 withFiles = 0;
    Poco::Int64 sum() const { return metadataOnly + withFiles; }
};

struct Files {
    Poco::Int64 count = 0;
    Poco::Int64 volume = 0;
};

Object::Ptr json(const Classes& c) {
    Object::Ptr o = new Object;
    o->set("metadata_only", c.metadataOnly);
    o->set("with_files", c.withFiles);
    return o;
}

Object::Ptr json(const Files& f) {
    Object::Ptr o = new Object;
    o->set("file_count", f.count);
    o->set("data_volume", f.volume);
    return o;
}

Object::Ptr addedRemoved(Object::Ptr added, Object::Ptr removed) {
    Object::Ptr o = new Object;
    o->set("added", added);
    o->set("removed", removed);
    return o;
}

std::set<std::string> minus(const std::set<std::string>& a, const std::set<std::string>& b) {
    std::set<std::string> out;
    for (const auto& x : a)
        if (!b.count(x)) out.insert(x);
    return out;
}

std::string dayText(std::int64_t day) { return records::formatDay(day); }

}  // namespace

// Everything computed from a set of record ids.
class RecordSetView {
public:
    RecordSetView(const std::set<std::string>& ids, const std::function<const RecordFacts*(const std::string&)>& find) {
        for (const auto& id : ids) {
            const RecordFacts* r = find(id);
            if (!r) throw std::runtime_error("present record not in the repository: " + id);
            _records.push_back(r);
        }
    }

    Classes records() const {
        Classes c;
        for (const RecordFacts* r : _records) (r->filesEnabled ? c.withFiles : c.metadataOnly) += 1;
        return c;
    }
    /// parent id → with_files (any present version has files).
    std::map<std::string, bool> parents() const {
        std::map<std::string, bool> p;
        for (const RecordFacts* r : _records) p[r->parentId] = p[r->parentId] || r->filesEnabled;
        return p;
    }
    Classes parentClasses() const {
        Classes c;
        for (const auto& [id, withFiles] : parents()) (withFiles ? c.withFiles : c.metadataOnly) += 1;
        return c;
    }
    /// Files of the records; only those of type `ext` when given.
    Files files(const std::string* ext) const {
        Files f;
        for (const RecordFacts* r : _records)
            for (const auto& file : r->files)
                if (!ext || file.ext == *ext) {
                    f.count += 1;
                    f.volume += file.size;
                }
        return f;
    }
    std::set<std::string> owners() const {
        std::set<std::string> o;
        for (const RecordFacts* r : _records)
            if (!r->owner.empty()) o.insert(r->owner);
        return o;
    }

private:
    std::vector<const RecordFacts*> _records;
};

namespace {

/// Parents (per class) present in `now` and not in `before`: a parent that changes class counts
/// in the class it has now.
Classes parentsEntering(const std::map<std::string, bool>& now, const std::map<std::string, bool>& before) {
    Classes c;
    for (const auto& [id, withFiles] : now) {
        auto b = before.find(id);
        if (b != before.end() && b->second == withFiles) continue;
        (withFiles ? c.withFiles : c.metadataOnly) += 1;
    }
    return c;
}

struct DeltaNumbers {
    Classes recordsAdded, recordsRemoved, parentsAdded, parentsRemoved;
    Files filesAdded, filesRemoved;
    Poco::Int64 uploaders = 0;
};

/// The delta numbers of S = `s`, P = `p` (SEMANTICS §4); files only of type `ext` when given.
DeltaNumbers deltaNumbers(const std::set<std::string>& s, const std::set<std::string>& p, const std::string* ext,
                          const std::function<const RecordFacts*(const std::string&)>& find) {
    RecordSetView added(minus(s, p), find), removed(minus(p, s), find), sv(s, find), pv(p, find);
    DeltaNumbers n;
    n.recordsAdded = added.records();
    n.recordsRemoved = removed.records();
    n.parentsAdded = parentsEntering(sv.parents(), pv.parents());
    n.parentsRemoved = parentsEntering(pv.parents(), sv.parents());
    n.filesAdded = added.files(ext);
    n.filesRemoved = removed.files(ext);
    n.uploaders = static_cast<Poco::Int64>(added.owners().size());
    return n;
}

void fillDelta(Object::Ptr o, const DeltaNumbers& n) {
    o->set("records", addedRemoved(json(n.recordsAdded), json(n.recordsRemoved)));
    o->set("parents", addedRemoved(json(n.parentsAdded), json(n.parentsRemoved)));
    o->set("files", addedRemoved(json(n.filesAdded), json(n.filesRemoved)));
}

}  // namespace

Object::Ptr Reference::recordsDelta(const std::string& community, std::int64_t day, const RecordSet& now,
                                    const RecordSet& before) const {
    auto find = [this](const std::string& id) { return record(id); };
    Object::Ptr doc = new Object;
    doc->set("community_id", community);
    doc->set("period_start", dayText(day) + "T00:00:00");
    doc->set("period_end", dayText(day) + "T23:59:59");
    DeltaNumbers total = deltaNumbers(now, before, nullptr, find);
    fillDelta(doc, total);
    doc->set("records_added", total.recordsAdded.sum());
    doc->set("records_removed", total.recordsRemoved.sum());
    doc->set("parents_added", total.parentsAdded.sum());
    doc->set("parents_removed", total.parentsRemoved.sum());
    doc->set("uploaders", total.uploaders);

    doc->set("subcounts", deltaSubcounts(now, before));
    return doc;
}

Object::Ptr Reference::deltaSubcounts(const RecordSet& now, const RecordSet& before) const {
    auto memo = _deltaSubcounts.find({now, before});
    if (memo != _deltaSubcounts.end()) return memo->second;
    auto find = [this](const std::string& id) { return record(id); };
    Object::Ptr subcounts = new Object;
    for (const auto& spec : _input.settings.recordSubcounts) {
        std::set<std::string> ids;
        for (const auto* set : {&now, &before})
            for (const auto& id : *set)
                for (const auto& v : recordValues(*record(id), spec)) ids.insert(v);
        struct Item {
            std::string id;
            DeltaNumbers n;
        };
        std::vector<Item> items;
        for (const auto& v : ids) {
            RecordSet s, p;
            for (const auto& id : now)
                if (recordValues(*record(id), spec).count(v)) s.insert(id);
            for (const auto& id : before)
                if (recordValues(*record(id), spec).count(v)) p.insert(id);
            DeltaNumbers n = deltaNumbers(s, p, isFileTypeOnly(spec) ? &v : nullptr, find);
            bool nonZero = n.recordsAdded.sum() || n.recordsRemoved.sum() || n.parentsAdded.sum() ||
                           n.parentsRemoved.sum() || n.filesAdded.count || n.filesAdded.volume ||
                           n.filesRemoved.count || n.filesRemoved.volume;
            if (nonZero) items.push_back({v, n});
        }
        std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
            auto ka = a.n.recordsAdded.sum() + a.n.recordsRemoved.sum();
            auto kb = b.n.recordsAdded.sum() + b.n.recordsRemoved.sum();
            if (ka != kb) return ka > kb;
            return a.id < b.id;
        });
        Array::Ptr list = new Array;
        for (const auto& item : items) {
            Object::Ptr o = new Object;
            o->set("id", item.id);
            o->set("label", label(spec, item.id));
            fillDelta(o, item.n);
            list->add(o);
        }
        subcounts->set(spec.deltaKey, list);
    }
    return _deltaSubcounts[{now, before}] = subcounts;
}

Object::Ptr Reference::recordsSnapshot(const std::string& community, std::int64_t day, const RecordSet& now) const {
    auto find = [this](const std::string& id) { return record(id); };
    Object::Ptr doc = new Object;
    doc->set("community_id", community);
    doc->set("snapshot_date", dayText(day));
    RecordSetView all(now, find);
    doc->set("total_records", json(all.records()));
    doc->set("total_parents", json(all.parentClasses()));
    doc->set("total_files", json(all.files(nullptr)));
    doc->set("total_uploaders", static_cast<Poco::Int64>(all.owners().size()));
    doc->set("subcounts", snapshotSubcounts(now));
    return doc;
}

Object::Ptr Reference::snapshotSubcounts(const RecordSet& now) const {
    auto memo = _snapshotSubcounts.find(now);
    if (memo != _snapshotSubcounts.end()) return memo->second;
    auto find = [this](const std::string& id) { return record(id); };
    Object::Ptr subcounts = new Object;
    for (const auto& spec : _input.settings.recordSubcounts) {
        std::set<std::string> ids;
        for (const auto& id : now)
            for (const auto& v : recordValues(*record(id), spec)) ids.insert(v);
        struct Item {
            std::string id;
            Classes records, parents;
            Files files;
        };
        std::vector<Item> items;
        for (const auto& v : ids) {
            RecordSet s;
            for (const auto& id : now)
                if (recordValues(*record(id), spec).count(v)) s.insert(id);
            RecordSetView sv(s, find);
            Item item{v, sv.records(), sv.parentClasses(), sv.files(isFileTypeOnly(spec) ? &v : nullptr)};
            if (item.records.sum() > 0) items.push_back(item);
        }
        std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
            if (a.records.sum() != b.records.sum()) return a.records.sum() > b.records.sum();
            return a.id < b.id;
        });
        if (spec.top && static_cast<std::int64_t>(items.size()) > _input.settings.topLimit)
            items.resize(static_cast<std::size_t>(_input.settings.topLimit));
        Array::Ptr list = new Array;
        for (const auto& item : items) {
            Object::Ptr o = new Object;
            o->set("id", item.id);
            o->set("label", label(spec, item.id));
            o->set("records", json(item.records));
            o->set("parents", json(item.parents));
            o->set("files", json(item.files));
            list->add(o);
        }
        subcounts->set(spec.snapshotKey, list);
    }
    return _snapshotSubcounts[now] = subcounts;
}

std::optional<std::int64_t> Reference::firstDay(const Family& family, const std::string& community) const {
    if (!family.usage()) return _membership->firstDay(community, family.basis);
    for (const auto& [day, events] : _usageByDay)
        if (!usageOf(community, day).empty()) return day;
    return std::nullopt;
}

std::vector<ExpectedDoc> Reference::documents(const Family& family, const std::string& community,
                                              std::int64_t asOfDay) const {
    std::vector<ExpectedDoc> docs;
    auto first = firstDay(family, community);
    if (!first || *first > asOfDay) return docs;
    if (family.usage()) return usageDocuments(family, community, *first, asOfDay);
    RecordSet before = _membership->present(community, family.basis, *first - 1);
    for (std::int64_t day = *first; day <= asOfDay; ++day) {
        RecordSet now = _membership->present(community, family.basis, day);
        if (family.kind == Family::Kind::RecordsSnapshot)
            docs.push_back({day, recordsSnapshot(community, day, now)});
        else
            docs.push_back({day, recordsDelta(community, day, now, before)});
        before = std::move(now);
    }
    return docs;
}

}  // namespace statshost::test::reference
