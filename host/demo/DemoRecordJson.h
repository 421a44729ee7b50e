#pragma once
/// JSON bodies of the demo's `community` and `publish` lines: communities as REPLAY.md lists
/// them, records shaped like InvenioRDM REST records (INVENIO_STATS.md §4). Record metadata is
/// derived from per-parent and per-version sub-streams of the seed, so it needs no storage and
/// all versions of a parent share their descriptive metadata.
#include <cstdint>
#include <string>
#include <vector>

#include "demo/DemoPlan.h"
#include "demo/JsonWriter.h"

namespace statshost::demo::detail {

/// The `community` object of a community line.
void writeCommunity(JsonWriter& w, const Community& community);

/// The `record` object of a publish line. `communities` is the parent's community set to state
/// (`parent.communities.ids`), or nullptr to omit `parent.communities` (a new version keeping the
/// parent's set). `at` is the publish time text, used for `created` and `updated`.
void writeRecord(JsonWriter& w, const Plan& plan, std::uint32_t record, const std::vector<std::uint32_t>* communities,
                 const std::string& at);

/// The `id` (UUID) of a file entry of a record version; download lines may repeat it as `file_id`.
std::string fileId(const Plan& plan, std::uint32_t record, std::size_t fileIndex);

/// `metadata.publication_date` of a record version; false when the record has none.
bool publicationDate(const Plan& plan, std::uint32_t record, std::string& out);

}  // namespace statshost::demo::detail
