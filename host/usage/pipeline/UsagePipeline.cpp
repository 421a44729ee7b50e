#include "usage/pipeline/UsagePipeline.h"

#include <map>

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

/// Records resolved once per batch.
class RecordCache {
public:
    explicit RecordCache(repository::RepositoryTx& repo) : _repo(repo) {}
    const repository::RecordRow* get(const std::string& id) {
        auto it = _rows.find(id);
        if (it == _rows.end()) it = _rows.emplace(id, _repo.recordRow(id)).first;
        return it->second ? &*it->second : nullptr;
    }

private:
    repository::RepositoryTx& _repo;
    std::map<std::string, std::optional<repository::RecordRow>> _rows;
};

/// Download fields per §10.5: file_id = given, else the entry's id, else `<recid>/<key>`;
/// bucket_id = given, else the record id; size = given, else the entry's; file type from the
/// entry matched by file_id, then by key, else from the key's suffix.
void resolveDownload(UsageEvent& e, const repository::RecordRow& row, const std::string& fileId,
                     const std::string& fileKey, const std::string& bucketId, std::optional<std::int64_t> size) {
    const repository::FileRow* entry = nullptr;
    if (!fileId.empty())
        for (const auto& f : row.files)
            if (f.fileId == fileId) entry = &f;
    if (!entry && !fileKey.empty())
        for (const auto& f : row.files)
            if (f.key == fileKey) entry = &f;
    e.fileKey = !fileKey.empty() ? fileKey : (entry ? entry->key : "");
    e.fileId = !fileId.empty() ? fileId : (entry ? entry->fileId : row.ref.recordId + "/" + e.fileKey);
    e.bucketId = !bucketId.empty() ? bucketId : row.ref.recordId;
    e.size = size ? *size : (entry ? entry->size : 0);
    e.fileType = entry ? entry->ext : records::fileType("", e.fileKey);
    e.uniqueId = e.bucketId + "_" + e.fileId;
}

void fillRecord(UsageEvent& e, const repository::RecordRow& row, std::int64_t ts) {
    e.timestampMicros = ts;
    e.day = records::dayOfMicros(ts);
    e.recordId = row.ref.recordId;
    e.parentId = row.ref.parentId;
}

}  // namespace

UsagePipeline::UsagePipeline(const Classifiers& classifiers, const VisitorHasher& hasher, const UsageStore& store)
    : _classifiers(classifiers), _hasher(hasher), _store(store) {}

template <class T, class Fn>
BatchResult UsagePipeline::run(services::ServiceTx& tx, const std::vector<Parsed<T>>& inputs, bool atomic,
                               Fn&& process) const {
    BatchResult result;
    std::vector<UsageEvent> events;
    std::map<std::pair<std::string, EventType>, std::pair<std::int64_t, std::int64_t>> dropped;  // robots, api views
    RecordCache records(tx.repository());
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        Step step;
        if (!inputs[i].value) {
            step.kind = HitOutcome::Kind::Rejected;
            step.message = inputs[i].error;
        } else {
            try {
                step = process(*inputs[i].value, records);
            } catch (const ServiceError& e) {
                step.kind = HitOutcome::Kind::Rejected;
                step.message = e.what();
            }
        }
        if (step.kind == HitOutcome::Kind::Rejected && atomic)
            throw ServiceError(400, "events[" + std::to_string(i) + "]: " + step.message);
        switch (step.kind) {
            case HitOutcome::Kind::Accepted:
                events.push_back(std::move(step.event));
                ++result.accepted;
                break;
            case HitOutcome::Kind::Robot:
                ++dropped[{monthOf(inputs[i].value->timestampMicros), inputs[i].value->type}].first;
                ++result.robots;
                break;
            case HitOutcome::Kind::ApiView:
                ++dropped[{monthOf(inputs[i].value->timestampMicros), inputs[i].value->type}].second;
                ++result.apiViews;
                break;
            case HitOutcome::Kind::Rejected:
                ++result.rejected;
                break;
        }
        result.outcomes.push_back({step.kind, step.message});
    }
    if (!events.empty()) result.counters = _store.store(tx.connection(), events, tx.repository().changeSeq());
    for (const auto& [key, counts] : dropped) {
        if (counts.first) UsageStore::countDropped(tx.connection(), key.first, key.second, DropReason::Robot, counts.first);
        if (counts.second)
            UsageStore::countDropped(tx.connection(), key.first, key.second, DropReason::ApiView, counts.second);
    }
    return result;
}

BatchResult UsagePipeline::ingestRaw(services::ServiceTx& tx, const std::vector<Parsed<RawHit>>& hits,
                                     bool atomic) const {
    return run(tx, hits, atomic, [&](const RawHit& h, RecordCache& records) {
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
        if (!row) throw ServiceError(404, "recid: unknown record '" + h.recid + "'");
        UsageEvent& e = step.event;
        e.type = h.type;
        fillRecord(e, *row, h.timestampMicros);
        e.isMachine = _classifiers.machines.isMachine(h.userAgent);
        VisitorFields who{h.userId, h.sessionId, h.ip, h.userAgent};
        e.visitorId = _hasher.visitorId(who, h.timestampMicros);
        e.sessionId = _hasher.uniqueSessionId(who, h.timestampMicros);
        e.country = h.country ? _classifiers.countryNames.normalise(*h.country)
                              : (h.ip ? _classifiers.countryOf(*h.ip) : "");
        e.referrerHost = h.referrer ? referrerHost(*h.referrer) : "";
        if (h.type == EventType::Download)
            resolveDownload(e, *row, h.fileId, h.fileKey, h.bucketId, h.size);
        else
            e.uniqueId = "ui_" + row->ref.recordId;
        return step;
    });
}

BatchResult UsagePipeline::ingestProcessed(services::ServiceTx& tx, const std::vector<Parsed<ProcessedDoc>>& docs,
                                           bool atomic) const {
    return run(tx, docs, atomic, [&](const ProcessedDoc& d, RecordCache& records) {
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
        if (!row) throw ServiceError(404, "recid: unknown record '" + d.recid + "'");
        UsageEvent& e = step.event;
        e.type = d.type;
        fillRecord(e, *row, d.timestampMicros);
        if (!d.parentRecid.empty() && d.parentRecid != row->ref.parentId)
            throw ServiceError(400, "parent_recid: record '" + d.recid + "' belongs to parent " + row->ref.parentId);
        e.isMachine = d.isMachine;
        e.visitorId = d.visitorId;
        e.sessionId = d.uniqueSessionId;
        e.country = _classifiers.countryNames.normalise(d.country);
        e.referrerHost = referrerHost(d.referrer);
        if (d.type == EventType::Download) {
            resolveDownload(e, *row, d.fileId, d.fileKey, d.bucketId, d.size);
            if (!d.uniqueId.empty()) e.uniqueId = d.uniqueId;
        } else {
            e.uniqueId = d.uniqueId.empty() ? "ui_" + row->ref.recordId : d.uniqueId;
        }
        return step;
    });
}

}  // namespace statshost::usage
