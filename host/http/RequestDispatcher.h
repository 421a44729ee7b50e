#pragma once
/// The per-request pipeline behind HttpServer: route → permission → body → handler → response,
/// with error mapping, metrics and the access log.
///
/// Threading: one instance serves all connection threads; handle() is re-entrant. The router,
/// token auth, metrics and loggers are borrowed and must outlive this object.
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include "http/ConditionalResponse.h"
#include "http/Metrics.h"
#include "http/Router.h"
#include "http/TokenAuth.h"

namespace Poco {
class Logger;
}

namespace statshost::http {

class RequestDispatcher {
public:
    RequestDispatcher(const Router& router, const TokenAuth& auth, Metrics& metrics, Poco::Logger& accessLog,
                      Poco::Logger& errorLog, std::int64_t maxBodyBytes, bool accessLogEnabled);

    /// Handles one request completely and sends the response. Never throws: handler exceptions
    /// become 500 (details go to the error log), HttpError becomes its status. Metrics and the
    /// access log line are recorded when the response is ready, just before it is sent; the
    /// duration therefore covers reading, routing and handling but not the network write.
    void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) noexcept;

    /// From now on every response carries `Connection: close`, so keep-alive clients leave.
    void beginDraining() { _draining = true; }

    /// Requests currently inside handle().
    int inFlight() const { return _inFlight.load(); }

    /// A Poco factory whose handlers call handle(); Poco owns it, this object must outlive it.
    Poco::Net::HTTPRequestHandlerFactory::Ptr makeFactory();

private:
    struct Exchange;
    Response process(Poco::Net::HTTPServerRequest& request, Exchange& exchange);
    /// Checks `permission` against the Authorization header. Returns the 401/403 to send, or
    /// nothing and fills request.tokenName/scopes. On public routes a valid token is recorded
    /// and an invalid one ignored.
    std::optional<Response> authorize(Permission permission, const std::string& authorization, Request& request) const;

    const Router& _router;
    const TokenAuth& _auth;
    Metrics& _metrics;
    Poco::Logger& _accessLog;
    Poco::Logger& _errorLog;
    const std::int64_t _maxBodyBytes;
    const bool _accessLogEnabled;
    EncodedBodyCache _encodedBodies;  ///< compressed answers of conditional routes
    std::atomic<bool> _draining{false};
    std::atomic<int> _inFlight{0};
};

}  // namespace statshost::http
