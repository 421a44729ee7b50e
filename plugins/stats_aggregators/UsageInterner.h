#pragma once
/// Dense numbers for strings (record ids, parent ids, visitor ids, item ids, community ids): the
/// first string interned gets 0, the next new one 1, … Lets the usage families keep compact arrays
/// and hash small integers instead of strings. Not thread safe.
#include <cstdint>
#include <functional>
#include <vector>
#include <string>
#include <string_view>
#include <deque>
#include <unordered_map>

namespace statshost::aggregators::usagestats {

class UsageInterner {
public:
    static constexpr std::uint32_t kMissing = 0xFFFFFFFFu;

    UsageInterner() = default;
    UsageInterner(const UsageInterner&) = delete;  // the map's keys view this object's strings
    UsageInterner& operator=(const UsageInterner&) = delete;
    UsageInterner(UsageInterner&&) = default;  // a moved deque keeps its elements where they are

    /// The number of `text`, assigning the next one when it is new.
    std::uint32_t intern(std::string_view text) {
        auto it = _numbers.find(text);
        if (it != _numbers.end()) return it->second;
        const auto n = static_cast<std::uint32_t>(_texts.size());
        _texts.emplace_back(text);
        _numbers.emplace(std::string_view(_texts.back()), n);
        return n;
    }
    /// The number of `text`, or kMissing when it was never interned.
    std::uint32_t find(std::string_view text) const {
        auto it = _numbers.find(text);
        return it == _numbers.end() ? kMissing : it->second;
    }
    const std::string& text(std::uint32_t n) const { return _texts[n]; }
    std::size_t size() const { return _texts.size(); }
    void clear() {
        _numbers.clear();
        _texts.clear();
    }
    void reserve(std::size_t n) { _numbers.reserve(n); }

private:
    std::deque<std::string> _texts;  ///< stable addresses: the map's keys view them
    std::unordered_map<std::string_view, std::uint32_t> _numbers;
};

/// Dense numbers for the strings of one day (visitor ids, file ids), cleared every day: the texts live
/// in one reused character buffer and the numbers in an open-addressing table of (hash, number + 1), so
/// a day allocates nothing once the buffers have grown to a day's size. Numbers as UsageInterner's
/// (0, 1, … in order of first appearance). Not thread safe.
class UsageDayInterner {
public:
    UsageDayInterner() { _slots.assign(1024, 0); }

    /// The number of `text`, assigning the next one when it is new.
    std::uint32_t intern(std::string_view text) {
        if ((_ends.size() + 1) * 4 > _slots.size() * 3) grow();
        const std::uint64_t hash = std::hash<std::string_view>()(text);
        const std::uint64_t tag = hash & ~std::uint64_t(0xFFFFFFFFu);
        const std::size_t mask = _slots.size() - 1;
        for (std::size_t i = static_cast<std::size_t>(hash) & mask;; i = (i + 1) & mask) {
            const std::uint64_t s = _slots[i];
            if (s == 0) {
                const auto n = static_cast<std::uint32_t>(_ends.size());
                _chars.append(text.data(), text.size());
                _ends.push_back(_chars.size());
                _slots[i] = tag | (n + 1);
                return n;
            }
            const auto n = static_cast<std::uint32_t>(s) - 1;
            if ((s & ~std::uint64_t(0xFFFFFFFFu)) == tag && this->text(n) == text) return n;
        }
    }
    std::string_view text(std::uint32_t n) const {
        const std::size_t begin = n == 0 ? 0 : _ends[n - 1];
        return std::string_view(_chars).substr(begin, _ends[n] - begin);
    }
    std::size_t size() const { return _ends.size(); }
    /// Forgets every string, keeping the buffers.
    void clear() {
        std::fill(_slots.begin(), _slots.end(), 0);
        _chars.clear();
        _ends.clear();
    }

private:
    void grow() {
        std::vector<std::uint64_t> slots(_slots.size() * 2, 0);
        const std::size_t mask = slots.size() - 1;
        for (std::uint64_t s : _slots) {
            if (s == 0) continue;
            std::size_t i = static_cast<std::size_t>(std::hash<std::string_view>()(text(static_cast<std::uint32_t>(s) - 1))) & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = s;
        }
        _slots.swap(slots);
    }

    std::string _chars;               ///< every text of the day, back to back
    std::vector<std::size_t> _ends;   ///< per number: the end of its text in _chars
    std::vector<std::uint64_t> _slots;  ///< 0 = empty, else (hash's high 32 bits) << 32 | (number + 1)
};

}  // namespace statshost::aggregators::usagestats
