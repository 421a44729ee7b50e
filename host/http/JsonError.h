#pragma once
/// The JSON body every error response of the host uses: {"status": <code>, "message": "..."}.
#include <string>

#include "statshost/Http.h"

namespace statshost::http {

/// A Response with `status`, Content-Type application/json and the error body.
Response jsonError(int status, const std::string& message);

}  // namespace statshost::http
