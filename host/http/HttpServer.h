#pragma once
/// The host's HTTP server: Poco::Net::HTTPServer on its own thread pool, serving a frozen Router.
///
/// Lifecycle: construct (binds the socket, so port() is known), start(), stop(); the destructor
/// stops. start(), stop() and the destructor must be called from one controlling thread.
/// Requests run on the pool's threads, one thread per connection (keep-alive pins it), at most
/// ServerConfig::threads at once; up to maxQueued accepted connections wait for a thread and
/// further ones are closed by Poco without an answer.
/// Borrowed: the router, token auth, metrics and loggers must outlive this object.
#include <chrono>
#include <cstdint>
#include <memory>

#include <Poco/Net/ServerSocket.h>

#include "config/Config.h"

namespace Poco {
class Logger;
class ThreadPool;
namespace Net {
class HTTPServer;
}
}  // namespace Poco

namespace statshost::http {

class Metrics;
class RequestDispatcher;
class Router;
class TokenAuth;

class HttpServer {
public:
    /// Binds `config.bind:config.port` (port 0 picks a free one). Throws statshost::ConfigError
    /// for out-of-range settings and Poco::Net::NetException when the address cannot be bound;
    /// throws statshost::Error when `router` is not frozen. Access log lines go to `accessLog`
    /// (information level) when config.accessLog is set; handler failures go to `errorLog`
    /// (default: the "statshost.http" logger).
    HttpServer(const config::ServerConfig& config, const Router& router, const TokenAuth& auth, Metrics& metrics,
               Poco::Logger& accessLog, Poco::Logger* errorLog = nullptr);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Starts accepting connections. Call once.
    void start();

    /// Graceful stop: closes the listening socket, lets requests in progress finish for up to
    /// `grace` (their responses say `Connection: close`), then shuts down every connection,
    /// including idle keep-alive ones, and joins the worker threads. A handler that never
    /// returns keeps this call waiting; handlers should honour their own timeouts.
    /// Idempotent; a no-op when the server was never started.
    void stop(std::chrono::milliseconds grace = std::chrono::seconds(5));

    /// The bound port (useful after binding port 0).
    std::uint16_t port() const;

private:
    std::unique_ptr<RequestDispatcher> _dispatcher;
    std::unique_ptr<Poco::ThreadPool> _pool;
    Poco::Net::ServerSocket _socket;
    std::unique_ptr<Poco::Net::HTTPServer> _server;  ///< declared last: destroyed first
    bool _started = false;
    bool _stopped = false;
};

}  // namespace statshost::http
