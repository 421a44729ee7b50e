#pragma once
/// Parsing only what a series query reads from an aggregation document. The bulk of a document is
/// its `subcounts` lists (by country, by resource type, ...); a series of one subcount (or of
/// `global` / `filePresence`, which read none) needs at most one of them. pruneDocument() copies the
/// document text without the other lists, skipping them with a scanner that only tracks strings and
/// brackets, so the DOM parse that follows sees a small text. Every member that is kept is kept
/// byte for byte, so values read from the pruned document equal those of the full one.
#include <optional>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "DocumentSource.h"

namespace statshost::dashboard {

/// `body` (a JSON object) with the members of its top-level `subcounts` object restricted to
/// `keepSubcounts` (in document order); every other top-level member is copied unchanged. Nothing
/// (the caller falls back to the full text) when the text is not an object this scanner can
/// follow: malformed JSON, or a top-level or `subcounts` key written with escapes.
std::optional<std::string> pruneDocument(const std::string& body, const std::vector<std::string>& keepSubcounts);

/// parseDocuments (DocumentSource.h) of the pruned bodies; a body pruneDocument() cannot follow
/// is parsed whole (so malformed text fails as it would there).
std::vector<rapidjson::Document> parsePruned(const std::vector<std::string>& bodies,
                                             const std::vector<std::string>& keepSubcounts);

/// readDocuments (DocumentSource.h) then parsePruned, pruning each body as the store hands it over
/// (the full bodies of a year, megabytes, are never held at once).
std::vector<rapidjson::Document> readPruned(DocumentStore& store, const FamilyIndex& index, const std::string& communityId,
                                            const std::string& startDate, const std::string& endDate,
                                            const std::vector<std::string>& keepSubcounts);

}  // namespace statshost::dashboard
