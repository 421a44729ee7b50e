#pragma once
/// The per-community "targets" of the usage computations (usage delta, per-record usage): target 0 is
/// "global", target n + 1 the community the run interned as n (UsageTargetParts), and the attribution
/// of an event to targets (attributeEvent).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "DayText.h"
#include "Family.h"
#include "UsageInterner.h"
#include "UsageMembership.h"
#include "statshost/Sources.h"

namespace statshost::aggregators::usagestats {

constexpr std::uint32_t kGlobalTarget = 0;

/// Per target of one compute() call: the first day to count, the community id and the documents
/// waiting to be handed to the driver. Documents are handed over in parts (CommunityDocuments of one
/// target, days ascending) when emit() is called; add() says when the buffered bodies reached the part
/// size, so memory stays bounded whatever the window.
class UsageTargetParts {
public:
    explicit UsageTargetParts(std::size_t partBytes) : _partBytes(partBytes) {}

    /// Numbers the communities of `work` (items starting after `to` are ignored) and records, per
    /// target, the earliest from-day (kNoDay = no work) and the id. Returns the earliest from-day of
    /// all targets (kNoDay when there is nothing to do).
    DayNumber collect(const std::vector<WorkItem>& work, DayNumber to, UsageInterner& communities) {
        DayNumber first = kNoDay;
        for (const WorkItem& w : work) {
            if (w.from > to) continue;
            const std::uint32_t t = w.communityId == "global" ? kGlobalTarget : communities.intern(w.communityId) + 1;
            if (t >= _from.size()) {
                _from.resize(t + 1, kNoDay);
                _ids.resize(t + 1);
                _parts.resize(t + 1);
            }
            _from[t] = std::min(_from[t], w.from);
            _ids[t] = w.communityId;
            first = std::min(first, w.from);
        }
        return first;
    }

    /// Per target: the first day counted (kNoDay: not in this call); what attributeEvent() reads.
    const std::vector<DayNumber>& from() const { return _from; }
    std::uint32_t size() const { return static_cast<std::uint32_t>(_from.size()); }
    bool active(std::uint32_t target) const { return _from[target] != kNoDay; }
    const std::string& id(std::uint32_t target) const { return _ids[target]; }

    /// Buffers a document of `target`; true when the buffered bodies reached the part size.
    bool add(std::uint32_t target, Document&& doc) {
        _bufferedBytes += doc.body.size();
        _parts[target].push_back(std::move(doc));
        return _bufferedBytes >= _partBytes;
    }

    /// Hands every target's buffered documents to `emit`, calling `before(id)` first for each target
    /// with documents (e.g. to write its change marker before its documents).
    void emitAll(const std::function<void(CommunityDocuments&&)>& emit,
                 const std::function<void(const std::string&)>& before = {}) {
        for (std::uint32_t t = 0; t < _parts.size(); ++t) {
            if (_parts[t].empty()) continue;
            if (before) before(_ids[t]);
            CommunityDocuments part{_ids[t], std::move(_parts[t])};
            _parts[t].clear();
            emit(std::move(part));
        }
        _bufferedBytes = 0;
    }

private:
    const std::size_t _partBytes;
    std::vector<DayNumber> _from;
    std::vector<std::string> _ids;
    std::vector<std::vector<Document>> _parts;
    std::size_t _bufferedBytes = 0;
};

/// The attribution of one event (SEMANTICS §9.4), shared by the usage computations: fills `targets`
/// with "global" and every community whose membership interval of the event's record contains the
/// event instant, each only when `from` (per target, as collectTargets() fills it) counts it on the
/// event's day. Interns the event's record in `records` and returns its number.
inline std::uint32_t attributeEvent(const UsageFact& e, UsageInterner& records, const UsageMembership& membership,
                                    const std::vector<DayNumber>& from, std::vector<std::uint32_t>& targets) {
    auto counts = [&](std::uint32_t target) { return target < from.size() && from[target] <= e.day; };
    targets.clear();
    if (counts(kGlobalTarget)) targets.push_back(kGlobalTarget);
    const std::uint32_t record = records.intern(e.recordId);
    membership.forEachAt(record, e.timestampMicros, [&](std::uint32_t c) {
        if (counts(c + 1)) targets.push_back(c + 1);
    });
    return record;
}

}  // namespace statshost::aggregators::usagestats
