#include "usage/pipeline/UsagePipeline.h"

#include <map>
#include <unordered_map>

#include "records/Dates.h"
#include "records/RecordFiles.h"
#include "services/ServiceError.h"
#include "usage/classify/ReferrerHost.h"

namespace statshost::usage {

namespace {

using services::ServiceError;

/// The outcome of processing one input: an event to store, or why not.
struct Step {
    HitOutcome::Kind kind = HitOutcome::Kind::Accepted;
    std::string message;
    UsageEvent event;
};

std::string monthOf(std::int64_t micros) { return records::formatDay(records::dayOfMicros(micros)).substr(0, 7); }

/// The records of one batch, resolved with one lookup before processing.
class RecordCache {
public:
    RecordCache(const TargetLookup& lookup, const std::vector<std::string>& ids) : _rows(lookup(ids)) {}
    const repository::UsageTarget* get(const std::string& id) const {
        auto it = _rows.find(id);
        return it == _rows.end() ? nullptr : &it->second;
    }

private:
    std::unordered_map<std::string, repository::UsageTarget> _rows;
};

/// Thrown by the processing step for an input whose record does not exist (yet).
struct UnknownRecord : ServiceError {
    explicit UnknownRecord(const std::string& recid) : ServiceError(404, "recid: unknown record '" + recid + "'") {}
};

/// Download fields per §10.5: file_id = given, else the entry's id, else `<recid>/<key>`;
/// bucket_id = given, else the record id; size = given, else the entry's; file type from the
/// entry matched by file_id, then by key, else from the key's suffix.
void resolveDownload(UsageEvent& e, const repository::UsageTarget& row, const std::string& fileId,
                     const std::string& fileKey, const std::string& bucketId, std::optional<std::int64_t> size) {
    const repository::FileRow* entry = nullptr;
    if (!fileId.empty())
        for (const auto& f : row.files)
            if (f.fileId == fileId) entry = &f;
    if (!entry && !fileKey.empty())
        for (const auto& f : row.files)
            if (f.key == fileKey) entry = &f;
    e.fileKey = !fileKey.empty() ? fileKey : (entry ? entry->key : "");
    e.fileId = !fileId.empty() ? fileId : (entry ? entry->fileId : row.recordId + "/" + e.fileKey);
    e.bucketId = !bucketId.empty() ? bucketId : row.recordId;
    e.size = size ? *size : (entry ? entry->size : 0);
    e.fileType = entry ? entry->ext : records::fileType("", e.fileKey);
    e.uniqueId = e.bucketId + "_" + e.fileId;
}

void fillRecord(UsageEvent& e, const repository::UsageTarget& row, std::int64_t ts) {
    e.timestampMicros = ts;
    e.day = records::dayOfMicros(ts);
    e.recordId = row.recordId;
    e.parentId = row.parentId;
}

}  // namespace

UsagePipeline::UsagePipeline(const Classifiers& classifiers, const VisitorHasher& hasher, const UsageStore& store)
    : _classifiers(classifiers), _hasher(hasher), _store(store) {}

TargetLookup UsagePipeline::lookupIn(services::ServiceTx& tx) { return lookupIn(tx.repository()); }

TargetLookup UsagePipeline::lookupIn(repository::RepositoryTx& repo) {
    return [&repo](const std::vector<std::string>& ids) { return repo.usageTargets(ids); };
}

TargetLookup UsagePipeline::lookupIn(storage::Database& db) {
    return [&db](const std::vector<std::string>& ids) {
        std::unordered_map<std::string, repository::UsageTarget> found;
        db.withConnection([&](storage::Connection& c) { found = repository::usageTargets(c, ids); });
        return found;
    };
}

TargetLookup UsagePipeline::cachedLookupIn(storage::Database& db) const {
    return [this, &db](const std::vector<std::string>& ids) {
        std::unordered_map<std::string, repository::UsageTarget> found;
        const std::vector<std::string> missing = _targets.take(ids, found);
        if (missing.empty()) return found;
        std::unordered_map<std::string, repository::UsageTarget> fetched;
        db.withConnection([&](storage::Connection& c) { fetched = repository::usageTargets(c, missing); });
        _targets.remember(fetched);  // committed: read outside any transaction
        for (auto& [id, target] : fetched) found.emplace(id, std::move(target));
        return found;
    };
}

template <class T, class Fn>
PreparedBatch UsagePipeline::prepare(const std::vector<Parsed<T>>& inputs, const TargetLookup& lookup,
                                     Fn&& process) const {
    PreparedBatch out;
    out.outcomes.reserve(inputs.size());
    out.events.reserve(inputs.size());
    std::vector<std::string> ids;
    ids.reserve(inputs.size());
    for (const auto& in : inputs)
        if (in.value) ids.push_back(in.value->recid);
    const RecordCache records(lookup, ids);
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        Step step;
        if (!inputs[i].value) {
            step.kind = HitOutcome::Kind::Rejected;
            step.message = inputs[i].error;
        } else {
            try {
                step = process(*inputs[i].value, records);
            } catch (const UnknownRecord& e) {
                step.kind = HitOutcome::Kind::Rejected;
                step.message = e.what();
                out.unknownRecords = true;
            } catch (const ServiceError& e) {
                step.kind = HitOutcome::Kind::Rejected;
                step.message = e.what();
            }
        }
        switch (step.kind) {
            case HitOutcome::Kind::Accepted:
                out.events.push_back(std::move(step.event));
                ++out.accepted;
                break;
            case HitOutcome::Kind::Robot:
                ++out.dropped[{monthOf(inputs[i].value->timestampMicros), inputs[i].value->type}].first;
                ++out.robots;
                break;
            case HitOutcome::Kind::ApiView:
                ++out.dropped[{monthOf(inputs[i].value->timestampMicros), inputs[i].value->type}].second;
                ++out.apiViews;
                break;
            case HitOutcome::Kind::Rejected:
                ++out.rejected;
                break;
        }
        out.outcomes.push_back({step.kind, std::move(step.message)});
    }
    return out;
}

