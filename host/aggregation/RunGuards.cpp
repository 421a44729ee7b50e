#include "aggregation/RunGuards.h"

namespace statshost::aggregation {

void GuardedStore::check() const {
    if (_cancelled.load()) throw AggregationCancelled();
}

void GuardedStore::upsert(const std::string& alias, const std::vector<Document>& docs) {
    check();
    _inner.upsert(alias, docs);
    _written += docs.size();
}

void GuardedStore::replaceRange(const std::string& alias, const DocumentRange& range, const std::vector<Document>& docs) {
    check();
    _inner.replaceRange(alias, range, docs);
    _written += docs.size();
}

void GuardedProgress::check() const {
    if (_cancelled.load()) throw AggregationCancelled();
}

void GuardedProgress::begin(const std::string& phase, std::uint64_t total, const std::string& unit) {
    check();
    _inner.begin(phase, total, unit);
}

void GuardedProgress::advance(std::uint64_t units) {
    check();
    _inner.advance(units);
}

}  // namespace statshost::aggregation
