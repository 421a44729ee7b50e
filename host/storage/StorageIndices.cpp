// Storage: the index operations of DocumentStore (templates, upsert, scan, count, remove).
#include <algorithm>
#include <map>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "statshost/Errors.h"
#include "storage/IndexLayout.h"
#include "storage/Names.h"
#include "storage/Registry.h"
#include "storage/Storage.h"
#include "storage/TextChecks.h"
#include "storage/Timestamps.h"

namespace statshost::storage {
namespace {

/// Documents per scan page (one query each); bounds memory to a few MB for 1 KB bodies.
constexpr std::size_t kPageSize = 2000;

std::string shown(const std::string& text) { return text.size() <= 80 ? text : text.substr(0, 77) + "..."; }

void checkDocuments(const std::string& alias, const std::vector<Document>& docs) {
    for (std::size_t i = 0; i < docs.size(); ++i) {
        const Document& doc = docs[i];
        auto reject = [&](const std::string& why) {
            throw StorageError("invalid document #" + std::to_string(i) + " (id '" + shown(doc.id) + "') for index '" +
                               alias + "': " + why + "; nothing was written");
        };
        if (doc.id.empty()) reject("empty id");
        if (!isCleanText(doc.id)) reject("the id is not UTF-8 text without NUL bytes");
        if (doc.communityId.empty()) reject("empty community id");
        if (!isCleanText(doc.communityId)) reject("the community id is not UTF-8 text without NUL bytes");
        if (!isValidDay(doc.day)) reject("day '" + shown(doc.day) + "' is not a valid YYYY-MM-DD date");
        if (doc.body.empty()) reject("empty body");
        if (auto problem = jsonProblem(doc.body)) reject("the body is not valid JSON: " + *problem);
    }
}

void checkRange(const DocumentRange& range) {
    for (const std::string* day : {&range.firstDay, &range.lastDay})
        if (!day->empty() && !isValidDay(*day))
            throw StorageError("invalid day '" + shown(*day) + "' in a document range: expected YYYY-MM-DD");
}

/// The registered years a range can touch.
std::vector<int> yearsOf(std::vector<int> years, const DocumentRange& range) {
    years.erase(std::remove_if(years.begin(), years.end(),
                               [&](int year) {
                                   return (!range.firstDay.empty() && year < yearOf(range.firstDay)) ||
                                          (!range.lastDay.empty() && year > yearOf(range.lastDay));
                               }),
                years.end());
    return years;
}

/// " WHERE ..." (or "") selecting `range`, optionally only rows after `after` in (day, id) order.
struct Filter {
    std::string where;
    SqlParams params;
};

Filter filterOf(const IndexLayout& layout, const DocumentRange& range, const Document* after) {
    Filter filter;
    auto param = [&](const std::string& value) {
        filter.params.emplace_back(value);
        return static_cast<int>(filter.params.size());
    };
    std::vector<std::string> conditions;
    if (!range.communityId.empty()) conditions.push_back("community_id = $" + std::to_string(param(range.communityId)));
    if (!range.firstDay.empty()) conditions.push_back("day >= " + layout.dayParam(param(range.firstDay)));
    if (!range.lastDay.empty()) conditions.push_back("day <= " + layout.dayParam(param(range.lastDay)));
    if (after) {
        int day = param(after->day);
        int id = param(after->id);
        conditions.push_back("(day, id) > (" + layout.dayParam(day) + ", $" + std::to_string(id) + ")");
    }
    for (std::size_t i = 0; i < conditions.size(); ++i) filter.where += (i == 0 ? " WHERE " : " AND ") + conditions[i];
    return filter;
}

}  // namespace

void Storage::registerTemplate(const IndexTemplate& tmpl) {
    checkAlias(tmpl.alias);
    if (!isCleanText(tmpl.dateField))
        throw StorageError("template '" + tmpl.alias + "': the date field is not UTF-8 text without NUL bytes");
    if (!tmpl.mappingJson.empty())
        if (auto problem = jsonProblem(tmpl.mappingJson))
            throw StorageError("template '" + tmpl.alias + "': the mapping is not valid JSON: " + *problem);
    const std::string family = familyTable(tmpl.alias);
    _db->transaction([&](Connection& c) {
        _layout->lockDdl(c, family);
        std::optional<std::string> other;
        c.query("SELECT alias FROM statshost_indices WHERE table_name = $1 AND alias <> $2", {family, tmpl.alias},
                [&](const Row& row) { other = row.getString(0); });
        if (other)
            throw StorageError("index alias '" + tmpl.alias + "' collides with the registered alias '" + *other +
                               "' (both are stored as " + family + ")");
        _layout->createFamily(c, family);
        c.exec("INSERT INTO statshost_indices (alias, table_name, date_field, mapping, created_at, updated_at) "
               "VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (alias) DO UPDATE SET date_field = excluded.date_field, "
               "mapping = excluded.mapping, updated_at = excluded.updated_at "
               "WHERE statshost_indices.date_field <> excluded.date_field OR statshost_indices.mapping <> excluded.mapping",
               {tmpl.alias, family, tmpl.dateField, tmpl.mappingJson, utcNowIso()});
    });
}

void Storage::upsert(const std::string& alias, const std::vector<Document>& docs) {
    checkAlias(alias);
    checkDocuments(alias, docs);
    const std::string family = familyTable(alias);
    std::vector<int> known;
    _db->withConnection([&](Connection& c) { known = registeredYears(c, alias); });

    // Route by year; a later document with the same id in the same year replaces an earlier one.
    IndexLayout::DocumentsByYear byYear;
    std::map<int, std::unordered_map<std::string_view, std::size_t>> positions;
    for (const Document& doc : docs) {
        int year = yearOf(doc.day);
        auto& list = byYear[year];
        auto [it, inserted] = positions[year].emplace(doc.id, list.size());
        if (inserted)
            list.push_back(&doc);
        else
            list[it->second] = &doc;
    }

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
    }

    if (byYear.empty()) return;
    _db->transaction([&](Connection& c) { _layout->write(c, family, byYear); });
}

void Storage::scan(const std::string& alias, const DocumentRange& range,
                   const std::function<bool(const Document&)>& visit) {
    checkAlias(alias);
    checkRange(range);
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
            _db->query(select + filter.where + " ORDER BY day, id LIMIT " + std::to_string(kPageSize), filter.params,
                       [&](const Row& row) {
                           page.push_back(Document{row.getString(0), row.getString(1), row.getString(2), row.getString(3)});
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
