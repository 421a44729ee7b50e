#include "demo/DemoGenerator.h"

#include <algorithm>
#include <ostream>
#include <stdexcept>

#include "demo/DemoPlan.h"
#include "demo/DemoRecordJson.h"
#include "demo/DemoTime.h"
#include "demo/DemoUsage.h"
#include "demo/JsonWriter.h"

namespace statshost::demo {

namespace {

using namespace detail;

constexpr std::size_t kFlushBytes = 1 << 20;

/// Streams the plan in time order, resolving state-dependent membership targets as it goes.
class Emitter {
public:
    Emitter(const Plan& plan, std::ostream& out)
        : _plan(plan),
          _out(out),
          _usage(plan),
          _rng(hashOf(plan.seed, 0x656d6974)),  // "emit"
          _communities(plan.parents.size()),
          _deleted(plan.records.size(), false) {
        _buf.reserve(kFlushBytes + (1 << 16));
    }

    DemoSummary run() {
        for (std::size_t k = 0; k < _plan.communities.size(); ++k) {
            beginLine("community", _plan.startAt + static_cast<std::int64_t>(k));
            _buf += ",\"community\":";
            JsonWriter w(_buf);
            writeCommunity(w, _plan.communities[k]);
            endLine();
            ++_summary.communities;
        }
        std::size_t op = 0;
        std::vector<UsageEvent> events;
        for (std::int64_t d = 0; d < _plan.dayCount; ++d) {
            const std::int64_t dayStart = _plan.startAt + d * kSecondsPerDay;
            const std::int64_t dayEnd = dayStart + kSecondsPerDay;
            _usage.activateBefore(dayStart);
            _usage.generateDay(d, events);
            std::size_t e = 0;
            while (op < _plan.ops.size() && _plan.ops[op].at < dayEnd) {
                while (e < events.size() && events[e].at < _plan.ops[op].at) emitUsage(events[e++]);
                emitOp(_plan.ops[op++]);
            }
            while (e < events.size()) emitUsage(events[e++]);
        }
        flush();
        _summary.membershipOps = _summary.adds + _summary.bulkAdds + _summary.removes + _summary.acceptRequests;
        if (_summary.lines > 0) {
            _summary.firstAt = formatTimestamp(_firstAt);
            _summary.lastAt = formatTimestamp(_lastAt);
        }
        return _summary;
    }

private:
    void beginLine(const char* op, std::int64_t at) {
        if (_summary.lines == 0) _firstAt = at;
        if (at < _lastAt) throw std::logic_error("demo generator: time went backwards");  // a bug, never data
        _lastAt = at;
        _buf += "{\"op\":\"";
        _buf += op;
        _buf += "\",\"at\":\"";
        _time.append(_buf, at);
        _buf += '"';
    }
    void endLine() {
        _buf += "}\n";
        ++_summary.lines;
        if (_buf.size() >= kFlushBytes) flush();
    }
    void flush() {
        if (_buf.empty()) return;
        _out.write(_buf.data(), static_cast<std::streamsize>(_buf.size()));
        if (!_out) throw std::runtime_error("demo generator: writing the output failed");
        _summary.bytes += _buf.size();
        _buf.clear();
    }

    void emitUsage(const UsageEvent& e) {
        if (_summary.lines == 0) _firstAt = e.at;
        if (e.at < _lastAt) throw std::logic_error("demo generator: time went backwards");
        _lastAt = e.at;
        const bool download = _usage.writeLine(_buf, _time, e, _deleted[e.record]);
        ++(download ? _summary.downloads : _summary.views);
        ++_summary.lines;
        if (_buf.size() >= kFlushBytes) flush();
    }

    std::vector<std::uint32_t>& setOf(std::uint32_t record) { return _communities[_plan.records[record].parent]; }
    static bool contains(const std::vector<std::uint32_t>& v, std::uint32_t c) {
        return std::find(v.begin(), v.end(), c) != v.end();
    }
    static void erase(std::vector<std::uint32_t>& v, std::uint32_t c) { v.erase(std::remove(v.begin(), v.end(), c), v.end()); }

