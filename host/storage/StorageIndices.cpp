// Storage: the index operations of DocumentStore (templates, upsert, scan, count, remove).
// replaceRange, latest and readDense live in StorageSparse.cpp.
#include <algorithm>
#include <optional>

#include "statshost/Errors.h"
#include "storage/IndexLayout.h"
#include "storage/IndexSupport.h"
#include "storage/Names.h"
#include "storage/Registry.h"
#include "storage/Storage.h"
#include "storage/TextChecks.h"
#include "storage/Timestamps.h"

namespace statshost::storage {
namespace {

/// Documents per scan page (one query each); bounds memory to a few MB for 1 KB bodies.
constexpr std::size_t kPageSize = 2000;

}  // namespace

void Storage::registerTemplate(const IndexTemplate& tmpl) {
    checkAlias(tmpl.alias);
    if (!isCleanText(tmpl.dateField))
        throw StorageError("template '" + tmpl.alias + "': the date field is not UTF-8 text without NUL bytes");
    if (!tmpl.mappingJson.empty())
        if (auto problem = jsonProblem(tmpl.mappingJson))
            throw StorageError("template '" + tmpl.alias + "': the mapping is not valid JSON: " + *problem);
    if (!isCleanText(tmpl.extentBookmark))
        throw StorageError("template '" + tmpl.alias + "': the extent bookmark is not UTF-8 text without NUL bytes");
    const std::string family = familyTable(tmpl.alias);
    // Registered already with this very definition (every start-up of every process): one read, no DDL
    // and no table locks.
    bool unchanged = false;
    _db->withConnection([&](Connection& c) {
        c.query("SELECT table_name, date_field, mapping, fill, extent_bookmark FROM statshost_indices WHERE alias = $1",
                {tmpl.alias}, [&](const Row& row) {
                    unchanged = row.getString(0) == family && row.getString(1) == tmpl.dateField &&
                                row.getString(2) == tmpl.mappingJson && row.getString(3) == fillRuleName(tmpl.fill, tmpl.deriver != nullptr) &&
                                row.getString(4) == tmpl.extentBookmark;
                });
    });
    if (unchanged) {
        rememberTemplate(tmpl);
        return;
    }
    _db->transaction([&](Connection& c) {
        _layout->lockDdl(c, family);
        std::optional<std::string> other;
        c.query("SELECT alias FROM statshost_indices WHERE table_name = $1 AND alias <> $2", {family, tmpl.alias},
                [&](const Row& row) { other = row.getString(0); });
        if (other)
            throw StorageError("index alias '" + tmpl.alias + "' collides with the registered alias '" + *other +
                               "' (both are stored as " + family + ")");
        _layout->createFamily(c, family);
        c.exec("INSERT INTO statshost_indices (alias, table_name, date_field, mapping, fill, extent_bookmark, "
               "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (alias) DO UPDATE SET "
               "date_field = excluded.date_field, mapping = excluded.mapping, fill = excluded.fill, "
               "extent_bookmark = excluded.extent_bookmark, updated_at = excluded.updated_at "
               "WHERE statshost_indices.date_field <> excluded.date_field OR statshost_indices.mapping <> excluded.mapping "
               "OR statshost_indices.fill <> excluded.fill OR statshost_indices.extent_bookmark <> excluded.extent_bookmark",
               {tmpl.alias, family, tmpl.dateField, tmpl.mappingJson, fillRuleName(tmpl.fill, tmpl.deriver != nullptr), tmpl.extentBookmark,
                utcNowIso()});
    });
    rememberTemplate(tmpl);
}

void Storage::upsert(const std::string& alias, const std::vector<Document>& docs) {
    checkAlias(alias);
    checkWritable(alias, docs);
    checkDocuments(alias, docs);
    const std::string family = familyTable(alias);
    IndexLayout::DocumentsByYear byYear = groupByYear(docs);
    if (byYear.empty()) {
        createMissingYears(alias, byYear);  // rejects an unknown alias, even for an empty batch
        return;
    }
    writeInYears(alias, byYear, [&](Connection& c) { _layout->write(c, family, byYear); });
}

void Storage::writeInYears(const std::string& alias, const IndexLayout::DocumentsByYear& byYear,
                           const std::function<void(Connection&)>& body) {
    if (_years.hasAll(alias, byYear)) {
        try {
            _db->transaction(body);
            return;
        } catch (const StorageError&) {
            _years.forget(alias);  // perhaps dropped by another process: look again, then write once more
        }
    }
    createMissingYears(alias, byYear);
    _db->transaction(body);
}

void Storage::createMissingYears(const std::string& alias, const IndexLayout::DocumentsByYear& byYear) {
    const std::string family = familyTable(alias);
    std::vector<int> known;
    _db->withConnection([&](Connection& c) { known = registeredYears(c, alias); });
    // New years get their relation in a short transaction of their own, serialized across processes.
    for (const auto& entry : byYear) {
        int year = entry.first;
        if (std::binary_search(known.begin(), known.end(), year)) continue;
        _db->transaction([&](Connection& c) {
            _layout->lockDdl(c, family);
            std::vector<int> years = registeredYears(c, alias);
            if (std::binary_search(years.begin(), years.end(), year)) return;  // another process was first
            years.insert(std::upper_bound(years.begin(), years.end(), year), year);
            _layout->createYear(c, family, year, years);
            c.exec("INSERT INTO statshost_index_years (alias, year) VALUES ($1, $2)",
                   {alias, static_cast<std::int64_t>(year)});
        });
        known.push_back(year);
    }
    _years.remember(alias, known);
}

void Storage::scan(const std::string& alias, const DocumentRange& range,
                   const std::function<bool(const Document&)>& visit) {
    checkAlias(alias);
    checkRange(range);
    if (auto deriver = deriverOf(alias)) {
        deriver->scan(*this, range, visit);
        return;
    }
    const std::string family = familyTable(alias);
    std::vector<int> years;
    _db->withConnection([&](Connection& c) { years = yearsOf(registeredYears(c, alias), range); });

    // Keyset pagination, one year relation after the other (years never overlap in days). Each page is
    // read on a pooled connection that is returned before `visit` runs, so `visit` may use this store.
    for (int year : years) {
        const std::string select = "SELECT id, community_id, " + _layout->dayText() + ", " + _layout->bodyText() +
                                   " FROM " + yearTable(family, year);
        std::optional<Document> after;
        for (;;) {
            Filter filter = filterOf(*_layout, range, after ? &*after : nullptr);
            std::vector<Document> page;
            page.reserve(kPageSize);
            _db->queryRaw(select + filter.where + " ORDER BY day, id LIMIT " + std::to_string(kPageSize), filter.params,
                       [&](const Row& row) {
                           page.push_back(Document{row.getString(0), row.getString(1), row.getString(2), _layout->documentBody(row.getString(3))});
                       });
            for (const Document& doc : page)
                if (!visit(doc)) return;
            if (page.size() < kPageSize) break;
            after = std::move(page.back());
        }
    }
}

std::uint64_t Storage::count(const std::string& alias, const DocumentRange& range) {
    checkAlias(alias);
    checkRange(range);
    if (auto deriver = deriverOf(alias)) return deriver->count(*this, range);
    const std::string family = familyTable(alias);
    std::uint64_t total = 0;
    _db->withConnection([&](Connection& c) {
        Filter filter = filterOf(*_layout, range, nullptr);
        for (int year : yearsOf(registeredYears(c, alias), range))
            c.query("SELECT count(*) FROM " + yearTable(family, year) + filter.where, filter.params,
                    [&](const Row& row) { total += static_cast<std::uint64_t>(row.getInt(0)); });
    });
    return total;
}

std::uint64_t Storage::remove(const std::string& alias, const DocumentRange& range) {
    checkAlias(alias);
    checkRange(range);
    const std::string family = familyTable(alias);
    std::uint64_t total = 0;
    _db->transaction([&](Connection& c) {
        Filter filter = filterOf(*_layout, range, nullptr);
        for (int year : yearsOf(registeredYears(c, alias), range))
            total += c.exec("DELETE FROM " + yearTable(family, year) + filter.where, filter.params);
    });
    return total;
}

}  // namespace statshost::storage
