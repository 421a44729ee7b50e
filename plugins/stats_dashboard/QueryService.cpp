#include "QueryService.h"

#include "Bucketing.h"
#include "DocumentPruning.h"
#include "DocumentSource.h"
#include "statshost/Errors.h"

namespace statshost::dashboard {

namespace {

std::string joinArray(const std::vector<std::string>& bodies) {
    std::size_t size = 2;
    for (const auto& b : bodies) size += b.size() + 1;
    std::string out;
    out.reserve(size);
    out += '[';
    for (std::size_t i = 0; i < bodies.size(); ++i) {
        if (i) out += ',';
        out += bodies[i];
    }
    out += ']';
    return out;
}

std::string shownDate(const std::string& day) { return day.empty() ? "None" : day; }

std::string noResults(const QueryService::Prepared& call) {
    return "No results found for community " + call.access.communityId + " for the period " +
           shownDate(call.params.startDate) + " to " + shownDate(call.params.endDate);
}

std::string listed(const std::vector<std::string>& keys) {
    std::string out;
    for (const auto& k : keys) out += (out.empty() ? "" : ", ") + k;
    return out;
}

}  // namespace

std::pair<std::string, std::string> seriesSelection(Family family, const std::vector<SubcountSource>& layout,
                                                    const QueryParams& params) {
    const std::string category = params.category.empty() ? "global" : camelCase(params.category);
    std::vector<std::string> categories{"global"};
    for (const auto& s : layout) categories.push_back(s.key);
    if (isRecordFamily(family)) categories.push_back("filePresence");
    bool known = false;
    for (const auto& c : categories) known = known || c == category;
    if (!known) throw ConfigError("category", "unknown category '" + params.category + "' (" + listed(categories) + ")");
    const std::string metric =
        params.metric.empty() ? (isRecordFamily(family) ? "records" : "views") : camelCase(params.metric);
    const auto& metrics = metricKeys(family, category == "global");
    known = false;
    for (const auto& m : metrics) known = known || m == metric;
    if (!known)
        throw ConfigError("metric", "unknown metric '" + params.metric + "' for category '" + category + "' (" +
                                        listed(metrics) + ")");
    return {category, metric};
}

QueryService::QueryService(DocumentStore& store, CommunityDirectory& communities, const AggregationSettings& settings,
                           AccessPolicy policy, ResponseCache& cache, std::chrono::milliseconds checkInterval)
    : _store(store), _communities(communities, checkInterval), _settings(settings), _policy(policy), _cache(cache),
      _generations(store, checkInterval) {}

QueryService::Prepared QueryService::prepare(const std::string& query, const Params& params, const Caller& caller) {
    Prepared call;
    call.spec = findQuery(query);
    if (!call.spec) throw HttpError(400, "unknown query '" + query + "'");
    if (call.spec->external) {
        const auto handler = _external.find(query);
        if (handler == _external.end()) throw HttpError(400, "query '" + query + "' is not available here");
        ExternalCall external = handler->second(params, caller);
        call.access = std::move(external.access);
        call.external = std::move(external.answer);
        return call;
    }
    call.params = parseQueryParams(params, call.spec->kind);
    if (!call.spec->fixedBasis.empty()) {
        if (params.has("date_basis") && call.params.dateBasis != call.spec->fixedBasis)
            throw ConfigError("date_basis", "query " + query + " reads date basis '" + call.spec->fixedBasis + "'");
        call.params.dateBasis = call.spec->fixedBasis;
    }
    call.basis = call.params.dateBasis;
    if (call.spec->globalOnly && call.params.communityId != "global")
        throw ConfigError("community_id", "global-stats reads \"global\" only (use community-stats)");
    if (call.spec->kind == QueryKind::Series)
        seriesSelection(call.spec->families.front(), subcountLayout(call.spec->families.front(), _settings), call.params);
    call.access = requireAccess(_communities, call.params.communityId, caller, _policy);
    return call;
}

std::string QueryService::cacheKey(const Prepared& call, const std::string& variant) {
    const QueryParams& p = call.params;
    std::string key = call.spec->name + '\x1f' + call.access.communityId + '\x1f' + p.startDate + '\x1f' + p.endDate +
                      '\x1f' + call.basis + '\x1f' + p.granularityText + '\x1f' + p.category + '\x1f' + p.metric +
                      '\x1f' + variant;
    for (Family family : call.spec->families)
        key += '\x1f' + _generations.get(familyIndex(family, call.basis), call.access.communityId);
    return key;
}

std::shared_ptr<const std::string> QueryService::answer(const Prepared& call) {
    if (call.external) return call.external();
    const std::string key = cacheKey(call, "json");
    if (auto hit = _cache.get(key)) return hit;
    if (_shared) {
        if (auto shared = _shared->get(key)) {
            _cache.put(key, shared);
            return shared;
        }
    }
    auto value = std::make_shared<const std::string>(compute(call));
    _cache.put(key, value);
    if (_shared) _shared->put(key, *value);
    return value;
}

void QueryService::forgetAll() {
    _cache.clear();
    _generations.forget();
    _communities.forget();
}

std::string QueryService::run(const std::string& query, const Params& params, const Caller& caller) {
    return *answer(prepare(query, params, caller));
}

std::string QueryService::compute(const Prepared& call) {
    switch (call.spec->kind) {
        case QueryKind::Documents: return documentsAnswer(call);
        case QueryKind::Composite: return compositeAnswer(call);
        case QueryKind::Series: return seriesAnswer(call);
        case QueryKind::Category: return categoryAnswer(call);
    }
    return "null";
}

std::string QueryService::documentsAnswer(const Prepared& call) {
    auto bodies = readDocuments(_store, familyIndex(call.spec->families.front(), call.basis), call.access.communityId,
                                call.params.startDate, call.params.endDate);
    if (bodies.empty()) throw HttpError(400, noResults(call));
    return joinArray(bodies);
}

std::string QueryService::compositeAnswer(const Prepared& call) {
    const std::pair<const char*, Family> parts[] = {{"record_deltas_", Family::RecordDelta},
                                                    {"record_snapshots_", Family::RecordSnapshot},
                                                    {"usage_deltas", Family::UsageDelta},
                                                    {"usage_snapshots", Family::UsageSnapshot}};
    std::string out = "{";
    bool any = false;
    for (const auto& [prefix, family] : parts) {
        auto bodies = readDocuments(_store, familyIndex(family, call.basis), call.access.communityId,
                                    call.params.startDate, call.params.endDate);
        any = any || !bodies.empty();
        const std::string key = isRecordFamily(family) ? prefix + call.basis : prefix;
        out += (out.size() > 1 ? "," : "") + jsonQuote(key) + ":" + joinArray(bodies);
    }
    if (!any) throw HttpError(400, noResults(call));
    return out + "}";
}

std::string QueryService::seriesAnswer(const Prepared& call) {
    const Family family = call.spec->families.front();
    const auto layout = subcountLayout(family, _settings);
    const auto [category, metric] = seriesSelection(family, layout, call.params);
    // Only the subcount list the series reads is parsed (DocumentPruning.h): global and filePresence need none.
    std::vector<std::string> keep;
    for (const auto& source : layout)
        if (source.key == category) keep.push_back(source.docKey);
    auto docs = readPruned(_store, familyIndex(family, call.basis), call.access.communityId, call.params.startDate,
                           call.params.endDate, keep);
    Category built = buildCategory(family, docs, layout, SeriesFilter{category, metric});
    bucketCategory(built, call.params.granularity, isSnapshot(family));
    const SubcountSeries* sub = built.subcount(category);
    const MetricSeries* series = sub ? sub->metric(metric) : nullptr;
    return series ? toJson(*series) : "[]";
}

std::string QueryService::categoryAnswer(const Prepared& call) {
    const Family family = call.spec->families.front();
    auto docs = parseDocuments(readDocuments(_store, familyIndex(family, call.basis), call.access.communityId,
                                             call.params.startDate, call.params.endDate));
    Category built = buildCategory(family, docs, subcountLayout(family, _settings));
    bucketCategory(built, call.params.granularity, isSnapshot(family));
    return toJson(built);
}

}  // namespace statshost::dashboard