    /// A community (Zipf-weighted) not in `v`; false when none was found.
    bool otherCommunity(const std::vector<std::uint32_t>& v, std::uint32_t& out) {
        if (v.size() >= _plan.communities.size()) return false;
        for (int tries = 0; tries < 30; ++tries) {
            const auto c = static_cast<std::uint32_t>(_plan.communityWeights.sample(_rng));
            if (!contains(v, c)) {
                out = c;
                return true;
            }
        }
        for (std::uint32_t c = 0; c < _plan.communities.size(); ++c)
            if (!contains(v, c)) {
                out = c;
                return true;
            }
        return false;
    }

    void writeIds(const char* key, const std::vector<std::uint32_t>& communities) {
        _buf += ",\"";
        _buf += key;
        _buf += "\":[";
        for (std::size_t i = 0; i < communities.size(); ++i) {
            if (i) _buf += ',';
            appendJsonString(_buf, _plan.communities[communities[i]].id);
        }
        _buf += ']';
    }
    void writeRecordId(const char* key, std::uint32_t record) {
        _buf += ",\"";
        _buf += key;
        _buf += "\":\"";
        _buf += pidText(_plan.records[record].id);
        _buf += '"';
    }

    void emitMembership(const char* op, std::int64_t at, std::uint32_t record, const std::vector<std::uint32_t>& cs) {
        beginLine(op, at);
        writeRecordId("record_id", record);
        writeIds("community_ids", cs);
        endLine();
    }

    void emitAccept(const char* type, std::int64_t at, std::uint32_t record, std::uint32_t community) {
        beginLine("accept_request", at);
        _buf += ",\"request\":{\"type\":\"";
        _buf += type;
        _buf += "\",\"receiver\":{\"community\":";
        appendJsonString(_buf, _plan.communities[community].id);
        _buf += "},\"topic\":{\"record\":\"";
        _buf += pidText(_plan.records[record].id);
        _buf += "\"}}";
        endLine();
        ++_summary.acceptRequests;
        auto& set = setOf(record);
        if (!contains(set, community)) set.push_back(community);
    }

    void emitPublish(const LifeOp& op) {
        const std::uint32_t rec = op.target;
        const Record& r = _plan.records[rec];
        auto& set = _communities[r.parent];
        const std::vector<std::uint32_t>* stated = &set;
        std::vector<std::uint32_t> changed;
        if (r.version == 1) {
            set = _plan.parents[r.parent].publishCommunities;
            ++_summary.parents;
        } else {
            ++_summary.versions;
            switch (r.communities) {
                case VersionCommunities::Omit: stated = nullptr; break;
                case VersionCommunities::Same: break;
                case VersionCommunities::Empty: changed.clear(); stated = &changed; break;
                case VersionCommunities::Changed: {
                    changed = set;
                    std::uint32_t c = 0;
                    if (!changed.empty() && (_rng.chance(0.5) || !otherCommunity(changed, c))) {
                        changed.erase(changed.begin() + static_cast<std::ptrdiff_t>(_rng.below(changed.size())));
                        if (_rng.chance(0.4) && otherCommunity(set, c) ) changed.push_back(c);
                    } else if (otherCommunity(changed, c)) {
                        changed.push_back(c);
                    }
                    stated = &changed;
                    break;
                }
            }
            if (stated && stated != &set) {
                std::vector<std::uint32_t> a = set, b = *stated;
                std::sort(a.begin(), a.end());
                std::sort(b.begin(), b.end());
                if (a != b) ++_summary.versionCommunityChanges;
            }
        }
        ++_summary.records;
        beginLine("publish", op.at);
        _atText.clear();
        _time.append(_atText, op.at);
        _buf += ",\"record\":";
        JsonWriter w(_buf);
        writeRecord(w, _plan, rec, stated, _atText);
        endLine();
        if (stated && stated != &set) set = *stated;
        ++_published;
    }

