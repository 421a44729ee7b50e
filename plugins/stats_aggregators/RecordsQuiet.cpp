#include "RecordsQuiet.h"

#include <sstream>

#include "DayText.h"

namespace statshost::aggregators {

namespace {

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, separator)) parts.push_back(part);
    if (!text.empty() && text.back() == separator) parts.emplace_back();
    return parts;
}

}  // namespace

std::string quietText(const QuietState& state) {
    std::string text = "q1|" + dayText(state.checkedThrough) + "|" +
                       (state.nextBoundary >= kNoDay ? std::string("-") : dayText(state.nextBoundary)) + "|";
    for (std::size_t i = 0; i < state.communities.size(); ++i) text += (i ? "," : "") + state.communities[i];
    return text;
}

std::optional<QuietState> parseQuiet(const std::string& text) {
    const std::vector<std::string> fields = split(text, '|');
    if (fields.size() != 4 || fields[0] != "q1") return std::nullopt;
    QuietState state;
    const auto checked = parseDay(fields[1]);
    if (!checked) return std::nullopt;
    state.checkedThrough = *checked;
    if (fields[2] == "-") {
        state.nextBoundary = kNoDay;
    } else {
        const auto next = parseDay(fields[2]);
        if (!next) return std::nullopt;
        state.nextBoundary = *next;
    }
    if (!fields[3].empty()) state.communities = split(fields[3], ',');
    for (const std::string& id : state.communities)
        if (id.empty()) return std::nullopt;
    return state;
}

bool nothingDue(const QuietState& state, const std::map<std::string, DayNumber>& bookmarks, DayNumber asOf) {
    if (state.nextBoundary <= asOf) return false;
    for (const std::string& id : state.communities) {
        auto it = bookmarks.find(id);
        if (it == bookmarks.end() || it->second < state.checkedThrough) return false;
    }
    return true;
}

}  // namespace statshost::aggregators
