#pragma once
/// Answer formats of /api/stats and /api/stats-dashboard: the `format` query parameter (json|csv|xlsx|xml) wins,
/// else the `Accept` header (media ranges with q-values; `*/*` and `application/*` mean JSON).
#include <optional>
#include <string>

namespace statshost::dashboard {

enum class AnswerFormat { Json, Csv, Xlsx, Xml };

/// The format for `formatParam` (may be empty) and `accept` (may be empty = JSON). Nothing when
/// nothing acceptable is on offer (→ 406). Throws HttpError 400 for an unknown `format` value.
std::optional<AnswerFormat> negotiateFormat(const std::string& formatParam, const std::string& accept);

/// "json", "csv", "xlsx", "xml".
const char* formatName(AnswerFormat format);

}  // namespace statshost::dashboard
