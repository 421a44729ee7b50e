#pragma once
/// Dense numbers for strings (record ids, parent ids, visitor ids, item ids, community ids): the
/// first string interned gets 0, the next new one 1, … Lets the usage families keep compact arrays
/// and hash small integers instead of strings. Not thread safe.
#include <cstdint>
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

}  // namespace statshost::aggregators::usagestats
