#include "http/RequestDispatcher.h"

#include "http/ConditionalResponse.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <optional>

#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include "http/AccessLog.h"
#include "http/JsonError.h"
#include "http/RequestBody.h"
#include "http/ResponseWriter.h"
#include "http/UrlCodec.h"
#include "statshost/Errors.h"

namespace statshost::http {

namespace {

/// Unread bodies up to this size are discarded so the connection can be reused.
constexpr std::int64_t kDiscardLimit = 64 * 1024;

class Handler : public Poco::Net::HTTPRequestHandler {
public:
    explicit Handler(RequestDispatcher& dispatcher) : _dispatcher(dispatcher) {}
    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
        _dispatcher.handle(request, response);
    }
private:
    RequestDispatcher& _dispatcher;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit Factory(RequestDispatcher& dispatcher) : _dispatcher(dispatcher) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new Handler(_dispatcher);
    }
private:
    RequestDispatcher& _dispatcher;
};

std::string lowerCase(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

/// The path of a request target: origin form "/p?q" as is, absolute form "http://h/p?q"
/// reduced to "/p"; anything else is returned unchanged (the router rejects it).
std::string targetPath(const std::string& target, std::string& rawQuery) {
    std::size_t q = target.find('?');
    std::string path = target.substr(0, q);
    rawQuery = q == std::string::npos ? "" : target.substr(q + 1);
    for (const char* scheme : {"http://", "https://"}) {
        std::size_t n = std::char_traits<char>::length(scheme);
        if (lowerCase(path.substr(0, n)) == scheme) {
            std::size_t slash = path.find('/', n);
            return slash == std::string::npos ? "/" : path.substr(slash);
        }
    }
    return path;
}

Response unauthorized(const std::string& message, const std::string& challenge) {
    Response r = jsonError(401, message);
    r.headers.emplace_back("WWW-Authenticate", challenge);
    return r;
}

/// Header names lower-cased, repeated headers joined with ", ". Authorization is left out:
/// handlers get the token's name and scopes, never its secret.
std::map<std::string, std::string> lowerCaseHeaders(const Poco::Net::HTTPServerRequest& in) {
    std::map<std::string, std::string> headers;
    for (const auto& [name, value] : in) {
        std::string lower = lowerCase(name);
        if (lower == "authorization") continue;
        std::string& slot = headers[lower];
        slot += (slot.empty() ? "" : ", ") + value;
    }
    return headers;
}

}  // namespace

/// What handle() learns while process() runs, for the log, the metrics and the connection.
struct RequestDispatcher::Exchange {
    std::string rawPath;
    std::string route = "unmatched";
    std::string token;
    bool bodyConsumed = false;
    bool closeConnection = false;
};

RequestDispatcher::RequestDispatcher(const Router& router, const TokenAuth& auth, Metrics& metrics,
                                     Poco::Logger& accessLog, Poco::Logger& errorLog, std::int64_t maxBodyBytes,
                                     bool accessLogEnabled)
    : _router(router), _auth(auth), _metrics(metrics), _accessLog(accessLog), _errorLog(errorLog),
      _maxBodyBytes(maxBodyBytes), _accessLogEnabled(accessLogEnabled) {}

Poco::Net::HTTPRequestHandlerFactory::Ptr RequestDispatcher::makeFactory() { return new Factory(*this); }

