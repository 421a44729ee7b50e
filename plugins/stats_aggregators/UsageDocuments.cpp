#include "UsageDocuments.h"

#include <algorithm>

#include "UsageJson.h"

namespace statshost::aggregators::usagestats {

namespace {

const std::string& keyOf(const UsageList& list) { return list.first; }
const std::string& keyOf(const UsageListView& list) { return *list.first; }
const std::vector<UsageItem>& itemsOf(const UsageList& list) { return list.second; }
const std::vector<UsageItemView>& itemsOf(const UsageListView& list) { return *list.second; }
void appendListItem(std::string& out, const UsageItem& item) { appendItem(out, item.id, item.label, item.metrics); }
void appendListItem(std::string& out, const UsageItemView& item) {
    appendItem(out, *item.id, *item.label, *item.metrics);
}

/// `lists` already ordered by key.
template <class List>
void appendSortedSubcounts(std::string& out, const std::vector<List>& lists) {
    out += "\"subcounts\":{";
    bool firstList = true;
    for (const List& list : lists) {
        if (!firstList) out += ',';
        firstList = false;
        appendString(out, keyOf(list));
        out += ":[";
        const auto& items = itemsOf(list);
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i) out += ',';
            appendListItem(out, items[i]);
        }
        out += ']';
    }
    out += '}';
}

void appendSubcounts(std::string& out, std::vector<UsageList>& lists) {
    std::sort(lists.begin(), lists.end(), [](const UsageList& a, const UsageList& b) { return a.first < b.first; });
    appendSortedSubcounts(out, lists);
}

void appendDeltaHead(std::string& out, const std::string& communityId, const std::string& day) {
    out += "{\"community_id\":";
    appendString(out, communityId);
    out += ",\"period_end\":\"";
    out += day;
    out += "T23:59:59\",\"period_start\":\"";
    out += day;
    out += "T00:00:00\",";
}

void appendTail(std::string& out, const std::string& timestamp, const UsageMetrics& totals) {
    out += ",\"timestamp\":";
    appendString(out, timestamp);
    out += ",\"totals\":";
    appendTotals(out, totals);
    out += '}';
}

}  // namespace

namespace {
bool listOrder(const UsageItem& a, const UsageItem& b) {
    const std::int64_t ea = a.metrics.events(), eb = b.metrics.events();
    return ea != eb ? ea > eb : a.id < b.id;
}
bool viewOrder(const UsageItemView& a, const UsageItemView& b) {
    const std::int64_t ea = a.metrics->events(), eb = b.metrics->events();
    return ea != eb ? ea > eb : *a.id < *b.id;
}
}  // namespace

void sortItems(std::vector<UsageItem>& items) { std::sort(items.begin(), items.end(), listOrder); }
void sortItems(std::vector<UsageItemView>& items) { std::sort(items.begin(), items.end(), viewOrder); }

void sortItems(std::vector<UsageItem>& items, std::size_t limit) {
    if (limit >= items.size()) return sortItems(items);
    std::partial_sort(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(limit), items.end(), listOrder);
    items.resize(limit);
}

std::string deltaDocument(const std::string& communityId, const std::string& day, const std::string& timestamp,
                          const UsageMetrics& totals, std::vector<UsageList>& lists) {
    std::string out;
    out.reserve(1024);
    appendDeltaHead(out, communityId, day);
    appendSubcounts(out, lists);
    appendTail(out, timestamp, totals);
    return out;
}

void appendDeltaDocument(std::string& out, const std::string& communityId, const std::string& day,
                         const std::string& timestamp, const UsageMetrics& totals, const std::vector<UsageListView>& lists) {
    appendDeltaHead(out, communityId, day);
    appendSortedSubcounts(out, lists);
    appendTail(out, timestamp, totals);
}

std::string snapshotDocument(const std::string& communityId, const std::string& day, const std::string& timestamp,
                             const UsageMetrics& totals, std::vector<UsageList>& lists) {
    std::string out;
    out.reserve(1024);
    out += "{\"community_id\":";
    appendString(out, communityId);
    out += ",\"snapshot_date\":\"" + day + "\",";
    appendSubcounts(out, lists);
    appendTail(out, timestamp, totals);
    return out;
}

}  // namespace statshost::aggregators::usagestats
