#pragma once
/// A stored document prepared once to stand in for many missing days of a dense read (Store.h FillRule).
///
/// The body is parsed with Poco::JSON (key order kept) and written back as pieces of text with a slot
/// for each top-level date field, so rendering a day is a concatenation. Written back: strings with
/// only `"`, `\` and control characters escaped (UTF-8 kept as is), integers exactly, other numbers in
/// the shortest form that reads back to the same double and always with a fraction or exponent
/// (`1.0`, not `1`), so the integer-vs-float distinction of the source survives.
///
/// Zero transform (FillRule::Zero): every number becomes 0 (`0` for integers, `0.0` for the others),
/// every array `[]`; objects are recursed; strings, booleans and null are kept.
/// Date fields (top level only, set whatever their stored value): `period_start` → "DAYT00:00:00",
/// `period_end` → "DAYT23:59:59", `snapshot_date` → "DAY". Other fields (`timestamp`, ...) are kept.
///
/// Immutable after construction; safe to share between threads.
#include <string>
#include <vector>

namespace statshost::storage {

class FillTemplate {
public:
    enum class Transform { Keep, Zero };

    /// Throws StorageError when `body` is not JSON Poco can read (e.g. an integer beyond 64 bits).
    FillTemplate(const std::string& body, Transform transform);

    /// The document body for `day` (YYYY-MM-DD).
    std::string render(const std::string& day) const;

private:
    enum class DateSlot { PeriodStart, PeriodEnd, SnapshotDate };
    struct Piece {
        std::string text;  ///< literal JSON text before the slot
        DateSlot slot;     ///< ignored for the last piece
    };
    friend class FillWriter;

    std::vector<Piece> _pieces;  ///< the last piece holds the text after the last slot
    std::size_t _size = 0;       ///< rendered length without the slots, to reserve once
};

}  // namespace statshost::storage
