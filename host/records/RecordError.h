#pragma once
/// RecordError: an InvenioRDM record JSON that cannot be accepted. `field()` names the offending
/// field as a dot path from the record's top level ("files.entries.a.pdf.size",
/// "files.entries[0].key", "parent.id"; empty for the document as a whole).
#include <string>

#include "statshost/Errors.h"

namespace statshost::records {

class RecordError : public statshost::Error {
public:
    RecordError(const std::string& field, const std::string& problem)
        : Error(field.empty() ? problem : field + ": " + problem), _field(field), _problem(problem) {}
    const std::string& field() const { return _field; }
    const std::string& problem() const { return _problem; }

private:
    std::string _field;
    std::string _problem;
};

}  // namespace statshost::records