template <class T>
BatchResult UsagePipeline::commit(storage::Connection& c, repository::RepositoryTx& repo,
                                  const std::vector<Parsed<T>>& inputs, PreparedBatch prepared, bool atomic,
                                  PreparedBatch (UsagePipeline::*reprepare)(const std::vector<Parsed<T>>&,
                                                                           const TargetLookup&) const) const {
    if (prepared.unknownRecords) {
        // A record may have been published since the batch was prepared: look again, inside the transaction.
        std::vector<std::string> missing;
        for (std::size_t i = 0; i < inputs.size(); ++i)
            if (inputs[i].value && prepared.outcomes[i].kind == HitOutcome::Kind::Rejected)
                missing.push_back(inputs[i].value->recid);
        if (!repo.usageTargets(missing).empty()) prepared = (this->*reprepare)(inputs, lookupIn(repo));
    }
    if (atomic)
        for (std::size_t i = 0; i < prepared.outcomes.size(); ++i)
            if (prepared.outcomes[i].kind == HitOutcome::Kind::Rejected)
                throw ServiceError(400, "events[" + std::to_string(i) + "]: " + prepared.outcomes[i].message);
    BatchResult result;
    if (!prepared.events.empty())
        result.counters = _store.store(c, prepared.events, repo.changeSeq());
    for (const auto& [key, counts] : prepared.dropped) {
        if (counts.first) UsageStore::countDropped(c, key.first, key.second, DropReason::Robot, counts.first);
        if (counts.second) UsageStore::countDropped(c, key.first, key.second, DropReason::ApiView, counts.second);
    }
    result.outcomes = std::move(prepared.outcomes);
    result.accepted = prepared.accepted;
    result.robots = prepared.robots;
    result.apiViews = prepared.apiViews;
    result.rejected = prepared.rejected;
    return result;
}

BatchResult UsagePipeline::commitRaw(services::ServiceTx& tx, const std::vector<Parsed<RawHit>>& hits,
                                     PreparedBatch prepared, bool atomic) const {
    return commit(tx.connection(), tx.repository(), hits, std::move(prepared), atomic, &UsagePipeline::prepareRaw);
}

