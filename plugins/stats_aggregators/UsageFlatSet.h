#pragma once
/// A set of 64-bit keys with open addressing (linear probing), for the per-day distinct counts of the
/// usage delta: one insert per (accumulator, metric, value) of every event, so it has to be cheap.
/// The all-ones key is reserved. clear() keeps the capacity (the next day is usually alike) unless it
/// is far larger than what the last day needed.
#include <algorithm>
#include <cstdint>
#include <vector>

namespace statshost::aggregators::usagestats {

class UsageFlatSet {
public:
    static constexpr std::uint64_t kEmpty = ~std::uint64_t(0);

    UsageFlatSet() { resize(1024); }

    /// Adds `key` (not kEmpty); true when it was not there yet.
    bool insert(std::uint64_t key) {
        if ((_count + 1) * 4 > _slots.size() * 3) grow();
        std::size_t i = slot(key);
        while (_slots[i] != kEmpty) {
            if (_slots[i] == key) return false;
            i = (i + 1) & _mask;
        }
        _slots[i] = key;
        ++_count;
        return true;
    }

    std::size_t size() const { return _count; }

    void clear() {
        if (_slots.size() > 1024 && _count * 16 < _slots.size()) {
            resize(_slots.size() / 4);
        } else {
            std::fill(_slots.begin(), _slots.end(), kEmpty);
        }
        _count = 0;
    }

private:
    std::size_t slot(std::uint64_t key) const {
        return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> _shift);
    }

    void resize(std::size_t capacity) {  // a power of two
        _slots.assign(capacity, kEmpty);
        _mask = capacity - 1;
        _shift = 64;
        for (std::size_t c = capacity; c > 1; c >>= 1) --_shift;
        _count = 0;
    }

    void grow() {
        std::vector<std::uint64_t> old;
        old.swap(_slots);
        resize(old.size() * 2);
        for (std::uint64_t key : old)
            if (key != kEmpty) {
                std::size_t i = slot(key);
                while (_slots[i] != kEmpty) i = (i + 1) & _mask;
                _slots[i] = key;
                ++_count;
            }
    }

    std::vector<std::uint64_t> _slots;
    std::size_t _mask = 0;
    unsigned _shift = 64;
    std::size_t _count = 0;
};

}  // namespace statshost::aggregators::usagestats
