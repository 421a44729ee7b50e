// Storage: the operations for sparse index families (Store.h FillRule): replaceRange, latest, readDense.
#include <algorithm>
#include <memory>
#include <optional>

#include "statshost/Errors.h"
#include "storage/Days.h"
#include "storage/FillTemplate.h"
#include "storage/IndexSupport.h"
#include "storage/Names.h"
#include "storage/Registry.h"
#include "storage/Storage.h"

namespace statshost::storage {
namespace {

/// Year relations per edgeDocument statement (SQLite allows 500 terms in one compound SELECT).
constexpr std::size_t kYearsPerStatement = 200;

/// Throws unless `range` names a community and two valid days in order.
void checkClosedRange(const std::string& operation, const std::string& alias, const DocumentRange& range) {
    const std::string where = operation + " on index '" + alias + "'";
    if (range.firstDay.empty() || range.lastDay.empty()) throw StorageError(where + " needs both days of the range");
    checkRange(range);
    if (range.firstDay > range.lastDay)
        throw StorageError(where + ": the range " + range.firstDay + ".." + range.lastDay + " ends before it starts");
}

/// Throws the first document of `docs` that is not of the range's community or outside its days.
void checkDocumentsInRange(const std::string& alias, const DocumentRange& range, const std::vector<Document>& docs) {
    for (std::size_t i = 0; i < docs.size(); ++i) {
        const Document& doc = docs[i];
        std::string why;
        if (!range.communityId.empty() && doc.communityId != range.communityId)
            why = "community '" + shown(doc.communityId) + "' is not the range's community '" + range.communityId + "'";
        else if (doc.day < range.firstDay || doc.day > range.lastDay)
            why = "day " + doc.day + " lies outside the range " + range.firstDay + ".." + range.lastDay;
        if (!why.empty())
            throw StorageError("invalid document #" + std::to_string(i) + " (id '" + shown(doc.id) + "') for index '" +
                               alias + "': " + why + "; nothing was written");
    }
}

/// The output of readDense for one community: stored documents as they come, each missing day in between
/// (and after the last one, through fillThrough) rendered from the fill source. Days are day numbers.
class DenseStream {
public:
    DenseStream(std::string communityId, FillRule rule, std::int64_t firstDay,
                const std::function<bool(const Document&)>& visit)
        : _communityId(std::move(communityId)), _rule(rule), _next(firstDay), _visit(visit) {}

    /// The document missing days are filled from: Zero — the community's first document (kept);
    /// CarryForward — the latest stored document so far (replaced by every stored() one).
    void setSource(const Document& doc) {
        _sourceBody = doc.body;
        _template.reset();
    }

    /// Fills the days before `doc`, then emits it. False when the visitor stopped.
    bool stored(const Document& doc) {
        std::int64_t day = dayNumber(doc.day);
        if (!fillThrough(day - 1)) return false;
        if (!_visit(doc)) return false;
        _next = std::max(_next, day + 1);
        if (_rule == FillRule::CarryForward) setSource(doc);
        return true;
    }

