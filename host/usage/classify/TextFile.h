#pragma once
/// Reading the classifier's data files, with errors that name the file.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace statshost::usage {

/// The whole content of `path`. Throws statshost::ConfigError(path, …) when it cannot be opened or read.
std::string readTextFile(const std::string& path);

/// Calls `line(text)` for every line of `path` in order, without the line end (`\n`; a `\r` before
/// it is kept). Reads in blocks, so large files are never held in memory at once. Returns the file
/// size in bytes through `sizeHint` before the first line (for reserving). Throws
/// statshost::ConfigError(path, …) when the file cannot be opened or read; exceptions thrown by
/// `line` propagate.
void forEachLineOfFile(const std::string& path, const std::function<void(std::uint64_t sizeHint)>& start,
                       const std::function<void(std::string_view line)>& line);

}  // namespace statshost::usage
