#include "storage/IndexSupport.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "statshost/Errors.h"
#include "storage/Names.h"
#include "storage/TextChecks.h"

namespace statshost::storage {

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

std::vector<int> yearsOf(std::vector<int> years, const DocumentRange& range) {
    years.erase(std::remove_if(years.begin(), years.end(),
                               [&](int year) {
                                   return (!range.firstDay.empty() && year < yearOf(range.firstDay)) ||
                                          (!range.lastDay.empty() && year > yearOf(range.lastDay));
                               }),
                years.end());
    return years;
}

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

IndexLayout::DocumentsByYear groupByYear(const std::vector<Document>& docs) {
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
    return byYear;
}

}  // namespace statshost::storage
