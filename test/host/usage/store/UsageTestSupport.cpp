// Event builders, read-back helpers and the from-scratch reference of the double-click rules.
#include "UsageTestSupport.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <tuple>

namespace statshost::test {

namespace {

std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && (a < 0)); }

UsageEvent base(const std::string& recid, const std::string& visitor, std::int64_t ts) {
    UsageEvent e;
    e.timestampMicros = ts;
    e.day = floorDiv(ts, kDay);
    e.recordId = recid;
    e.parentId = "parent-" + recid;
    e.visitorId = visitor;
    e.sessionId = "session-" + visitor;
    e.country = "DE";
    e.referrerHost = "example.org";
    return e;
}

}  // namespace

std::int64_t at(int day, int hh, int mm, int ss, std::int64_t micros) {
    return (kDay2024 + day) * kDay + ((hh * 60 + mm) * 60 + ss) * kSecond + micros;
}

UsageEvent view(const std::string& recid, const std::string& visitor, std::int64_t ts) {
    UsageEvent e = base(recid, visitor, ts);
    e.type = EventType::View;
    e.uniqueId = "ui_" + recid;
    return e;
}

UsageEvent download(const std::string& recid, const std::string& fileId, const std::string& visitor, std::int64_t ts) {
    UsageEvent e = base(recid, visitor, ts);
    e.type = EventType::Download;
    e.bucketId = "bucket-" + recid;
    e.fileId = fileId;
    e.fileKey = fileId + ".pdf";
    e.fileType = "pdf";
    e.size = 1234;
    e.uniqueId = e.bucketId + "_" + fileId;
    return e;
}

std::string describe(const UsageEvent& e) {
    return std::string(e.type == EventType::View ? "view" : "download") + " ts=" + std::to_string(e.timestampMicros) +
           " day=" + std::to_string(e.day) + " rec=" + e.recordId + " parent=" + e.parentId +
           " visitor=" + e.visitorId + " uid=" + e.uniqueId + " session=" + e.sessionId + " country=" + e.country +
           " ref=" + e.referrerHost + " machine=" + (e.isMachine ? "1" : "0") + " file=" + e.fileId + "|" + e.fileKey +
           "|" + e.bucketId + "|" + e.fileType + " size=" + std::to_string(e.size);
}

std::vector<std::string> canonical(const std::vector<UsageEvent>& events) {
    std::vector<std::string> texts;
    for (const UsageEvent& e : events) texts.push_back(describe(e));
    std::sort(texts.begin(), texts.end());
    return texts;
}

std::vector<UsageEvent> storedEvents(storage::Database& db) {
    std::vector<UsageEvent> events;
    usage::UsageStore::scanDays(db, 0, 3000000, [&](const UsageEvent& e) { events.push_back(e); });
    return events;
}

std::int64_t rowCount(storage::Database& db, const std::string& table) {
    return scalar(db, "SELECT count(*) FROM " + table);
}

std::vector<UsageEvent> referenceSurvivors(const std::vector<UsageEvent>& events, usage::DoubleClickMode mode) {
    // Ingestion index order, then sort by stream, time and ingestion: the last of each group survives.
    std::vector<std::size_t> order(events.size());
    std::iota(order.begin(), order.end(), 0);
    auto stream = [&](std::size_t i) { return std::tie(events[i].type, events[i].uniqueId, events[i].visitorId); };
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::tie(events[a].type, events[a].uniqueId, events[a].visitorId, events[a].timestampMicros, a) <
               std::tie(events[b].type, events[b].uniqueId, events[b].visitorId, events[b].timestampMicros, b);
    });
    std::vector<UsageEvent> survivors;
    for (std::size_t k = 0; k < order.size(); ++k) {
        const UsageEvent& e = events[order[k]];
        bool last = k + 1 == order.size() || stream(order[k + 1]) != stream(order[k]);
        if (!last) {
            const UsageEvent& next = events[order[k + 1]];
            if (mode == usage::DoubleClickMode::Fixed10s)
                last = floorDiv(next.timestampMicros, 10 * kSecond) != floorDiv(e.timestampMicros, 10 * kSecond);
            else
                last = next.timestampMicros - e.timestampMicros > 30 * kSecond;
        }
        if (last) survivors.push_back(e);
    }
    return survivors;
}

std::vector<UsageEvent> randomStream(std::mt19937_64& rng, std::size_t count) {
    auto pick = [&](std::uint64_t n) { return static_cast<std::int64_t>(rng() % n); };
    // Around midnight from 2024-01-31 to 2024-02-01 (a day and a month boundary), a few ticks per second.
    const std::int64_t start = at(30, 23, 58, 0);
    std::vector<UsageEvent> events;
    for (std::size_t n = 0; n < count; ++n) {
        std::int64_t ts = start + pick(240) * kSecond;
        if (pick(2) == 0) ts += pick(4) * 250000;  // same-second ties
        if (pick(20) == 0) ts += pick(3) * kDay;   // a few on other days
        std::string recid = "r" + std::to_string(pick(3));
        std::string visitor = "v" + std::to_string(pick(3));
        UsageEvent e =
            pick(4) == 0 ? download(recid, "f" + std::to_string(pick(2)), visitor, ts) : view(recid, visitor, ts);
        e.sessionId = "s" + std::to_string(n);  // makes every event distinguishable
        e.country = pick(3) == 0 ? "" : (pick(2) == 0 ? "DE" : "US");
        e.referrerHost = pick(2) == 0 ? "" : "ref" + std::to_string(pick(5)) + ".org";
        events.push_back(e);
    }
    return events;
}

}  // namespace statshost::test
