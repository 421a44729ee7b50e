#pragma once
/// The write API (token scope `ingest`; replay: `admin`). Every request is one transaction:
/// bad input gets 400/404/409 naming the field or id and writes nothing.
///   POST   /api/communities                  create or update a community
///   PUT    /api/communities/{id}             update (the body's id, if any, must match)
///   POST   /api/records                      publish a record (201 created, 200 otherwise)
///   DELETE /api/records/{id}                 tombstone
///   POST   /api/records/{id}/restore         restore
///   POST   /api/records/{id}/communities     add   {"communities": [{"id": ...}]} or {"community_ids": [...]}
///   DELETE /api/records/{id}/communities     remove (same body)
///   POST   /api/communities/{id}/records     bulk_add {"records": [{"id": ...}]} or {"record_ids": [...]}
///   POST   /api/requests/{id}/actions/accept accept {"type", "receiver": {"community"}, "topic": {"record"}}
///   POST   /api/admin/replay[?keep_going=true] a REPLAY.md stream as the body (NDJSON)
#include <vector>

#include "services/ReplayImporter.h"
#include "services/RepositoryServices.h"
#include "statshost/Http.h"

namespace statshost::app {

/// The routes above, bound to `services`, `usageOps` (the replay's view/download handler) and
/// `clock` (all must outlive the routes).
std::vector<Route> writeRoutes(services::RepositoryServices& services, services::UsageOpHandler usageOps,
                               const Clock& clock);

}  // namespace statshost::app
