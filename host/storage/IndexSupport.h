#pragma once
/// Validation and SQL pieces shared by the index operations of Storage (StorageIndices.cpp,
/// StorageSparse.cpp). Internal to storage/.
#include <string>
#include <vector>

#include "statshost/Store.h"
#include "storage/Database.h"
#include "storage/IndexLayout.h"

namespace statshost::storage {

/// `text` cut to 80 characters for error messages.
std::string shown(const std::string& text);

/// Throws StorageError("invalid document #i (id '...') for index '<alias>': <why>; nothing was written")
/// for the first document with an empty or unclean id or community id, an invalid day or a body that is
/// not storable JSON.
void checkDocuments(const std::string& alias, const std::vector<Document>& docs);

/// Throws StorageError when a non-empty bound of `range` is not a valid day.
void checkRange(const DocumentRange& range);

/// The `years` (ascending) a range can touch.
std::vector<int> yearsOf(std::vector<int> years, const DocumentRange& range);

/// " WHERE ..." (or "") selecting `range`, optionally only rows after `after` in (day, id) order.
struct Filter {
    std::string where;
    SqlParams params;
};
Filter filterOf(const IndexLayout& layout, const DocumentRange& range, const Document* after);

/// Documents routed to the year of their day; a later document with the same id in the same year
/// replaces an earlier one (at the earlier one's position). Points into `docs`.
IndexLayout::DocumentsByYear groupByYear(const std::vector<Document>& docs);

}  // namespace statshost::storage
