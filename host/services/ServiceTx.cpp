#include "services/ServiceTx.h"

#include <algorithm>
#include <set>
#include <sstream>

#include <Poco/JSON/Stringifier.h>

#include "records/Dates.h"
#include "records/PublicationDate.h"
#include "records/RecordModel.h"
#include "services/ComponentChains.h"
#include "services/ServiceError.h"

namespace statshost::services {

namespace {

constexpr const char* kGlobal = "global";

std::vector<std::string> sortedUnique(std::vector<std::string> ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

std::string jsonText(const Poco::JSON::Object::Ptr& obj) {
    std::ostringstream out;
    Poco::JSON::Stringifier::stringify(obj, out);
    return out.str();
}

/// A string field of `obj` at `key`: trimmed; `required` → 400 naming `field` when missing/empty.
std::string stringField(const Poco::JSON::Object::Ptr& obj, const std::string& key, const std::string& field,
                        bool required) {
    if (!obj || !obj->has(key) || obj->isNull(key)) {
        if (required) throw ServiceError(400, field + ": missing");
        return "";
    }
    auto v = obj->get(key);
    if (!v.isString()) throw ServiceError(400, field + ": expected a string");
    std::string s = v.extract<std::string>();
    auto b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
    s = b == std::string::npos ? "" : s.substr(b, e - b + 1);
    if (required && s.empty()) throw ServiceError(400, field + ": must not be empty");
    return s;
}

repository::RecordRow rowFrom(const records::RecordData& d, std::int64_t publishedMicros) {
    repository::RecordRow row;
    row.ref.recordId = d.id;
    row.ref.parentId = d.parentId;
    row.ref.created = records::formatMillis(d.createdMicros);
    row.ref.createdMicros = d.createdMicros;
    row.ref.publicationDate = d.publicationDateRaw;
    row.ref.normalisedPublishedDate = records::normalisedPublishedDate(d.publicationDateRaw);
    row.publishedMicros = publishedMicros;
    row.publicationDay = d.publicationDay;
    row.filesEnabled = d.filesEnabled;
    row.fileCount = d.fileCount;
    row.dataVolume = d.dataVolume;
    row.accessStatus = d.accessStatus;
    row.owner = d.owner.value_or("");
    row.sourceJson = d.canonicalJson;
    for (const auto& f : d.files) row.files.push_back({f.key, f.fileId, f.ext, f.size});
    for (const auto& v : d.facets) row.facets.push_back({v.facet, v.id, v.label});
    return row;
}

}  // namespace

ServiceTx::ServiceTx(storage::Connection& connection, const Clock& clock, const ComponentChains& chains,
                     const records::SubcountConfig& subcounts, bool communityOptIn)
    : _connection(connection), _repo(connection, clock), _clock(clock), _chains(chains), _subcounts(subcounts), _communityOptIn(communityOptIn) {
    _repo.changeSeq();  // before any savepoint (see RepositoryTx::changeSeq)
}

RecordRef ServiceTx::existingRecord(const std::string& recordId, const std::string& field) {
    if (recordId.empty()) throw ServiceError(400, field + ": missing record id");
    auto ref = _repo.record(recordId);
    if (!ref) throw ServiceError(404, field + ": unknown record '" + recordId + "'");
    return *ref;
}

void ServiceTx::requireCommunities(const std::vector<std::string>& ids, const std::string& field) {
    for (const auto& id : ids) {
        if (id == kGlobal) throw ServiceError(400, field + ": \"global\" is not a community that records can join");
        if (id.empty()) throw ServiceError(400, field + ": empty community id");
        if (!_repo.community(id)) throw ServiceError(404, field + ": unknown community '" + id + "'");
    }
}

Outcome ServiceTx::putCommunity(const Poco::JSON::Object::Ptr& c) {
    if (!c) throw ServiceError(400, "community: expected a JSON object");
    repository::CommunityRow row;
    row.id = stringField(c, "id", "community.id", true);
    if (row.id == kGlobal) throw ServiceError(400, "community.id: \"global\" is reserved");
    row.slug = stringField(c, "slug", "community.slug", true);
    auto present = [&](const char* key) { return c->has(key) && !c->isNull(key); };
    auto metadata = c->getObject("metadata");
    if (present("metadata") && !metadata) throw ServiceError(400, "community.metadata: expected an object");
    row.title = stringField(metadata, "title", "community.metadata.title", false);
    auto access = c->getObject("access");
    if (present("access") && !access) throw ServiceError(400, "community.access: expected an object");
    row.visibility = stringField(access, "visibility", "community.access.visibility", false);
    if (row.visibility.empty()) row.visibility = "public";
    if (row.visibility != "public" && row.visibility != "restricted")
        throw ServiceError(400, "community.access.visibility: expected \"public\" or \"restricted\"");
    auto existing = _repo.community(row.id);
    row.dashboardEnabled = existing ? existing->dashboardEnabled : !_communityOptIn;
    auto custom = c->getObject("custom_fields");
    if (present("custom_fields") && !custom) throw ServiceError(400, "community.custom_fields: expected an object");
    if (custom && custom->has("stats:dashboard_enabled") && !custom->isNull("stats:dashboard_enabled")) {
        auto v = custom->get("stats:dashboard_enabled");
        if (v.type() != typeid(bool))
            throw ServiceError(400, "community.custom_fields.stats:dashboard_enabled: expected true or false");
        row.dashboardEnabled = v.extract<bool>();
    }
    if (auto other = _repo.communityBySlug(row.slug); other && other->id != row.id)
        throw ServiceError(409, "community.slug: '" + row.slug + "' already belongs to community " + other->id);
    row.sourceJson = jsonText(c);
    row.createdMicros = existing ? existing->createdMicros : _clock.nowMicros();
    row.updatedMicros = _clock.nowMicros();
    _repo.putCommunity(row);
    return {existing ? "updated" : "created", row.id};
}

Outcome ServiceTx::publish(const Poco::JSON::Object::Ptr& json) {
    if (!json) throw ServiceError(400, "record: expected a JSON object");
    records::RecordData data;
    try {
        data = records::parseRecord(json, _subcounts);
    } catch (const records::RecordError& e) {
        throw ServiceError(400, "record." + e.field() + (e.field().empty() ? "" : ": ") + e.problem());
    }
    if (data.parentCommunities) {
        data.parentCommunities = sortedUnique(*data.parentCommunities);
        requireCommunities(*data.parentCommunities, "record.parent.communities.ids");
    }

    auto stored = _repo.recordRow(data.id);
    if (stored) {
        records::RecordData previous = records::parseRecord(stored->sourceJson, _subcounts);
        if (!records::sameExceptCommunities(previous, data))
            throw ServiceError(409, "record.id: record '" + data.id + "' is already published with different metadata");
        if (stored->ref.parentId != data.parentId)
            throw ServiceError(409, "record.parent.id: record '" + data.id + "' belongs to parent " + stored->ref.parentId);
        auto before = _repo.communitiesOf(data.parentId);
        if (!data.parentCommunities || *data.parentCommunities == before) return {"unchanged", data.id};
        _repo.setCommunitiesOf(data.parentId, *data.parentCommunities);
        auto after = *data.parentCommunities;
        RecordRef ref = stored->ref;
        _chains.run(kRecordsChain, [&](ServiceComponent& c, Logger& log) {
            ServiceCallContext ctx{_repo, _repo, _clock, log};
            c.publish(ctx, ref, before, after);
        });
        return {"membership-changed", data.id};
    }

    std::vector<std::string> before = _repo.parentExists(data.parentId) ? _repo.communitiesOf(data.parentId)
                                                                         : std::vector<std::string>{};
    std::vector<std::string> after = data.parentCommunities.value_or(before);
    repository::RecordRow row = rowFrom(data, _clock.nowMicros());
    _repo.insertRecord(row);
    _repo.setCommunitiesOf(data.parentId, after);
    _chains.run(kRecordsChain, [&](ServiceComponent& c, Logger& log) {
        ServiceCallContext ctx{_repo, _repo, _clock, log};
        c.publish(ctx, row.ref, before, after);
    });
    return {"created", data.id};
}

Outcome ServiceTx::deleteRecord(const std::string& recordId) {
    RecordRef ref = existingRecord(recordId, "record_id");
    if (ref.isDeleted) return {"unchanged", recordId};  // the first deleted_date stays (§10.13)
    ref.isDeleted = true;
    ref.deletedMicros = _clock.nowMicros();
    _repo.setRecordDeleted(recordId, true, ref.deletedMicros);
    _chains.run(kRecordsChain, [&](ServiceComponent& c, Logger& log) {
        ServiceCallContext ctx{_repo, _repo, _clock, log};
        c.deleteRecord(ctx, ref);
    });
    return {"deleted", recordId};
}

Outcome ServiceTx::restoreRecord(const std::string& recordId) {
    RecordRef ref = existingRecord(recordId, "record_id");
    if (!ref.isDeleted) return {"unchanged", recordId};
    ref.isDeleted = false;
    ref.deletedMicros = 0;
    _repo.setRecordDeleted(recordId, false, 0);
    _chains.run(kRecordsChain, [&](ServiceComponent& c, Logger& log) {
        ServiceCallContext ctx{_repo, _repo, _clock, log};
        c.restoreRecord(ctx, ref);
    });
    return {"restored", recordId};
}

Outcome ServiceTx::add(const std::string& recordId, const std::vector<std::string>& communityIds) {
    RecordRef ref = existingRecord(recordId, "record_id");
    auto ids = sortedUnique(communityIds);
    if (ids.empty()) throw ServiceError(400, "community_ids: at least one community is needed");
    requireCommunities(ids, "community_ids");
    auto current = _repo.communitiesOf(ref.parentId);
    current.insert(current.end(), ids.begin(), ids.end());
    _repo.setCommunitiesOf(ref.parentId, sortedUnique(current));
    _chains.run(kRecordCommunitiesChain, [&](ServiceComponent& c, Logger& log) {
        ServiceCallContext ctx{_repo, _repo, _clock, log};
        c.add(ctx, ref, ids);
    });
    return {"added", recordId};
}

Outcome ServiceTx::bulkAdd(const std::string& communityId, const std::vector<std::string>& recordIds) {
    requireCommunities({communityId}, "community_id");
    if (recordIds.empty()) throw ServiceError(400, "record_ids: at least one record is needed");
    std::vector<RecordRef> refs;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < recordIds.size(); ++i) {
        if (!seen.insert(recordIds[i]).second) continue;
        refs.push_back(existingRecord(recordIds[i], "record_ids[" + std::to_string(i) + "]"));
    }
    for (const auto& ref : refs) {
        auto current = _repo.communitiesOf(ref.parentId);
        current.push_back(communityId);
        _repo.setCommunitiesOf(ref.parentId, sortedUnique(current));
    }
    _chains.run(kRecordCommunitiesChain, [&](ServiceComponent& c, Logger& log) {
        ServiceCallContext ctx{_repo, _repo, _clock, log};
        c.bulkAdd(ctx, communityId, refs);
    });
    return {"added", communityId};
}

Outcome ServiceTx::remove(const std::string& recordId, const std::vector<std::string>& communityIds) {
    RecordRef ref = existingRecord(recordId, "record_id");
    auto ids = sortedUnique(communityIds);
    if (ids.empty()) throw ServiceError(400, "community_ids: at least one community is needed");
    requireCommunities(ids, "community_ids");
    auto current = _repo.communitiesOf(ref.parentId);
    std::vector<std::string> remaining;
    for (const auto& c : current)
        if (!std::binary_search(ids.begin(), ids.end(), c)) remaining.push_back(c);
    _repo.setCommunitiesOf(ref.parentId, remaining);
    _chains.run(kRecordCommunitiesChain, [&](ServiceComponent& c, Logger& log) {
        ServiceCallContext ctx{_repo, _repo, _clock, log};
        c.remove(ctx, ref, ids);
    });
    return {"removed", recordId};
}

Outcome ServiceTx::acceptRequest(const std::string& requestType, const std::string& receiverCommunityId,
                                 const std::string& recordId) {
    static const std::set<std::string> kTypes = {"community-inclusion", "community-submission", "community-transfer"};
    if (!kTypes.count(requestType))
        throw ServiceError(400, "request.type: expected community-inclusion, community-submission or community-transfer");
    requireCommunities({receiverCommunityId}, "request.receiver.community");
    RecordRef ref = existingRecord(recordId, "request.topic.record");
    auto current = _repo.communitiesOf(ref.parentId);
    current.push_back(receiverCommunityId);
    _repo.setCommunitiesOf(ref.parentId, sortedUnique(current));
    _chains.run(kRequestEventsChain, [&](ServiceComponent& c, Logger& log) {
        ServiceCallContext ctx{_repo, _repo, _clock, log};
        c.createRequestEvent(ctx, requestType, "accept", receiverCommunityId, ref);
    });
    return {"accepted", recordId};
}

}  // namespace statshost::services
