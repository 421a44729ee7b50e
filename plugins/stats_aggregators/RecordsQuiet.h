#pragma once
/// RecordsQuiet: what lets a records family skip loading the repository when nothing can be due.
///
/// A records document of community C on day D changes only when a record or the community-events
/// log changes (the change feed names the record) or when D is a boundary day of C's presence
/// intervals (a record entering or leaving, e.g. a future publication date that has come). After
/// loading the repository, a family stores a QuietState: the run's as-of day, the first boundary
/// day after it over every community, and the communities that have intervals. A later run whose
/// feed names no record needs no work when that boundary lies after its as-of day and every listed
/// community's bookmark has reached the stored as-of day: the days up to the new as-of day are then
/// the fill of the stored documents (driver rule: extendIdleBookmarks). Dirty markers are the
/// driver's and are honoured either way.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "Family.h"

namespace statshost::aggregators {

struct QuietState {
    DayNumber checkedThrough = 0;          ///< the as-of day of the run that loaded the repository
    DayNumber nextBoundary = 0;            ///< first boundary day after checkedThrough (kNoDay: none)
    std::vector<std::string> communities;  ///< communities with presence intervals, sorted
};

/// Bookmark text "q1|<checkedThrough>|<nextBoundary or ->|<id>,<id>,..." and back (nullopt: not a state).
std::string quietText(const QuietState& state);
std::optional<QuietState> parseQuiet(const std::string& text);

/// True when a run through `asOf` whose feed names no record has nothing to recompute (see above).
bool nothingDue(const QuietState& state, const std::map<std::string, DayNumber>& bookmarks, DayNumber asOf);

}  // namespace statshost::aggregators
