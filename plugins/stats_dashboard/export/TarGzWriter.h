#pragma once
/// Builds a .tar.gz in memory (libarchive; POSIX pax format, gzip without a header timestamp), so
/// equal members give byte-identical archives.
#include <cstdint>
#include <string>

struct archive;

namespace statshost::dashboard::detail {

class TarGzWriter {
public:
    /// `modifiedEpochSeconds` becomes every member's modification time.
    explicit TarGzWriter(std::int64_t modifiedEpochSeconds);
    ~TarGzWriter();
    TarGzWriter(const TarGzWriter&) = delete;
    TarGzWriter& operator=(const TarGzWriter&) = delete;

    /// Adds a regular file (mode 0644) at `path` (a relative path with `/` separators; the caller
    /// keeps paths unique). Throws std::runtime_error when libarchive fails.
    void add(const std::string& path, const std::string& content);
    /// Closes the archive and returns its bytes; the writer is unusable afterwards.
    std::string finish();

private:
    [[noreturn]] void fail(const std::string& action);
    archive* _archive;
    std::string _bytes;
    std::int64_t _mtime;
    bool _finished = false;
};

}  // namespace statshost::dashboard::detail
