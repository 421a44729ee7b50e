#include "support/TestEnv.h"

#include <atomic>
#include <cstdlib>
#include <stdexcept>

#include <Poco/File.h>
#include <Poco/Path.h>
#include <Poco/Process.h>
#include <Poco/TemporaryFile.h>

namespace statshost::test {

std::string fixturePath(const std::string& relative) { return std::string(STATSHOST_TEST_FIXTURES) + "/" + relative; }

TempDir::TempDir() {
    _path = Poco::TemporaryFile::tempName();
    Poco::File(_path).createDirectories();
}

TempDir::~TempDir() {
    try {
        Poco::File(_path).remove(true);
    } catch (...) {
    }
}

std::string postgresUrl() {
    const char* url = std::getenv("STATSHOST_TEST_PG");
    if (url && *url) return url;
    const char* req = std::getenv("STATSHOST_TEST_REQUIRE_PG");
    if (req && std::string(req) == "1")
        throw std::runtime_error("STATSHOST_TEST_REQUIRE_PG=1 but STATSHOST_TEST_PG is not set");
    return "";
}

std::string uniqueName(const std::string& prefix) {
    static std::atomic<int> counter{0};
    return prefix + "_" + std::to_string(Poco::Process::id()) + "_" + std::to_string(++counter);
}

}  // namespace statshost::test
