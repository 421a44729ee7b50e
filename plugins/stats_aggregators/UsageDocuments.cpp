#include "UsageDocuments.h"

#include <algorithm>

#include "UsageJson.h"

namespace statshost::aggregators::usagestats {

namespace {

void appendSubcounts(std::string& out, std::vector<UsageList>& lists) {
    std::sort(lists.begin(), lists.end(), [](const UsageList& a, const UsageList& b) { return a.first < b.first; });
    out += "\"subcounts\":{";
    bool firstList = true;
    for (const auto& [key, items] : lists) {
        if (!firstList) out += ',';
        firstList = false;
        appendString(out, key);
        out += ":[";
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i) out += ',';
            appendItem(out, items[i].id, items[i].label, items[i].metrics);
        }
        out += ']';
    }
    out += '}';
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
}  // namespace

void sortItems(std::vector<UsageItem>& items) { std::sort(items.begin(), items.end(), listOrder); }

void sortItems(std::vector<UsageItem>& items, std::size_t limit) {
    if (limit >= items.size()) return sortItems(items);
    std::partial_sort(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(limit), items.end(), listOrder);
    items.resize(limit);
}

std::string deltaDocument(const std::string& communityId, const std::string& day, const std::string& timestamp,
                          const UsageMetrics& totals, std::vector<UsageList>& lists) {
    std::string out;
    out.reserve(1024);
    out += "{\"community_id\":";
    appendString(out, communityId);
    out += ",\"period_end\":\"" + day + "T23:59:59\",\"period_start\":\"" + day + "T00:00:00\",";
    appendSubcounts(out, lists);
    appendTail(out, timestamp, totals);
    return out;
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
