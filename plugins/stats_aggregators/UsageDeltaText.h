#pragma once
/// Reads a usage delta document, or a usage snapshot state document, from its text without building a
/// tree: the totals and the items of the subcount lists a caller names, with exactly what
/// UsageSnapshotState::addDelta / readState take from parseJson()'s tree of the same text:
/// - the first member `totals` of the top-level object (readMetrics: the first `view` and `download`
///   objects, the first of each number in them, numbers rounded to integers, anything else 0, a view's
///   files and volume 0);
/// - in the first member `subcounts` (when an object), every list whose key is named (the first name that
///   equals it), in document order; of each list (when an array) every object item whose first `id` is a
///   string, with its first `label` (empty unless a string) and numbers as for totals.
/// Everything else is checked and skipped. Every text parseJson() rejects is rejected with the same
/// error (UsageDeltaTextCursor.h), before anything is handed over: a reader's results are those of the
/// last text read in full.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "UsageDeltaTextCursor.h"
#include "UsageMetrics.h"

namespace statshost::aggregators::usagestats {

class UsageDeltaTextReader {
public:
    /// Reads `text`, taking the lists whose key is in `listKeys` (an item's list is its index there).
    /// Throws std::runtime_error naming the offset of invalid JSON; the previous results are then gone.
    void read(std::string_view text, const std::vector<std::string>& listKeys);

    /// The totals of the last text read (zero when it had none).
    const UsageMetrics& totals() const { return _totals; }

    /// Calls visit(list index, id, label, metrics) for every item of the last text read, in document
    /// order. The views live until the next read().
    template <class Visit>
    void forEachItem(Visit&& visit) const {
        for (const Item& item : _items) visit(item.list, view(item.id), view(item.label), item.metrics);
    }

private:
    /// Where a decoded string lives: in the text read (no escapes), else in _decoded.
    struct Span {
        bool decoded = false;
        std::size_t offset = 0;
        std::size_t size = 0;
    };
    struct Item {
        std::uint32_t list = 0;
        Span id;
        Span label;
        UsageMetrics metrics;
    };

    std::string_view view(const Span& s) const {
        return s.decoded ? std::string_view(_decoded).substr(s.offset, s.size) : _text.substr(s.offset, s.size);
    }
    Span keep(std::string_view decoded);

    void document(JsonCursor& c, const std::vector<std::string>& listKeys);
    void subcounts(JsonCursor& c, const std::vector<std::string>& listKeys);
    void list(JsonCursor& c, std::uint32_t index);
    void item(JsonCursor& c, std::uint32_t index);
    /// An object with `view` and `download` at `depth` (anything else reads as zero).
    UsageMetrics metrics(JsonCursor& c, int depth);
    UsageSide side(JsonCursor& c, int depth);

    std::string_view _text;
    std::string _decoded;  ///< the strings with escapes, one after the other
    std::string _scratch;
    UsageMetrics _totals;
    std::vector<Item> _items;
};

}  // namespace statshost::aggregators::usagestats
