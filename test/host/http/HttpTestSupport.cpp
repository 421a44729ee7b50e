#include "HttpTestSupport.h"

#include <atomic>
#include <istream>
#include <sstream>

#include <Poco/Channel.h>
#include <Poco/Message.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>

namespace statshost::http::test {

class CapturedLog::Channel : public Poco::Channel {
public:
    void log(const Poco::Message& msg) override {
        std::lock_guard<std::mutex> lock(mutex);
        lines.push_back(msg.getText());
    }
    mutable std::mutex mutex;
    std::vector<std::string> lines;
};

CapturedLog::CapturedLog() : _channel(new Channel) {
    static std::atomic<int> counter{0};
    _name = "statshost.test.http." + std::to_string(++counter);
    _logger = &Poco::Logger::create(_name, _channel, Poco::Message::PRIO_DEBUG);
}

CapturedLog::~CapturedLog() { Poco::Logger::destroy(_name); }

std::vector<std::string> CapturedLog::messages() const {
    std::lock_guard<std::mutex> lock(_channel->mutex);
    return _channel->lines;
}

bool CapturedLog::contains(const std::string& text) const {
    for (const std::string& line : messages())
        if (line.find(text) != std::string::npos) return true;
    return false;
}

HttpResult send(std::uint16_t port, const HttpCall& call) {
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    session.setTimeout(Poco::Timespan(10, 0));
    session.setKeepAlive(true);  // so a response's Connection header reflects the server's choice
    Poco::Net::HTTPRequest request(call.method, call.target, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : call.headers) request.add(name, value);
    if (call.chunked) request.setChunkedTransferEncoding(true);
    else if (call.contentLength >= 0) request.setContentLength64(call.contentLength);
    else if (!call.body.empty()) request.setContentLength64(static_cast<Poco::Int64>(call.body.size()));
    std::ostream& out = session.sendRequest(request);
    out << call.body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    HttpResult result;
    result.status = response.getStatus();
    for (const auto& [name, value] : response) {
        std::string lower;
        for (char c : name) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        result.headers[lower] = value;
    }
    Poco::StreamCopier::copyToString(in, result.body);
    return result;
}

std::string rawExchange(std::uint16_t port, const std::string& rawRequest) {
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
    socket.setReceiveTimeout(Poco::Timespan(5, 0));
    socket.sendBytes(rawRequest.data(), static_cast<int>(rawRequest.size()));
    std::string received;
    char buf[4096];
    try {
        for (int n; (n = socket.receiveBytes(buf, sizeof buf)) > 0;) received.append(buf, static_cast<std::size_t>(n));
    } catch (const Poco::Exception&) {
    }
    return received;
}

int countResponses(const std::string& raw) {
    int n = 0;
    for (std::size_t at = raw.find("HTTP/1.1 "); at != std::string::npos; at = raw.find("HTTP/1.1 ", at + 1)) ++n;
    return n;
}

std::vector<config::TokenConfig> testTokens() {
    return {{"reader", TokenAuth::sha256Hex("reader-secret"), {"read-restricted"}},
            {"ingestor", TokenAuth::sha256Hex("ingestor-secret"), {"ingest"}},
            {"root", TokenAuth::sha256Hex("root-secret"), {"admin"}}};
}

config::ServerConfig TestServer::defaultConfig() {
    config::ServerConfig c;
    c.bind = "127.0.0.1";
    c.port = 0;
    c.threads = 4;
    c.maxQueued = 16;
    return c;
}

TestServer::TestServer(const std::function<void(Router&)>& addRoutes, config::ServerConfig config)
    : TestServer([&addRoutes](Router& r, Metrics&) { addRoutes(r); }, config) {}

TestServer::TestServer(const std::function<void(Router&, Metrics&)>& addRoutes, config::ServerConfig config) {
    addRoutes(router, metrics);
    router.freeze();
    server = std::make_unique<HttpServer>(config, router, auth, metrics, accessLog.logger(), &errorLog.logger());
    server->start();
}

TestServer::~TestServer() { server->stop(); }

Route textRoute(const std::string& method, const std::string& pattern, const std::string& name,
                const std::string& body, Permission permission) {
    Route r;
    r.method = method;
    r.pattern = pattern;
    r.name = name;
    r.permission = permission;
    r.handler = [body](const Request&) {
        Response resp;
        resp.contentType = "text/plain";
        resp.body = body;
        return resp;
    };
    return r;
}

}  // namespace statshost::http::test
