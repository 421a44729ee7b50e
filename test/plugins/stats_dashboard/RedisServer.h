#pragma once
/// A throw-away Redis for tests: `redis-server` on a free loopback port in a temp folder, without
/// persistence, stopped when the object goes. When the binary is missing the server is not
/// available (available() false, the reason printed once) unless STATSHOST_TEST_REQUIRE_REDIS=1,
/// which makes that an error so CI cannot skip the Redis tests silently.
#include <memory>
#include <string>

namespace statshost::test {

class RedisServer {
public:
    RedisServer();
    ~RedisServer();
    RedisServer(const RedisServer&) = delete;
    RedisServer& operator=(const RedisServer&) = delete;

    bool available() const { return _port != 0; }
    int port() const { return _port; }
    /// redis://127.0.0.1:<port>/<database>
    std::string url(int database = 0) const;

private:
    struct Process;
    std::unique_ptr<Process> _process;
    std::string _dir;
    int _port = 0;
};

/// A loopback port nothing listens on (bound, then released).
int unusedPort();

}  // namespace statshost::test
