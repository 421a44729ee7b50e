#include "MmdbTestWriter.h"

#include <array>
#include <map>
#include <stdexcept>

namespace statshost::usage::test {

namespace {

// Data-section encoding: control byte = type << 5 | size; types above 7 are "extended"
// (type bits 0, then one byte holding type - 7).
constexpr int kString = 2, kUint16 = 5, kUint32 = 6, kMap = 7, kUint64 = 9, kArray = 11;

void control(std::string& out, int type, std::size_t size) {
    if (size >= 29) throw std::logic_error("test mmdb writer: size too large");
    if (type <= 7) {
        out += static_cast<char>((type << 5) | static_cast<int>(size));
    } else {
        out += static_cast<char>(size);
        out += static_cast<char>(type - 7);
    }
}

void str(std::string& out, const std::string& s) {
    control(out, kString, s.size());
    out += s;
}

void uint(std::string& out, int type, std::uint64_t value, std::size_t bytes) {
    control(out, type, bytes);
    for (std::size_t i = bytes; i-- > 0;) out += static_cast<char>((value >> (8 * i)) & 0xFF);
}

std::string countryRecord(const std::string& code) {
    std::string d;
    control(d, kMap, 1);
    str(d, "country");
    control(d, kMap, 1);
    str(d, "iso_code");
    str(d, code);
    return d;
}

constexpr std::uint32_t kEmpty = 0xFFFFFFFF;
constexpr std::uint32_t kDataFlag = 0x80000000;  // internal marker: value = data offset

}  // namespace

std::string buildIpv4CountryMmdb(const std::vector<MmdbNetwork>& networks) {
    // Search tree: node 0 is the root; each record is a child node, empty, or a data offset.
    std::vector<std::array<std::uint32_t, 2>> nodes(1, {kEmpty, kEmpty});
    std::string data;
    std::map<std::string, std::uint32_t> offsets;
    for (const MmdbNetwork& n : networks) {
        auto found = offsets.find(n.isoCode);
        if (found == offsets.end()) {
            found = offsets.emplace(n.isoCode, static_cast<std::uint32_t>(data.size())).first;
            data += countryRecord(n.isoCode);
        }
        std::uint32_t node = 0;
        for (int bit = 0; bit < n.prefixLength; ++bit) {
            const int side = (n.address >> (31 - bit)) & 1;
            if (bit == n.prefixLength - 1) {
                nodes[node][side] = kDataFlag | found->second;
            } else {
                if (nodes[node][side] == kEmpty || (nodes[node][side] & kDataFlag)) {
                    nodes.push_back({kEmpty, kEmpty});
                    nodes[node][side] = static_cast<std::uint32_t>(nodes.size() - 1);
                }
                node = nodes[node][side];
            }
        }
    }
    const std::uint32_t nodeCount = static_cast<std::uint32_t>(nodes.size());
    std::string out;
    for (const auto& node : nodes) {
        for (std::uint32_t record : node) {
            std::uint32_t value = record == kEmpty                ? nodeCount
                                  : (record & kDataFlag) ? nodeCount + 16 + (record & ~kDataFlag)
                                                         : record;
            out += static_cast<char>((value >> 16) & 0xFF);
            out += static_cast<char>((value >> 8) & 0xFF);
            out += static_cast<char>(value & 0xFF);
        }
    }
    out += std::string(16, '\0');  // data section separator
    out += data;
    out += "\xAB\xCD\xEF" "MaxMind.com";
    control(out, kMap, 9);
    str(out, "binary_format_major_version");
    uint(out, kUint16, 2, 1);
    str(out, "binary_format_minor_version");
    uint(out, kUint16, 0, 0);
    str(out, "build_epoch");
    uint(out, kUint64, 1700000000, 4);
    str(out, "database_type");
    str(out, "statshost-test-country");
    str(out, "description");
    control(out, kMap, 1);
    str(out, "en");
    str(out, "statshost test data");
    str(out, "ip_version");
    uint(out, kUint16, 4, 1);
    str(out, "languages");
    control(out, kArray, 1);
    str(out, "en");
    str(out, "node_count");
    uint(out, kUint32, nodeCount, 4);
    str(out, "record_size");
    uint(out, kUint16, 24, 1);
    return out;
}

}  // namespace statshost::usage::test
