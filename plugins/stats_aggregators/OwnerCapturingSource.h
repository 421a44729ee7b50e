#pragma once
/// An AggregationSource that forwards every call to another one and, while forEachRecord() runs, keeps
/// each record's owner string (RecordFacts::owner) by record id. Lets a family read the records once
/// for a RecordsCatalog (which numbers owners but keeps no owner text) and still name the uploaders.
#include <string>
#include <unordered_map>

#include "statshost/Sources.h"

namespace statshost::aggregators::leaderboard {

class OwnerCapturingSource : public AggregationSource {
public:
    explicit OwnerCapturingSource(AggregationSource& inner) : _inner(inner) {}

    /// record id → owner, for records with an owner seen by forEachRecord().
    std::unordered_map<std::string, std::string>& owners() { return _owners; }

    std::int64_t currentChangeSeq() override { return _inner.currentChangeSeq(); }
    ChangeFeed changesSince(std::int64_t seq) override { return _inner.changesSince(seq); }
    std::vector<CommunityInfo> communities() override { return _inner.communities(); }
    void forEachRecord(const std::function<void(const RecordFacts&)>& visit) override {
        _inner.forEachRecord([&](const RecordFacts& r) {
            if (!r.owner.empty()) _owners.emplace(r.recordId, r.owner);
            visit(r);
        });
    }
    std::vector<RecordFacts> records(const std::vector<std::string>& recordIds) override {
        return _inner.records(recordIds);
    }
    void forEachCommunityEvent(const std::string& communityId,
                               const std::function<void(const CommunityEvent&)>& visit) override {
        _inner.forEachCommunityEvent(communityId, visit);
    }
    void scanUsage(std::int64_t fromDay, std::int64_t toDay, const std::function<void(const UsageFact&)>& visit) override {
        _inner.scanUsage(fromDay, toDay, visit);
    }
    std::pair<std::int64_t, std::int64_t> usageDayRange() override { return _inner.usageDayRange(); }
    std::string countryLabel(const std::string& code) override { return _inner.countryLabel(code); }

private:
    AggregationSource& _inner;
    std::unordered_map<std::string, std::string> _owners;
};

}  // namespace statshost::aggregators::leaderboard
