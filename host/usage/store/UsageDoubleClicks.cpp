// The double-click rules in memory: fixed10s batch dedupe and the counter30s chain merge.
#include "usage/store/UsageDoubleClicks.h"

#include <algorithm>
#include <functional>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include "usage/store/UsageSql.h"

namespace statshost::usage::clicks {

std::string streamKey(EventType type, const std::string& uniqueId, const std::string& visitorId) {
    std::string key;
    key.reserve(uniqueId.size() + visitorId.size() + 24);
    key += type == EventType::View ? 'v' : 'd';
    key += uniqueId;
    key += '\0';  // ids never contain NUL (PostgreSQL rejects it), so the key is unambiguous
    key += visitorId;
    return key;
}

std::string bucketKey(const std::string& streamKey, std::int64_t bucket) {
    return streamKey + '\0' + std::to_string(bucket);
}

namespace {

/// A fixed10s group, viewing the batch's strings (no copies).
struct GroupKey {
    EventType type;
    std::string_view uniqueId;
    std::string_view visitorId;
    std::int64_t bucket;
    bool operator==(const GroupKey& o) const {
        return bucket == o.bucket && type == o.type && uniqueId == o.uniqueId && visitorId == o.visitorId;
    }
};

struct GroupKeyHash {
    std::size_t operator()(const GroupKey& k) const {
        std::size_t h = std::hash<std::string_view>()(k.uniqueId);
        h ^= std::hash<std::string_view>()(k.visitorId) + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
        h ^= std::hash<std::int64_t>()(k.bucket * 2 + (k.type == EventType::View ? 0 : 1)) + 0x9E3779B97F4A7C15ULL +
             (h << 6) + (h >> 2);
        return h;
    }
};

}  // namespace

BatchDedupe dedupeFixed10s(const std::vector<UsageEvent>& events) {
    BatchDedupe result;
    std::unordered_map<GroupKey, std::size_t, GroupKeyHash> winnerOf;
    winnerOf.reserve(events.size() * 2);
    std::vector<bool> lost(events.size(), false);
    for (std::size_t i = 0; i < events.size(); ++i) {
        const UsageEvent& e = events[i];
        auto [it, inserted] =
            winnerOf.try_emplace(GroupKey{e.type, e.uniqueId, e.visitorId, sql::bucketOf(e.timestampMicros)}, i);
        if (inserted) continue;
        std::size_t& winner = it->second;
        if (e.timestampMicros >= events[winner].timestampMicros) {  // ties: the later ingested
            lost[winner] = true;
            winner = i;
        } else {
            lost[i] = true;
        }
    }
    for (std::size_t i = 0; i < events.size(); ++i) (lost[i] ? result.losers : result.winners).push_back(i);
    return result;
}

namespace {

/// A stored chain or a new click, as an interval of click times.
struct Item {
    std::int64_t first;
    std::int64_t last;
    bool fromBatch;
    std::size_t ref;     ///< index into `stored` or into `events`
    std::int64_t order;  ///< ingestion order within its kind: seq or batch index
};

/// True when `a` survives over `b`: later last click; on ties the later ingested.
bool survivesOver(const Item& a, const Item& b) {
    return std::make_tuple(a.last, a.fromBatch, a.order) > std::make_tuple(b.last, b.fromBatch, b.order);
}

void finishGroup(const std::vector<Item>& items, std::size_t begin, std::size_t end,
                 const std::vector<StoredChain>& stored, ChainPlan& plan) {
    bool touched = false;
    std::size_t survivor = begin;
    std::int64_t first = items[begin].first;
    for (std::size_t i = begin; i < end; ++i) {
        touched = touched || items[i].fromBatch;
        first = std::min(first, items[i].first);
        if (survivesOver(items[i], items[survivor])) survivor = i;
    }
    if (!touched) return;  // a stored chain no new click reaches
    for (std::size_t i = begin; i < end; ++i) {
        if (i == survivor) continue;
        if (items[i].fromBatch)
            plan.suppressed.push_back(items[i].ref);
        else
            plan.deletes.push_back(stored[items[i].ref]);
    }
    const Item& s = items[survivor];
    if (s.fromBatch) {
        plan.inserts.push_back({s.ref, first});
    } else if (stored[s.ref].chainFirst != first) {
        plan.updates.push_back({stored[s.ref], first});
    }
}

}  // namespace

void mergeCounter30s(const std::vector<UsageEvent>& events, const std::vector<std::size_t>& batch,
                     const std::vector<StoredChain>& stored, ChainPlan& plan) {
    std::vector<Item> items;
    items.reserve(batch.size() + stored.size());
    for (std::size_t i = 0; i < stored.size(); ++i)
        items.push_back({stored[i].chainFirst, stored[i].ts, false, i, stored[i].seq});
    for (std::size_t index : batch) {
        std::int64_t ts = events[index].timestampMicros;
        items.push_back({ts, ts, true, index, static_cast<std::int64_t>(index)});
    }
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        return std::tie(a.first, a.last, a.fromBatch, a.order) < std::tie(b.first, b.last, b.fromBatch, b.order);
    });
    std::size_t begin = 0;
    std::int64_t reach = items.empty() ? 0 : items[0].last;  // the group's latest click so far
    for (std::size_t i = 1; i < items.size(); ++i) {
        if (items[i].first - reach <= sql::kChainGapMicros) {
            reach = std::max(reach, items[i].last);
            continue;
        }
        finishGroup(items, begin, i, stored, plan);
        begin = i;
        reach = items[i].last;
    }
    if (!items.empty()) finishGroup(items, begin, items.size(), stored, plan);
}

}  // namespace statshost::usage::clicks
