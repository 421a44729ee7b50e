#include "storage/PgBinary.h"

#include <limits>

#include "statshost/Errors.h"

namespace statshost::storage {
namespace {

/// PostgreSQL dates count days from 2000-01-01.
constexpr std::int64_t kPostgresEpochDay = 10957;

void appendBigEndian(std::string& out, std::uint32_t value) {
    const char bytes[4] = {static_cast<char>(value >> 24), static_cast<char>(value >> 16), static_cast<char>(value >> 8),
                           static_cast<char>(value)};
    out.append(bytes, 4);
}

}  // namespace

/// Header: dimensions, has-nulls flag, element type, then the length and lower bound of the one dimension.
constexpr std::size_t kHeaderSize = 20;

PgArrayBuilder::PgArrayBuilder(Element element) : _element(element), _array(kHeaderSize, '\0') {}

void PgArrayBuilder::appendInt32(std::uint32_t value) { appendBigEndian(_array, value); }

void PgArrayBuilder::patchLength(std::size_t at) {
    const std::size_t length = _array.size() - at - 4;
    if (length > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
        throw StorageError("PostgreSQL: an array element exceeds 2 GB");
    std::string word;
    appendBigEndian(word, static_cast<std::uint32_t>(length));
    _array.replace(at, 4, word);
    ++_count;
}

void PgArrayBuilder::addBytes(std::string_view bytes) {
    addWritten([&](std::string& out) { out.append(bytes.data(), bytes.size()); });
}

void PgArrayBuilder::addDay(std::int64_t daysSince1970) {
    appendInt32(4);
    appendInt32(static_cast<std::uint32_t>(static_cast<std::int32_t>(daysSince1970 - kPostgresEpochDay)));
    ++_count;
}

std::string PgArrayBuilder::finish() {
    std::string header;
    for (std::uint32_t word : {1u, 0u, static_cast<std::uint32_t>(_element), _count, 1u}) appendBigEndian(header, word);
    _array.replace(0, kHeaderSize, header);
    std::string array = std::move(_array);
    _array.assign(kHeaderSize, '\0');
    _count = 0;
    return array;
}

}  // namespace statshost::storage
