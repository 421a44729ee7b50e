#include "http/HttpServer.h"

#include <algorithm>
#include <thread>

#include <Poco/Logger.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/ThreadPool.h>

#include "http/RequestDispatcher.h"
#include "http/Router.h"
#include "statshost/Errors.h"

namespace statshost::http {

namespace {

void require(bool ok, const std::string& key, const std::string& problem) {
    if (!ok) throw ConfigError("server." + key, problem);
}

void validate(const config::ServerConfig& c) {
    require(c.port >= 0 && c.port <= 65535, "port", "must be 0..65535");
    require(c.threads >= 1, "threads", "must be at least 1");
    require(c.maxQueued >= 1, "maxQueued", "must be at least 1");
    require(c.maxBodyBytes >= 0, "maxBodyBytes", "must not be negative");
    require(c.keepAliveTimeoutSeconds >= 1, "keepAliveTimeoutSeconds", "must be at least 1");
    require(c.requestTimeoutSeconds >= 1, "requestTimeoutSeconds", "must be at least 1");
}

}  // namespace

HttpServer::HttpServer(const config::ServerConfig& config, const Router& router, const TokenAuth& auth,
                       Metrics& metrics, Poco::Logger& accessLog, Poco::Logger* errorLog) {
    validate(config);
    if (!router.frozen()) throw Error("HttpServer needs a frozen router");
    _dispatcher = std::make_unique<RequestDispatcher>(router, auth, metrics, accessLog,
                                                      errorLog ? *errorLog : Poco::Logger::get("statshost.http"),
                                                      config.maxBodyBytes, config.accessLog);
    _pool = std::make_unique<Poco::ThreadPool>("statshost-http", std::min(2, config.threads), config.threads);

    // No SO_REUSEPORT: a second instance on the same port must fail rather than share it.
    _socket.bind(Poco::Net::SocketAddress(config.bind, static_cast<Poco::UInt16>(config.port)), true, false);
    _socket.listen(std::max(64, config.maxQueued));

    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(config.threads);
    params->setMaxQueued(config.maxQueued);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(config.keepAliveTimeoutSeconds, 0));
    params->setTimeout(Poco::Timespan(config.requestTimeoutSeconds, 0));
    _server = std::make_unique<Poco::Net::HTTPServer>(_dispatcher->makeFactory(), *_pool, _socket, params);
}

HttpServer::~HttpServer() {
    try {
        stop();
    } catch (...) {
    }
}

void HttpServer::start() {
    if (_started) throw Error("HttpServer::start called twice");
    _started = true;
    _server->start();
}

void HttpServer::stop(std::chrono::milliseconds grace) {
    if (!_started || _stopped) return;
    _stopped = true;
    _dispatcher->beginDraining();
    _server->stop();  // ends the accept loop and drops connections still waiting for a thread
    _socket.close();  // new connection attempts are refused instead of waiting in the backlog
    const auto deadline = std::chrono::steady_clock::now() + grace;
    while (_dispatcher->inFlight() > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    _server->stopAll(true);  // shuts down the remaining (idle keep-alive or overdue) connections
    _pool->joinAll();
}

std::uint16_t HttpServer::port() const { return _socket.address().port(); }

}  // namespace statshost::http
