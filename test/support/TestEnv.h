#pragma once
/// Helpers shared by all test suites: fixture paths, temporary folders, the PostgreSQL under test.
#include <string>

namespace statshost::test {

/// Absolute path of a file under test/fixtures.
std::string fixturePath(const std::string& relative);

/// A fresh empty folder under $TMPDIR, removed when the object is destroyed.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return _path; }
    std::string file(const std::string& name) const { return _path + "/" + name; }
private:
    std::string _path;
};

/// The PostgreSQL URL to test against (env STATSHOST_TEST_PG, a postgresql:// URL), or "" when
/// none is configured. When STATSHOST_TEST_REQUIRE_PG=1 a missing URL throws instead, so CI can
/// never silently skip the PostgreSQL half of a suite.
std::string postgresUrl();

/// A database name unique to this process and call, for tests that need an isolated PostgreSQL
/// database or schema: "t_<pid>_<counter>".
std::string uniqueName(const std::string& prefix);

}  // namespace statshost::test
