#include "RedisServer.h"

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <thread>

#include <Poco/File.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Path.h>
#include <Poco/Process.h>
#include <Poco/Redis/Client.h>
#include <Poco/TemporaryFile.h>

namespace statshost::test {

namespace {

std::string findRedisServer() {
    for (const char* dir : {"/usr/bin", "/usr/sbin", "/usr/local/bin"}) {
        const std::string path = std::string(dir) + "/redis-server";
        if (Poco::File(path).exists()) return path;
    }
    return "";
}

bool redisRequired() {
    const char* v = std::getenv("STATSHOST_TEST_REQUIRE_REDIS");
    return v && std::string(v) == "1";
}

bool answersPing(int port) {
    try {
        Poco::Redis::Client client;
        client.connect("127.0.0.1", port, Poco::Timespan(0, 200000));
        Poco::Redis::Array ping;
        ping << "PING";
        return client.execute<std::string>(ping) == "PONG";
    } catch (const Poco::Exception&) {
        return false;
    }
}

}  // namespace

struct RedisServer::Process {
    Poco::ProcessHandle handle;
};

int unusedPort() {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    const int port = socket.address().port();
    socket.close();
    return port;
}

RedisServer::RedisServer() {
    const std::string binary = findRedisServer();
    if (binary.empty()) {
        if (redisRequired())
            throw std::runtime_error("STATSHOST_TEST_REQUIRE_REDIS=1 but redis-server is not installed (scripts/setup)");
        static bool told = false;
        if (!told) std::cerr << "\n[skipped] the Redis tests: redis-server is not installed (scripts/setup installs it)\n";
        told = true;
        return;
    }
    _dir = Poco::TemporaryFile::tempName();
    Poco::File(_dir).createDirectories();
    const int port = unusedPort();
    _process = std::make_unique<Process>(Process{Poco::Process::launch(
        binary, {"--port", std::to_string(port), "--bind", "127.0.0.1", "--dir", _dir, "--save", "", "--appendonly", "no",
                 "--daemonize", "no", "--logfile", _dir + "/redis.log"})});
    for (int i = 0; i < 100 && !answersPing(port); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (!answersPing(port)) throw std::runtime_error("redis-server did not answer on port " + std::to_string(port) + " (log: " + _dir + "/redis.log)");
    _port = port;
}

RedisServer::~RedisServer() {
    if (_process) {
        try {
            Poco::Process::requestTermination(_process->handle.id());
            _process->handle.wait();
        } catch (const Poco::Exception&) {
        }
    }
    if (!_dir.empty()) {
        try {
            Poco::File(_dir).remove(true);
        } catch (const Poco::Exception&) {
        }
    }
}

std::string RedisServer::url(int database) const {
    return "redis://127.0.0.1:" + std::to_string(_port) + "/" + std::to_string(database);
}

}  // namespace statshost::test
