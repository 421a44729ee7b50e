#pragma once
/// The one place that writes the community-events log for the components (SEMANTICS.md §2):
/// the duplicate guard per (record, community), no phantom events, "global" alongside every
/// community addition, and deletion flags copied from the record's current state.
#include <string>
#include <vector>

#include "statshost/ServiceComponent.h"

namespace stats_components {

class EventWriter {
public:
    explicit EventWriter(statshost::ServiceCallContext& ctx) : _ctx(ctx) {}

    /// `added` for (record, community) and for (record, "global"), each unless the newest event
    /// of that pair is already `added`.
    void added(const statshost::RecordRef& record, const std::string& communityId);
    /// `removed` for (record, community) unless there is no event yet or the newest is `removed`.
    /// Never touches "global".
    void removed(const statshost::RecordRef& record, const std::string& communityId);

    /// The same for every published version of the record's parent (membership is the parent's).
    void addedForParent(const statshost::RecordRef& record, const std::vector<std::string>& communityIds);
    void removedForParent(const statshost::RecordRef& record, const std::vector<std::string>& communityIds);

private:
    void write(const statshost::RecordRef& record, const std::string& communityId, const char* type);

    statshost::ServiceCallContext& _ctx;
};

}  // namespace stats_components
