#include "usage/classify/TextFile.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

#include "statshost/Errors.h"

namespace statshost::usage {

namespace {

constexpr std::size_t kBlock = 1 << 20;

std::ifstream openOrThrow(const std::string& path, std::streamoff& size) {
    if (path.empty()) throw ConfigError(path, "no file name given");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError(path, std::string("cannot open: ") + std::strerror(errno));
    in.seekg(0, std::ios::end);
    size = in.tellg();
    if (size < 0) throw ConfigError(path, "cannot read (not a regular file?)");
    in.seekg(0, std::ios::beg);
    return in;
}

}  // namespace

std::string readTextFile(const std::string& path) {
    std::streamoff size = 0;
    std::ifstream in = openOrThrow(path, size);
    std::string content(static_cast<std::size_t>(size), '\0');
    if (size > 0 && !in.read(&content[0], size)) throw ConfigError(path, "read error");
    return content;
}

void forEachLineOfFile(const std::string& path, const std::function<void(std::uint64_t)>& start,
                       const std::function<void(std::string_view)>& line) {
    std::streamoff size = 0;
    std::ifstream in = openOrThrow(path, size);
    start(static_cast<std::uint64_t>(size));
    std::vector<char> buffer(kBlock);
    std::string carry;  // an incomplete last line of the previous block
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const std::size_t got = static_cast<std::size_t>(in.gcount());
        if (got == 0) break;
        std::string_view block(buffer.data(), got);
        std::size_t pos = 0;
        while (pos < block.size()) {
            const std::size_t eol = block.find('\n', pos);
            if (eol == std::string_view::npos) {
                carry.append(block.substr(pos));
                break;
            }
            if (carry.empty()) {
                line(block.substr(pos, eol - pos));
            } else {
                carry.append(block.substr(pos, eol - pos));
                line(carry);
                carry.clear();
            }
            pos = eol + 1;
        }
    }
    if (in.bad()) throw ConfigError(path, "read error");
    if (!carry.empty()) line(carry);
}

}  // namespace statshost::usage
