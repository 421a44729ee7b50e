#pragma once
/// Helpers for the HTTP tests: a captured logger, a one-shot HTTP client and a server bound to
/// 127.0.0.1 on a free port.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <Poco/AutoPtr.h>
#include <Poco/Logger.h>

#include "config/Config.h"
#include "http/HttpServer.h"
#include "http/Metrics.h"
#include "http/Router.h"
#include "http/TokenAuth.h"

namespace statshost::http::test {

/// A uniquely named logger whose messages are kept in memory; destroyed with this object.
class CapturedLog {
public:
    CapturedLog();
    ~CapturedLog();
    CapturedLog(const CapturedLog&) = delete;
    CapturedLog& operator=(const CapturedLog&) = delete;
    Poco::Logger& logger() { return *_logger; }
    std::vector<std::string> messages() const;
    bool contains(const std::string& text) const;

private:
    class Channel;
    Poco::AutoPtr<Channel> _channel;
    std::string _name;
    Poco::Logger* _logger;
};

struct HttpResult {
    int status = 0;
    std::map<std::string, std::string> headers;  ///< lower-cased names
    std::string body;
    std::string header(const std::string& lowerName) const {
        auto it = headers.find(lowerName);
        return it == headers.end() ? "" : it->second;
    }
};

struct HttpCall {
    std::string method = "GET";
    std::string target = "/";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    bool chunked = false;
    std::int64_t contentLength = -1;  ///< when >= 0, announced without sending `body` beyond it
};

inline HttpCall call(const std::string& method, const std::string& target) {
    HttpCall c;
    c.method = method;
    c.target = target;
    return c;
}

/// Sends one request (asking for keep-alive) on a new connection and reads the whole response.
HttpResult send(std::uint16_t port, const HttpCall& call);
inline HttpResult get(std::uint16_t port, const std::string& target,
                      std::vector<std::pair<std::string, std::string>> headers = {}) {
    HttpCall call;
    call.target = target;
    call.headers = std::move(headers);
    return send(port, call);
}

/// Writes `rawRequest` (CRLFs included) on a new connection and returns everything the server
/// sends until it closes the connection (or 5 s pass).
std::string rawExchange(std::uint16_t port, const std::string& rawRequest);

/// How many responses (status lines) `raw` holds.
int countResponses(const std::string& raw);

/// The test tokens: "reader" (read-restricted), "ingestor" (ingest), "root" (admin);
/// the secret of each is "<name>-secret".
std::vector<config::TokenConfig> testTokens();

/// A started server on 127.0.0.1:0. `addRoutes` registers routes before the router freezes.
class TestServer {
public:
    explicit TestServer(const std::function<void(Router&)>& addRoutes, config::ServerConfig config = defaultConfig());
    /// As above, for routes that need the server's metrics (the built-in /metrics).
    explicit TestServer(const std::function<void(Router&, Metrics&)>& addRoutes, config::ServerConfig config = defaultConfig());
    ~TestServer();
    static config::ServerConfig defaultConfig();

    std::uint16_t port() const { return server->port(); }

    Router router;
    TokenAuth auth{testTokens()};
    Metrics metrics{"9.9.9-test"};
    CapturedLog accessLog;
    CapturedLog errorLog;
    std::unique_ptr<HttpServer> server;
};

/// A route answering `body` with 200.
Route textRoute(const std::string& method, const std::string& pattern, const std::string& name,
                const std::string& body, Permission permission = Permission::Public);

}  // namespace statshost::http::test
