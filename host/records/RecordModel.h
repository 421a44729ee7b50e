#pragma once
/// The record model: one published InvenioRDM record version (INVENIO_STATS §4) as the typed data
/// the statistics need (SEMANTICS §1, §5, §9, §10). parseRecord either returns complete data or
/// throws RecordError naming the first invalid field; it never guesses a missing required field.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "records/Facets.h"
#include "records/PublicationDate.h"
#include "records/RecordError.h"
#include "records/RecordFiles.h"
#include "records/SubcountConfig.h"

namespace statshost::records {

struct RecordData {
    std::string id;                  ///< `id`, trimmed
    std::string parentId;            ///< `parent.id`, trimmed
    std::int64_t createdMicros = 0;  ///< `created` in UTC epoch microseconds
    std::string createdDay;          ///< UTC day of `created`, `YYYY-MM-DD`

    std::string publicationDateRaw;  ///< `metadata.publication_date` as given ("" when absent or not a string)
    std::string publicationDay;      ///< publicationDay(publicationDateRaw, createdDay), not floored

    bool filesEnabled = false;      ///< RecordFiles::enabled: the record's class is with_files
    std::vector<RecordFile> files;  ///< counted files (none unless filesEnabled)
    std::int64_t fileCount = 0;     ///< files.size()
    std::int64_t dataVolume = 0;    ///< sum of the files' sizes in bytes

    /// `access.status` (trimmed), else derived from `access`: embargo active → embargoed; record
    /// public and files not enabled → metadata-only; record and files public → open; else
    /// restricted (`access.record` / `access.files` default to public). "" without `access`.
    std::string accessStatus;
    /// The uploader: `parent.access.owned_by.user`, or the first list element's `user`; integers
    /// as decimal text, so 7 and "7" are one owner. nullopt when there is no `user`.
    std::optional<std::string> owner;
    /// `parent.communities.ids` (trimmed, empty and repeated ids dropped); `parent.communities`
    /// without `ids` is the empty list; nullopt when `parent.communities` is absent ("unchanged").
    std::optional<std::vector<std::string>> parentCommunities;

    std::vector<FacetValue> facets;  ///< extractFacets of the configured facet rules
    /// The source JSON re-serialised compactly; object keys are sorted when the record came as text
    /// (Poco's default parser), else in the given object's order.
    std::string canonicalJson;
};

/// Parses one record JSON document. Required: `id`, `parent.id` (strings, non-empty after
/// trimming) and `created` (parseTimestampMicros). Facets use `config.facets`.
RecordData parseRecord(const std::string& json, const SubcountConfig& config = defaultSubcountConfig());
RecordData parseRecord(const Poco::JSON::Object::Ptr& record, const SubcountConfig& config = defaultSubcountConfig());

/// True when two records' JSON is equal (key order aside) once `parent.communities` is removed
/// from both: a republished id may differ from the stored version only in its communities
/// (SEMANTICS §10.12).
bool sameExceptCommunities(const RecordData& a, const RecordData& b);

}  // namespace statshost::records
