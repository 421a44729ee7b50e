// The reference usage documents: each day's events filtered by membership at the event instant,
// distinct counts by std::set, snapshots as running sums of the daily documents.
#include <algorithm>

#include <Poco/JSON/Array.h>

#include "ReferenceDocuments.h"
#include "records/Dates.h"

namespace statshost::test::reference {

using Poco::JSON::Array;
using Poco::JSON::Object;

void UsageNumbers::add(const UsageNumbers& o) {
    viewEvents += o.viewEvents;
    viewVisitors += o.viewVisitors;
    viewRecords += o.viewRecords;
    viewParents += o.viewParents;
    downloadEvents += o.downloadEvents;
    downloadVisitors += o.downloadVisitors;
    downloadRecords += o.downloadRecords;
    downloadParents += o.downloadParents;
    downloadFiles += o.downloadFiles;
    downloadVolume += o.downloadVolume;
}

void UsageDay::add(const UsageDay& o) {
    totals.add(o.totals);
    for (const auto& [key, byId] : o.items)
        for (const auto& [id, n] : byId) items[key][id].add(n);
}

namespace {

UsageNumbers numbersOf(const std::vector<const UsageFact*>& events) {
    std::set<std::string> viewVisitors, viewRecords, viewParents;
    std::set<std::string> downloadVisitors, downloadRecords, downloadParents, downloadFiles;
    UsageNumbers n;
    for (const UsageFact* e : events) {
        if (e->download) {
            n.downloadEvents += 1;
            n.downloadVolume += e->size;
            downloadVisitors.insert(e->visitorId);
            downloadRecords.insert(e->recordId);
            downloadParents.insert(e->parentId);
            downloadFiles.insert(e->fileId);
        } else {
            n.viewEvents += 1;
            viewVisitors.insert(e->visitorId);
            viewRecords.insert(e->recordId);
            viewParents.insert(e->parentId);
        }
    }
    n.viewVisitors = static_cast<Poco::Int64>(viewVisitors.size());
    n.viewRecords = static_cast<Poco::Int64>(viewRecords.size());
    n.viewParents = static_cast<Poco::Int64>(viewParents.size());
    n.downloadVisitors = static_cast<Poco::Int64>(downloadVisitors.size());
    n.downloadRecords = static_cast<Poco::Int64>(downloadRecords.size());
    n.downloadParents = static_cast<Poco::Int64>(downloadParents.size());
    n.downloadFiles = static_cast<Poco::Int64>(downloadFiles.size());
    return n;
}

Object::Ptr json(const UsageNumbers& n) {
    Object::Ptr view = new Object;
    view->set("total_events", n.viewEvents);
    view->set("unique_visitors", n.viewVisitors);
    view->set("unique_records", n.viewRecords);
    view->set("unique_parents", n.viewParents);
    Object::Ptr download = new Object;
    download->set("total_events", n.downloadEvents);
    download->set("unique_visitors", n.downloadVisitors);
    download->set("unique_records", n.downloadRecords);
    download->set("unique_parents", n.downloadParents);
    download->set("unique_files", n.downloadFiles);
    download->set("total_volume", n.downloadVolume);
    Object::Ptr o = new Object;
    o->set("view", view);
    o->set("download", download);
    return o;
}

}  // namespace

std::vector<const UsageFact*> Reference::usageOf(const std::string& community, std::int64_t day) const {
    std::vector<const UsageFact*> out;
    auto it = _usageByDay.find(day);
    if (it == _usageByDay.end()) return out;
    for (const UsageFact* u : it->second)
        if (community == "global" || _membership->memberAt(u->recordId, community, u->timestampMicros))
            out.push_back(u);
    return out;
}

UsageDay Reference::usageDay(const std::string& community, std::int64_t day) const {
    UsageDay d;
    auto events = usageOf(community, day);
    d.totals = numbersOf(events);
    for (const auto& spec : _input.settings.usageSubcounts) {
        auto& items = d.items[spec.deltaKey];
        std::set<std::string> ids;
        for (const UsageFact* e : events)
            for (const auto& v : usageValues(*e, spec)) ids.insert(v);
        for (const auto& v : ids) {
            std::vector<const UsageFact*> carrying;
            for (const UsageFact* e : events)
                if (usageValues(*e, spec).count(v)) carrying.push_back(e);
            items[v] = numbersOf(carrying);
        }
    }
    return d;
}

Object::Ptr Reference::usageJson(const std::string& community, std::int64_t day, const UsageDay& numbers,
                                 bool snapshot) const {
    std::string dayText = records::formatDay(day);
    Object::Ptr doc = new Object;
    doc->set("community_id", community);
    if (snapshot) {
        doc->set("snapshot_date", dayText);
    } else {
        doc->set("period_start", dayText + "T00:00:00");
        doc->set("period_end", dayText + "T23:59:59");
    }
    doc->set("totals", json(numbers.totals));
    Object::Ptr subcounts = new Object;
    for (const auto& spec : _input.settings.usageSubcounts) {
        std::vector<std::pair<std::string, UsageNumbers>> items;
        auto it = numbers.items.find(spec.deltaKey);
        if (it != numbers.items.end())
            for (const auto& [id, n] : it->second)
                if (n.events() > 0) items.push_back({id, n});
        std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
            if (a.second.events() != b.second.events()) return a.second.events() > b.second.events();
            return a.first < b.first;
        });
        if (snapshot && spec.top && static_cast<std::int64_t>(items.size()) > _input.settings.topLimit)
            items.resize(static_cast<std::size_t>(_input.settings.topLimit));
        Array::Ptr list = new Array;
        for (const auto& [id, n] : items) {
            Object::Ptr o = json(n);
            o->set("id", id);
            o->set("label", label(spec, id));
            list->add(o);
        }
        subcounts->set(snapshot ? spec.snapshotKey : spec.deltaKey, list);
    }
    doc->set("subcounts", subcounts);
    return doc;
}

std::vector<ExpectedDoc> Reference::usageDocuments(const Family& family, const std::string& community,
                                                   std::int64_t first, std::int64_t asOfDay) const {
    std::vector<ExpectedDoc> docs;
    UsageDay running;
    for (std::int64_t day = first; day <= asOfDay; ++day) {
        UsageDay today = usageDay(community, day);
        if (family.kind == Family::Kind::UsageDelta) {
            docs.push_back({day, usageJson(community, day, today, false)});
        } else {
            running.add(today);
            docs.push_back({day, usageJson(community, day, running, true)});
        }
    }
    return docs;
}

}  // namespace statshost::test::reference