    void emitBulkAdd(const LifeOp& op) {
        const std::uint32_t community = op.aux;
        std::vector<std::uint32_t> chosen;
        std::vector<std::uint32_t> parents;
        for (int tries = 0; chosen.size() < op.target && tries < static_cast<int>(op.target) * 6 && _published > 0; ++tries) {
            const auto rec = static_cast<std::uint32_t>(_rng.below(_published));
            const std::uint32_t parent = _plan.records[rec].parent;
            if (contains(_communities[parent], community) || contains(parents, parent)) continue;
            chosen.push_back(rec);
            parents.push_back(parent);
        }
        if (chosen.empty()) return;
        beginLine("bulk_add", op.at);
        _buf += ",\"community_id\":";
        appendJsonString(_buf, _plan.communities[community].id);
        _buf += ",\"record_ids\":[";
        for (std::size_t i = 0; i < chosen.size(); ++i) {
            if (i) _buf += ',';
            _buf += '"';
            _buf += pidText(_plan.records[chosen[i]].id);
            _buf += '"';
        }
        _buf += ']';
        endLine();
        ++_summary.bulkAdds;
        for (std::uint32_t p : parents) _communities[p].push_back(community);
    }

    void emitOp(const LifeOp& op) {
        switch (op.kind) {
            case OpKind::Publish: emitPublish(op); return;
            case OpKind::Add: {
                auto& set = setOf(op.target);
                std::vector<std::uint32_t> add;
                std::uint32_t c = 0;
                if (otherCommunity(set, c)) add.push_back(c);
                if (!add.empty() && _rng.chance(0.2)) {
                    std::vector<std::uint32_t> both = set;
                    both.push_back(c);
                    if (otherCommunity(both, c)) add.push_back(c);
                }
                if (add.empty()) return;
                emitMembership("add", op.at, op.target, add);
                ++_summary.adds;
                for (std::uint32_t a : add) set.push_back(a);
                return;
            }
            case OpKind::Remove: {
                auto& set = setOf(op.target);
                std::vector<std::uint32_t> gone;
                if (!set.empty()) {
                    gone.push_back(set[_rng.below(set.size())]);
                } else if (!_plan.communities.empty()) {
                    // Removing a record from a community it is not in: valid, and writes nothing.
                    gone.push_back(static_cast<std::uint32_t>(_plan.communityWeights.sample(_rng)));
                } else {
                    return;
                }
                emitMembership("remove", op.at, op.target, gone);
                ++_summary.removes;
                erase(set, gone.front());
                return;
            }
            case OpKind::AcceptSubmission: emitAccept("community-submission", op.at, op.target, op.aux); return;
            case OpKind::AcceptInclusion: {
                std::uint32_t c = 0;
                if (otherCommunity(setOf(op.target), c)) emitAccept("community-inclusion", op.at, op.target, c);
                return;
            }
            case OpKind::AcceptTransfer: {
                const std::vector<std::uint32_t> before = setOf(op.target);
                std::uint32_t target = 0;
                if (!otherCommunity(before, target)) return;
                emitAccept("community-transfer", op.at, op.target, target);
                if (!before.empty()) {  // the source's removal arrives as its own operation
                    const std::uint32_t source = before[_rng.below(before.size())];
                    emitMembership("remove", op.at, op.target, {source});
                    ++_summary.removes;
                    erase(setOf(op.target), source);
                }
                return;
            }
            case OpKind::BulkAdd: emitBulkAdd(op); return;
            case OpKind::Delete:
                if (_deleted[op.target]) return;
                beginLine("delete", op.at);
                writeRecordId("record_id", op.target);
                endLine();
                _deleted[op.target] = true;
                _usage.setDeleted(op.target, true);
                ++_summary.deletions;
                return;
            case OpKind::Restore:
                if (!_deleted[op.target]) return;
                beginLine("restore", op.at);
                writeRecordId("record_id", op.target);
                endLine();
                _deleted[op.target] = false;
                _usage.setDeleted(op.target, false);
                ++_summary.restorations;
                return;
        }
    }

    const Plan& _plan;
    std::ostream& _out;
    UsageModel _usage;
    Rng _rng;
    std::vector<std::vector<std::uint32_t>> _communities;  ///< current community set per parent
    std::vector<bool> _deleted;                            ///< per record
    std::uint32_t _published = 0;
    std::string _buf;
    std::string _atText;
    TimestampFormatter _time;
    DemoSummary _summary;
    std::int64_t _firstAt = 0;
    std::int64_t _lastAt = INT64_MIN;
};

}  // namespace

DemoSummary DemoGenerator::generate(const DemoOptions& options, std::ostream& out) {
    const Plan plan = buildPlan(options);
    Emitter emitter(plan, out);
    return emitter.run();
}

}  // namespace statshost::demo
