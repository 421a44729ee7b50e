#pragma once
/// PostgreSQL's binary wire format for bulk parameters (Connection::execBinary): one-dimensional arrays of
/// text, date and bytea. Internal to storage/.
#include <cstdint>
#include <string>
#include <string_view>

namespace statshost::storage {

/// Builds one array parameter without NULL elements, e.g. `$1::bytea[]`. The element type must be the
/// one the statement casts the parameter to (the server checks it).
class PgArrayBuilder {
public:
    enum class Element : std::uint32_t { Text = 25, Bytea = 17, Date = 1082 };

    explicit PgArrayBuilder(Element element);
    /// Appends a text or bytea element: its bytes as they are.
    void addBytes(std::string_view bytes);
    /// Appends a text or bytea element that `write(buffer)` appends to the end of `buffer` itself.
    template <class Write>
    void addWritten(Write&& write) {
        const std::size_t at = _array.size();
        appendInt32(0);
        write(_array);
        patchLength(at);
    }
    /// Appends a date element given as days since 1970-01-01 (Days.h dayNumber).
    void addDay(std::int64_t daysSince1970);
    /// The parameter's bytes; the builder is left empty.
    std::string finish();

private:
    void appendInt32(std::uint32_t value);
    /// Sets the length word at `at` to the bytes after it and counts the element.
    void patchLength(std::size_t at);

    Element _element;
    std::uint32_t _count = 0;
    std::string _array;  ///< the header (completed by finish) and the length-prefixed elements
};

}  // namespace statshost::storage