    /// Emits filled documents for the days from the next one through `lastDay`. False when the visitor stopped.
    bool fillThrough(std::int64_t lastDay) {
        if (_next > lastDay) return true;
        if (!_sourceBody) {  // nothing stored before these days (only when documents vanish meanwhile)
            _next = lastDay + 1;
            return true;
        }
        if (!_template)
            _template = std::make_unique<FillTemplate>(
                *_sourceBody, _rule == FillRule::Zero ? FillTemplate::Transform::Zero : FillTemplate::Transform::Keep);
        for (; _next <= lastDay; ++_next) {
            Document filled;
            filled.day = dayText(_next);
            filled.id = _communityId + "-" + filled.day;
            filled.communityId = _communityId;
            filled.body = _template->render(filled.day);
            if (!_visit(filled)) return false;
        }
        return true;
    }

private:
    std::string _communityId;
    FillRule _rule;
    std::int64_t _next;  ///< the first day not emitted yet
    const std::function<bool(const Document&)>& _visit;
    std::optional<std::string> _sourceBody;
    std::unique_ptr<FillTemplate> _template;  ///< built from _sourceBody when a day is first filled
};

}  // namespace

void Storage::replaceRange(const std::string& alias, const DocumentRange& range, const std::vector<Document>& docs) {
    checkAlias(alias);
    checkClosedRange("replaceRange", alias, range);
    checkWritable(alias, docs);
    checkDocuments(alias, docs);
    checkDocumentsInRange(alias, range, docs);
    const std::string family = familyTable(alias);
    IndexLayout::DocumentsByYear byYear = groupByYear(docs);
    writeInYears(alias, byYear, [&](Connection& c) {
        Filter filter = filterOf(*_layout, range, nullptr);
        if (_layout->deletesThroughFamily())
            c.exec("DELETE FROM " + family + filter.where, filter.params);
        else
            for (int year : yearsOf(registeredYears(c, alias), range))
                c.exec("DELETE FROM " + yearTable(family, year) + filter.where, filter.params);
        if (!byYear.empty()) _layout->write(c, family, byYear);
    });
}

std::optional<Document> Storage::latest(const std::string& alias, const std::string& communityId,
                                        const std::string& onOrBeforeDay) {
    checkAlias(alias);
    if (communityId.empty()) throw StorageError("latest on index '" + alias + "' needs a community id");
    checkRange(DocumentRange{communityId, "", onOrBeforeDay});
    if (auto deriver = deriverOf(alias)) return deriver->latest(*this, communityId, onOrBeforeDay);
    return edgeDocument(alias, communityId, onOrBeforeDay, true);
}

std::optional<Document> Storage::edgeDocument(const std::string& alias, const std::string& communityId,
                                              const std::string& onOrBeforeDay, bool newest) {
    const std::string family = familyTable(alias);
    const std::string direction = newest ? " DESC" : "";
    SqlParams params{communityId};
    std::string condition = " WHERE community_id = $1";
    if (!onOrBeforeDay.empty()) {
        params.emplace_back(onOrBeforeDay);
        condition += " AND day <= " + _layout->dayParam(2);
    }
    std::optional<Document> found;
    _db->withConnection([&](Connection& c) {
        std::vector<int> years = yearsOf(registeredYears(c, alias), DocumentRange{communityId, "", onOrBeforeDay});
        if (newest) std::reverse(years.begin(), years.end());
        // Each arm is one index lookup on (community_id, day, id) in one year relation; the outer ORDER BY
        // picks among at most one row per year. Statements go from the nearest years on and stop at a hit.
        for (std::size_t from = 0; from < years.size() && !found; from += kYearsPerStatement) {
            std::string sql;
            for (std::size_t i = from; i < std::min(years.size(), from + kYearsPerStatement); ++i) {
                if (!sql.empty()) sql += " UNION ALL ";
                sql += "SELECT * FROM (SELECT id, community_id, " + _layout->dayText() + " AS day_text, " +
                       _layout->bodyText() + " AS body_text FROM " + yearTable(family, years[i]) + condition +
                       " ORDER BY day" + direction + ", id" + direction + " LIMIT 1) AS y" + std::to_string(years[i]);
            }
            sql += " ORDER BY day_text" + direction + ", id" + direction + " LIMIT 1";
            c.queryRaw(sql, params, [&](const Row& row) {
                found = Document{row.getString(0), row.getString(1), row.getString(2), _layout->documentBody(row.getString(3))};
            });
        }
    });
    return found;
}

void Storage::readDense(const std::string& alias, const DocumentRange& range,
                        const std::function<bool(const Document&)>& visit) {
    checkAlias(alias);
    checkRange(range);
    if (range.communityId.empty()) throw StorageError("readDense on index '" + alias + "' needs a community id");
    SparseTemplate tmpl;
    _db->withConnection([&](Connection& c) { tmpl = sparseTemplate(c, alias); });
    if (tmpl.fill == FillRule::None) {
        scan(alias, range, visit);
        return;
    }
    // The sparse documents: stored rows, or a deriver's (same order, same meaning).
    const std::string& community = range.communityId;
    const std::shared_ptr<DocumentDeriver> deriver = deriverOf(alias);
    auto edge = [&](const std::string& onOrBeforeDay, bool newest) -> std::optional<Document> {
        if (!deriver) return edgeDocument(alias, community, onOrBeforeDay, newest);
        if (newest) return deriver->latest(*this, community, onOrBeforeDay);
        std::optional<Document> first;
        deriver->scan(*this, DocumentRange{community, "", onOrBeforeDay}, [&](const Document& d) {
            first = d;
            return false;
        });
        return first;
    };

    // The extent: the first document through the extent bookmark's day (else the last document).
    std::optional<Document> first = edge("", false);
    if (!first) return;
    std::optional<std::string> mark;
    if (!tmpl.extentBookmark.empty()) mark = bookmark(tmpl.extentBookmark, community);
    std::string extentEnd;
    if (mark) {
        extentEnd = mark->substr(0, 10);
        if (!isValidDay(extentEnd))
            throw StorageError("readDense on index '" + alias + "': bookmark '" + tmpl.extentBookmark + "' of community '" +
                               community + "' does not start with a YYYY-MM-DD day: '" + shown(*mark) + "'");
    } else {
        std::optional<Document> last = edge("", true);
        extentEnd = last ? last->day : first->day;
    }
    const std::string from = std::max(range.firstDay, first->day);  // YYYY-MM-DD compares as text
    const std::string to = range.lastDay.empty() ? extentEnd : std::min(range.lastDay, extentEnd);
    if (from > to) return;

    DenseStream stream(community, tmpl.fill, dayNumber(from), visit);
    if (tmpl.fill == FillRule::Zero) {
        stream.setSource(*first);
    } else if (from > first->day) {
        if (auto before = edge(dayText(dayNumber(from) - 1), true)) stream.setSource(*before);
    }
    bool going = true;
    scan(alias, DocumentRange{community, from, to}, [&](const Document& doc) { return going = stream.stored(doc); });
    if (going) stream.fillThrough(dayNumber(to));
}

}  // namespace statshost::storage
