#pragma once
/// A service call rejected for its input: 400 (malformed, naming the field), 404 (unknown record
/// or community, naming it) or 409 (conflict). HTTP answers it with that status; the importer
/// reports it with the line number.
#include "statshost/Errors.h"

namespace statshost::services {

class ServiceError : public HttpError {
public:
    ServiceError(int status, const std::string& message) : HttpError(status, message) {}
};

}  // namespace statshost::services
