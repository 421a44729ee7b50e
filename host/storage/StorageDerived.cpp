// Storage: derived index families (Store.h DocumentDeriver) — which aliases are derived and by whom.
#include "statshost/Errors.h"
#include "storage/Registry.h"
#include "storage/Storage.h"

namespace statshost::storage {

void Storage::rememberTemplate(const IndexTemplate& tmpl) {
    std::lock_guard<std::mutex> guard(_derivedMutex);
    _derivedAliases[tmpl.alias] = tmpl.deriver != nullptr;
    if (tmpl.deriver)
        _derivers[tmpl.alias] = tmpl.deriver;
    else
        _derivers.erase(tmpl.alias);
}

bool Storage::isDerived(const std::string& alias) {
    {
        std::lock_guard<std::mutex> guard(_derivedMutex);
        auto it = _derivedAliases.find(alias);
        if (it != _derivedAliases.end()) return it->second;
    }
    SparseTemplate tmpl;
    _db->withConnection([&](Connection& c) { tmpl = sparseTemplate(c, alias); });
    std::lock_guard<std::mutex> guard(_derivedMutex);
    return _derivedAliases.emplace(alias, tmpl.derived).first->second;
}

std::shared_ptr<DocumentDeriver> Storage::deriverOf(const std::string& alias) {
    if (!isDerived(alias)) return nullptr;
    std::lock_guard<std::mutex> guard(_derivedMutex);
    auto it = _derivers.find(alias);
    if (it == _derivers.end())
        throw StorageError("index '" + alias +
                           "' is derived (rendered on read) but this process has no deriver for it: register the "
                           "templates of the aggregator that writes it (its plugin) before reading");
    return it->second;
}

void Storage::checkWritable(const std::string& alias, const std::vector<Document>& docs) {
    if (!docs.empty() && isDerived(alias))
        throw StorageError("index '" + alias + "' is derived (rendered on read): its documents cannot be written; " +
                           std::to_string(docs.size()) + " document(s) refused, nothing was written");
}

}  // namespace statshost::storage