BatchResult UsagePipeline::commitRaw(storage::Connection& c, repository::RepositoryTx& repo,
                                     const std::vector<Parsed<RawHit>>& hits, PreparedBatch prepared,
                                     bool atomic) const {
    return commit(c, repo, hits, std::move(prepared), atomic, &UsagePipeline::prepareRaw);
}

BatchResult UsagePipeline::commitProcessed(services::ServiceTx& tx, const std::vector<Parsed<ProcessedDoc>>& docs,
                                           PreparedBatch prepared, bool atomic) const {
    return commit(tx.connection(), tx.repository(), docs, std::move(prepared), atomic,
                  &UsagePipeline::prepareProcessed);
}

BatchResult UsagePipeline::ingestRaw(services::ServiceTx& tx, const std::vector<Parsed<RawHit>>& hits,
                                     bool atomic) const {
    return commitRaw(tx, hits, prepareRaw(hits, lookupIn(tx)), atomic);
}

BatchResult UsagePipeline::ingestProcessed(services::ServiceTx& tx, const std::vector<Parsed<ProcessedDoc>>& docs,
                                           bool atomic) const {
    return commitProcessed(tx, docs, prepareProcessed(docs, lookupIn(tx)), atomic);
}

PreparedBatch UsagePipeline::prepareRaw(const std::vector<Parsed<RawHit>>& hits, const TargetLookup& lookup) const {
    return prepare(hits, lookup, [&](const RawHit& h, const RecordCache& records) {
        Step step;
        if (_classifiers.robots.isRobot(h.userAgent)) {
            step.kind = HitOutcome::Kind::Robot;
            return step;
        }
        if (h.type == EventType::View && h.viaApi) {
            step.kind = HitOutcome::Kind::ApiView;
            return step;
        }
        const auto* row = records.get(h.recid);
        if (!row) throw UnknownRecord(h.recid);
        UsageEvent& e = step.event;
        e.type = h.type;
        fillRecord(e, *row, h.timestampMicros);
        e.isMachine = _classifiers.machines.isMachine(h.userAgent);
        VisitorIds ids = _hasher.ids(VisitorFields{h.userId, h.sessionId, h.ip, h.userAgent}, h.timestampMicros);
        e.visitorId = std::move(ids.visitorId);
        e.sessionId = std::move(ids.sessionId);
        e.country = h.country ? _classifiers.countryNames.normalise(*h.country)
                              : (h.ip ? _classifiers.countryOf(*h.ip) : "");
        e.referrerHost = h.referrer ? referrerHost(*h.referrer) : "";
        if (h.type == EventType::Download)
            resolveDownload(e, *row, h.fileId, h.fileKey, h.bucketId, h.size);
        else
            e.uniqueId = "ui_" + row->recordId;
        return step;
    });
}

PreparedBatch UsagePipeline::prepareProcessed(const std::vector<Parsed<ProcessedDoc>>& docs,
                                              const TargetLookup& lookup) const {
    return prepare(docs, lookup, [&](const ProcessedDoc& d, const RecordCache& records) {
        Step step;
        if (d.isRobot) {
            step.kind = HitOutcome::Kind::Robot;
            return step;
        }
        if (d.type == EventType::View && d.viaApi) {
            step.kind = HitOutcome::Kind::ApiView;
            return step;
        }
        const auto* row = records.get(d.recid);
        if (!row) throw UnknownRecord(d.recid);
        UsageEvent& e = step.event;
        e.type = d.type;
        fillRecord(e, *row, d.timestampMicros);
        if (!d.parentRecid.empty() && d.parentRecid != row->parentId)
            throw ServiceError(400, "parent_recid: record '" + d.recid + "' belongs to parent " + row->parentId);
        e.isMachine = d.isMachine;
        e.visitorId = d.visitorId;
        e.sessionId = d.uniqueSessionId;
        e.country = _classifiers.countryNames.normalise(d.country);
        e.referrerHost = referrerHost(d.referrer);
        if (d.type == EventType::Download) {
            resolveDownload(e, *row, d.fileId, d.fileKey, d.bucketId, d.size);
            if (!d.uniqueId.empty()) e.uniqueId = d.uniqueId;
        } else {
            e.uniqueId = d.uniqueId.empty() ? "ui_" + row->recordId : d.uniqueId;
        }
        return step;
    });
}

}  // namespace statshost::usage
