#pragma once
/// The three format writers behind exportSeries and what they share.
#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include <Poco/String.h>

#include "ExportModel.h"
#include "ExportText.h"
#include "SeriesExport.h"

namespace statshost::dashboard::detail {

/// ExportInfo checked once: the range as dates, the generation time as epoch seconds and as
/// `YYYY-MM-DDTHH:MM:SS+00:00` (empty when ExportInfo::generatedAt is).
struct ExportContext {
    const ExportInfo& info;
    std::string fileStem;
    std::optional<CalendarDate> start, end;
    std::int64_t generatedEpoch = 0;
    std::string generatedAt;
};

/// Hands out names unique within one set (archive members, sheet names, xs:ID values).
class UniqueNames {
public:
    explicit UniqueNames(bool ignoreCase = false) : _ignoreCase(ignoreCase) {}
    /// `variant(1)` if that is still free, else the first free `variant(n)` for n = 2, 3, ...
    template <typename Variant>
    std::string claim(Variant variant) {
        for (int n = 1;; ++n) {
            std::string name = variant(n);
            if (_used.insert(_ignoreCase ? Poco::toLower(name) : name).second) return name;
        }
    }
private:
    bool _ignoreCase;
    std::set<std::string> _used;
};

/// `stem` for n == 1, else `stem~n` followed by `extension`: the archive member variant rule.
inline std::string numberedName(const std::string& stem, const std::string& extension, int n) {
    return (n == 1 ? stem : stem + "~" + std::to_string(n)) + extension;
}

ExportFile writeCsvExport(const ExportModel& model, const ExportContext& context);
ExportFile writeXlsxExport(const ExportModel& model, const ExportContext& context);
ExportFile writeXmlExport(const ExportModel& model, const ExportContext& context);

}  // namespace statshost::dashboard::detail
