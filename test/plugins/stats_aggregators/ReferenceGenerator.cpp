// The seeded operation stream of the cross-check and its application through the real services.
#include "ReferenceGenerator.h"

#include <algorithm>
#include <set>
#include <sstream>

#include "ReferenceRandom.h"
#include "ReferenceRecordMaker.h"
#include "records/Dates.h"
#include "services/ServiceError.h"

namespace statshost::test::reference {

namespace {

constexpr std::int64_t kSec = 1000000;
constexpr std::int64_t kMin = 60 * kSec;
constexpr std::int64_t kHour = 60 * kMin;
constexpr std::int64_t kDay = 24 * kHour;

std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && (a < 0)); }

const std::vector<std::string> kCountries = {"US", "DE", "TW", "GB", "", "BO", "US"};
const std::vector<std::string> kReferrers = {"", "mastodon.social", "www.google.com", "example.org", ""};
const std::vector<std::string> kRequestTypes = {"community-inclusion", "community-submission", "community-transfer"};

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

    RecordModel makeRecord(const std::string& id, const std::string& parent) { return _maker.make(id, parent, _now); }
    static std::string withCommunities(const std::string& base, const std::optional<std::vector<std::string>>& c) {
        return RecordMaker::withCommunities(base, c);
    }

    void publish(RecordModel m, ParentModel& parent, const std::optional<std::vector<std::string>>& communities) {
        Operation op;
        op.kind = Operation::Kind::Publish;
        op.at = _now;
        op.id = m.id;
        op.json = withCommunities(m.baseJson, communities);
        if (communities) parent.communities = {communities->begin(), communities->end()};
        parent.versions.push_back(m.id);
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
    RecordMaker _maker{_rng};
    GeneratorOptions _options;
    Stream _stream;
    std::int64_t _now = 0;
    std::vector<std::string> _communities;
    std::vector<RecordModel> _records;
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
        if (rng.chance(0.3) && e.timestampMicros < before - 60 * kSec) {
            // A late double click of a stored event: may displace the survivor or extend its chain.
            e.timestampMicros += rng.range(1, 25) * kSec;
        } else {
            e.timestampMicros = before - rng.range(1, 30 * 86400) * kSec - rng.range(0, 999999);
            e.visitorId = "late-visitor-" + std::to_string(rng.range(0, 5));
        }
        e.day = floorDiv(e.timestampMicros, kDay);
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
