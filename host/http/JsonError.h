#pragma once
/// JSON responses of the host: the error body every error response uses ({"status": <code>,
/// "message": "..."}) and any other JSON object as a body.
#include <string>

#include <Poco/JSON/Object.h>

#include "statshost/Http.h"

namespace statshost::http {

/// A Response with `status`, Content-Type application/json and the error body.
Response jsonError(int status, const std::string& message);
/// A Response with `status`, Content-Type application/json and `body` serialized compactly.
Response jsonResponse(int status, const Poco::JSON::Object& body);

}  // namespace statshost::http