std::optional<Response> RequestDispatcher::authorize(Permission permission, const std::string& authorization,
                                                     Request& request) const {
    std::optional<Identity> identity = authorization.empty() ? std::nullopt : _auth.authenticate(authorization);
    if (permission != Permission::Public) {
        if (authorization.empty()) return unauthorized("authentication required", "Bearer");
        if (!identity) return unauthorized("invalid token", "Bearer error=\"invalid_token\"");
    }
    if (!identity) return std::nullopt;  // public route, no usable token: anonymous
    request.tokenName = identity->name;
    if (!identity->permits(permission)) {
        const std::string scope = scopeName(permission);
        Response r = jsonError(403, "token lacks scope '" + scope + "'");
        r.headers.emplace_back("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"");
        return r;
    }
    request.scopes = identity->scopes;
    return std::nullopt;
}

Response RequestDispatcher::process(Poco::Net::HTTPServerRequest& in, Exchange& ex) {
    std::string rawQuery;
    ex.rawPath = targetPath(in.getURI(), rawQuery);
    RouteMatch match = _router.match(in.getMethod(), ex.rawPath);
    switch (match.kind) {
        case RouteMatch::Kind::BadPath: return jsonError(400, "malformed request path");
        case RouteMatch::Kind::NotFound: return jsonError(404, "not found");
        case RouteMatch::Kind::MethodNotAllowed: {
            Response r = jsonError(405, "method not allowed");
            std::string allow;
            for (const std::string& m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
            r.headers.emplace_back("Allow", allow);
            return r;
        }
        case RouteMatch::Kind::Found: break;
    }
    const Route& route = *match.route;
    ex.route = route.name;

    Request request;
    request.method = in.getMethod();
    request.pathParams = std::move(match.params);
    percentDecode(ex.rawPath, request.path, false);  // the router has validated the encoding
    if (!parseQuery(rawQuery, request.query)) return jsonError(400, "malformed query string");

    std::optional<Response> refusal = authorize(route.permission, in.get("Authorization", ""), request);
    ex.token = request.tokenName;
    if (refusal) return *refusal;
    request.headers = lowerCaseHeaders(in);

    BodyRead body = readBody(in, _maxBodyBytes);
    ex.bodyConsumed = true;
    if (body.status != BodyRead::Status::Ok) {
        ex.closeConnection = true;
        return body.status == BodyRead::Status::TooLarge
                   ? jsonError(413, "request body exceeds " + std::to_string(_maxBodyBytes) + " bytes")
                   : jsonError(400, "malformed or incomplete request body");
    }
    request.body = std::move(body.body);

    Response response;
    try {
        response = route.handler(request);
    } catch (const HttpError& e) {
        if (e.status() >= 400 && e.status() <= 599) return jsonError(e.status(), e.what());
        throw;
    }
    if (response.status < 200 || response.status > 599)
        throw Error("handler returned invalid status " + std::to_string(response.status));
    if (route.conditional) finishConditional(request, response, _encodedBodies);
    return response;
}

void RequestDispatcher::handle(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) noexcept {
    const auto started = std::chrono::steady_clock::now();
    ++_inFlight;
    _metrics.requestStarted();
    bool counted = false;
    Exchange ex;
    std::string method;
    try {
        method = in.getMethod();
        Response response;
        try {
            response = process(in, ex);
        } catch (const std::exception& e) {
            _errorLog.error("%s %s (route %s) failed: %s", method, ex.rawPath, ex.route, std::string(e.what()));
            response = jsonError(500, "internal error");
        } catch (...) {
            _errorLog.error("%s %s (route %s) failed with a non-standard exception", method, ex.rawPath, ex.route);
            response = jsonError(500, "internal error");
        }
        if (!ex.bodyConsumed && !ex.closeConnection) ex.closeConnection = !discardBody(in, kDiscardLimit);

        // Counted and logged before sending, so a client holding its response sees it counted.
        const bool head = method == "HEAD";
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        _metrics.recordRequest(ex.route, method, response.status, seconds);
        _metrics.requestFinished();
        counted = true;
        if (_accessLogEnabled)
            _accessLog.information(formatAccessLine({in.clientAddress().toString(), method, ex.rawPath, response.status,
                                                     bodyLength(response, head), seconds * 1000, ex.token}));
        writeResponse(response, out, head, !ex.closeConnection && !_draining);
    } catch (const std::exception& e) {
        try {
            _errorLog.error("answering %s %s failed: %s", method, ex.rawPath, std::string(e.what()));
        } catch (...) {
        }
    } catch (...) {
    }
    if (!counted) _metrics.requestFinished();
    --_inFlight;
}

}  // namespace statshost::http
