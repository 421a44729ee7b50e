#include <algorithm>

#include "Components.h"
#include "EventWriter.h"

namespace stats_components {

namespace {
std::vector<std::string> minus(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    std::vector<std::string> out;
    for (const auto& x : a)
        if (std::find(b.begin(), b.end(), x) == b.end()) out.push_back(x);
    return out;
}
}  // namespace

void RecordCommunityEventComponent::configure(const statshost::ComponentSetup& setup) {
    setup.params.requireOnlyKeys({});
}

void RecordCommunityEventComponent::publish(statshost::ServiceCallContext& ctx, const statshost::RecordRef& record,
                                            const std::vector<std::string>& before,
                                            const std::vector<std::string>& after) {
    EventWriter writer(ctx);
    // The published version joins "global" and every community of its parent.
    writer.added(record, "global");
    for (const auto& c : after) writer.added(record, c);
    // A changed community set moves every version of the parent (SEMANTICS.md §9.13).
    writer.addedForParent(record, minus(after, before));
    writer.removedForParent(record, minus(before, after));
}

void RecordCommunityEventComponent::deleteRecord(statshost::ServiceCallContext& ctx, const statshost::RecordRef& record) {
    ctx.events.setDeleted(record.recordId, true, record.deletedMicros);
}

void RecordCommunityEventComponent::restoreRecord(statshost::ServiceCallContext& ctx, const statshost::RecordRef& record) {
    ctx.events.setDeleted(record.recordId, false, 0);
}

}  // namespace stats_components
