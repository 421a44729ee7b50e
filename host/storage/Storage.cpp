// Storage: opening, the internal schema, and whole-store operations (status, destroy).
#include "storage/Storage.h"

#include "storage/IndexLayout.h"
#include "storage/Names.h"
#include "storage/Registry.h"
#include "storage/StorageUrl.h"

namespace statshost::storage {

std::unique_ptr<Storage> Storage::open(const std::string& url, const StorageOptions& options) {
    StorageUrl parsed = StorageUrl::parse(url);
    auto db = Database::open(parsed, options);
    db->withConnection([](Connection&) {});  // a bad URL or unreachable server fails here, not later
    return std::unique_ptr<Storage>(new Storage(std::move(db), parsed.redacted()));
}

Storage::Storage(std::shared_ptr<Database> db, std::string redactedUrl)
    : _db(std::move(db)), _layout(makeIndexLayout(_db->dialect())), _redactedUrl(std::move(redactedUrl)) {}

Storage::~Storage() = default;

std::string Storage::backend() const { return dialectName(_db->dialect()); }

void Storage::initialize() {
    bool current = false;
    _db->withConnection([&](Connection& c) { current = internalTablesCurrent(c); });
    if (current) return;  // the usual start: nothing to create or migrate
    _db->transaction([&](Connection& c) {
        _layout->lockDdl(c, "schema");
        createInternalTables(c);
    });
}

void Storage::destroyIndices() {
    _db->transaction([&](Connection& c) {
        for (const std::string& alias : registeredAliases(c)) {
            checkAlias(alias);  // names from the database become identifiers only after validation
            std::string family = familyTable(alias);
            _layout->lockDdl(c, family);
            _layout->dropFamily(c, family, registeredYears(c, alias));
        }
        c.exec("DELETE FROM statshost_index_years");
        c.exec("DELETE FROM statshost_indices");
        c.exec("DELETE FROM statshost_bookmarks");
        c.exec("DELETE FROM statshost_locks");
    });
    std::lock_guard<std::mutex> guard(_derivedMutex);
    _derivedAliases.clear();  // the derivers stay: registering the templates again reuses them
    _years.clear();
}

std::vector<IndexInfo> Storage::indices() {
    std::vector<IndexInfo> result;
    _db->withConnection([&](Connection& c) {
        for (const std::string& alias : registeredAliases(c)) {
            checkAlias(alias);
            IndexInfo info{alias, registeredYears(c, alias), 0};
            for (int year : info.years)
                c.query("SELECT count(*) FROM " + yearTable(familyTable(alias), year), {},
                        [&](const Row& row) { info.documents += static_cast<std::uint64_t>(row.getInt(0)); });
            result.push_back(std::move(info));
        }
    });
    // A derived family's documents are its deriver's (the table only holds rows of an older release).
    for (IndexInfo& info : result)
        if (isDerived(info.alias)) {
            bool known = false;
            {
                std::lock_guard<std::mutex> guard(_derivedMutex);
                known = _derivers.count(info.alias) > 0;
            }
            if (known) info.documents = count(info.alias, {});
        }
    return result;
}

}  // namespace statshost::storage
