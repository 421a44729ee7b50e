#include "EventWriter.h"

namespace stats_components {

namespace {
constexpr const char* kAdded = "added";
constexpr const char* kRemoved = "removed";
constexpr const char* kGlobal = "global";
}  // namespace

void EventWriter::write(const statshost::RecordRef& record, const std::string& communityId, const char* type) {
    statshost::CommunityEvent event;
    event.recordId = record.recordId;
    event.communityId = communityId;
    event.eventType = type;
    event.eventDateMicros = _ctx.clock.nowMicros();
    event.recordCreatedDate = record.created;
    event.recordPublishedDate = record.normalisedPublishedDate;
    event.isDeleted = record.isDeleted;
    event.deletedDateMicros = record.isDeleted ? record.deletedMicros : 0;
    _ctx.events.append(event);
}

void EventWriter::added(const statshost::RecordRef& record, const std::string& communityId) {
    for (const std::string& target : {communityId, std::string(kGlobal)}) {
        auto latest = _ctx.events.latest(record.recordId, target);
        if (latest && latest->eventType == kAdded) continue;
        write(record, target, kAdded);
        if (target == kGlobal) break;  // communityId was "global" itself
    }
}

void EventWriter::removed(const statshost::RecordRef& record, const std::string& communityId) {
    if (communityId == kGlobal) return;
    auto latest = _ctx.events.latest(record.recordId, communityId);
    if (!latest || latest->eventType == kRemoved) return;
    write(record, communityId, kRemoved);
}

void EventWriter::addedForParent(const statshost::RecordRef& record, const std::vector<std::string>& communityIds) {
    for (const auto& version : _ctx.repository.versionsOf(record.parentId))
        for (const auto& c : communityIds) added(version, c);
}

void EventWriter::removedForParent(const statshost::RecordRef& record, const std::vector<std::string>& communityIds) {
    for (const auto& version : _ctx.repository.versionsOf(record.parentId))
        for (const auto& c : communityIds) removed(version, c);
}

}  // namespace stats_components
