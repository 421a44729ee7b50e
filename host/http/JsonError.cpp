#include "http/JsonError.h"

#include <sstream>

#include <Poco/JSON/Object.h>

namespace statshost::http {

Response jsonError(int status, const std::string& message) {
    Poco::JSON::Object body(Poco::JSON_PRESERVE_KEY_ORDER);
    body.set("status", status);
    body.set("message", message);
    return jsonResponse(status, body);
}

Response jsonResponse(int status, const Poco::JSON::Object& body) {
    std::ostringstream out;
    body.stringify(out);
    Response r;
    r.status = status;
    r.contentType = "application/json";
    r.body = out.str();
    return r;
}

}  // namespace statshost::http
