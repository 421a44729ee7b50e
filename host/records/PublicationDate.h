#pragma once
/// Publication dates of records: the day used by the published date basis (SEMANTICS §9.9,
/// §10.11) and the text stored in the community-events log (BACKEND §2.5).
#include <string>

namespace statshost::records {

/// `YYYY-MM-DD` of `metadata.publication_date`: an EDTF level-0 date or interval (the first valid
/// endpoint), reduced precision meaning the period's first day (`2020` → 2020-01-01, `2020-05` →
/// 2020-05-01). `createdDay` (`YYYY-MM-DD`) when `raw` is empty or no such date. Surrounding white
/// space is ignored. The floor is not applied here (applyFloor).
std::string publicationDay(const std::string& raw, const std::string& createdDay);

/// The later of two `YYYY-MM-DD` days: `max(day, floorDay)` (SEMANTICS §10.11).
std::string applyFloor(const std::string& day, const std::string& floorDay);

/// BACKEND §2.5 normalisation stored as `record_published_date`: `YYYY` → `YYYY-01-01`, `YYYY-MM`
/// (month 01..12) → `YYYY-MM-01`, a valid `YYYY-MM-DD` → itself, `YYYY-YYYY` → `<first>-01-01`,
/// any other ISO-8601 timestamp (parseTimestampMicros) → its UTC day as `YYYY-MM-DDT00:00:00`;
/// empty for anything else (the log's null).
std::string normalisedPublishedDate(const std::string& raw);

}  // namespace statshost::records
