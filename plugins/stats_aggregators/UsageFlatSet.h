#pragma once
/// Open-addressing tables (linear probing) of 64-bit keys for the usage delta's per-day work, where
/// every event does several lookups and inserts, so they have to be cheap: no allocation per entry,
/// one multiplicative hash, and clear() keeps the capacity (the next day is usually alike) unless it is
/// far larger than what the last day needed.
///   UsageFlatSet   — distinct keys (the per-day distinct counts);
///   UsageFlatIndex — key → 32-bit value (the per-day accumulator positions).
/// The all-ones key is reserved.
#include <algorithm>
#include <cstdint>
#include <vector>

namespace statshost::aggregators::usagestats {

namespace flat {

/// The probing shared by both tables: keys only, values (if any) kept by the caller in a parallel array.
class FlatKeys {
public:
    static constexpr std::uint64_t kEmpty = ~std::uint64_t(0);
    static constexpr std::size_t kMinCapacity = 1024;

    FlatKeys() { resize(kMinCapacity); }

    /// The slot holding `key`, or the empty slot where it belongs (grow first when an insert may follow).
    std::size_t find(std::uint64_t key) const {
        std::size_t i = slot(key);
        while (_slots[i] != kEmpty && _slots[i] != key) i = (i + 1) & _mask;
        return i;
    }
    bool occupied(std::size_t i) const { return _slots[i] != kEmpty; }
    void place(std::size_t i, std::uint64_t key) {
        _slots[i] = key;
        ++_count;
    }
    /// True when one more key would pass the load factor (3/4).
    bool full() const { return (_count + 1) * 4 > _slots.size() * 3; }
    std::size_t size() const { return _count; }
    std::size_t capacity() const { return _slots.size(); }
    std::uint64_t keyAt(std::size_t i) const { return _slots[i]; }

    /// Empties the table; true when the capacity changed (shrunk).
    bool clear() {
        const bool shrink = _slots.size() > kMinCapacity && _count * 16 < _slots.size();
        if (shrink) {
            resize(_slots.size() / 4);
        } else {
            std::fill(_slots.begin(), _slots.end(), kEmpty);
            _count = 0;
        }
        return shrink;
    }

    /// Empties the table with `capacity` slots (a power of two).
    void resize(std::size_t capacity) {
        _slots.assign(capacity, kEmpty);
        _mask = capacity - 1;
        _shift = 64;
        for (std::size_t c = capacity; c > 1; c >>= 1) --_shift;
        _count = 0;
    }

private:
    std::size_t slot(std::uint64_t key) const { return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> _shift); }

    std::vector<std::uint64_t> _slots;
    std::size_t _mask = 0;
    unsigned _shift = 64;
    std::size_t _count = 0;
};

}  // namespace flat

class UsageFlatSet {
public:
    static constexpr std::uint64_t kEmpty = flat::FlatKeys::kEmpty;

    /// Adds `key` (not kEmpty); true when it was not there yet.
    bool insert(std::uint64_t key) {
        if (_keys.full()) grow();
        const std::size_t i = _keys.find(key);
        if (_keys.occupied(i)) return false;
        _keys.place(i, key);
        return true;
    }

    std::size_t size() const { return _keys.size(); }
    void clear() { _keys.clear(); }

private:
    void grow() {
        flat::FlatKeys old;
        std::swap(old, _keys);
        _keys.resize(old.capacity() * 2);
        for (std::size_t i = 0; i < old.capacity(); ++i)
            if (old.occupied(i)) _keys.place(_keys.find(old.keyAt(i)), old.keyAt(i));
    }

    flat::FlatKeys _keys;
};

class UsageFlatIndex {
public:
    /// The value of `key` (not kEmpty), inserting `value` when the key is new; `inserted` tells which.
    std::uint32_t findOrInsert(std::uint64_t key, std::uint32_t value, bool& inserted) {
        if (_keys.full()) grow();
        const std::size_t i = _keys.find(key);
        inserted = !_keys.occupied(i);
        if (inserted) {
            _keys.place(i, key);
            _values[i] = value;
        }
        return _values[i];
    }

    std::size_t size() const { return _keys.size(); }
    void clear() {
        if (_keys.clear()) _values.assign(_keys.capacity(), 0);
    }

private:
    void grow() {
        flat::FlatKeys old;
        std::swap(old, _keys);
        std::vector<std::uint32_t> oldValues;
        oldValues.swap(_values);
        _keys.resize(old.capacity() * 2);
        _values.assign(_keys.capacity(), 0);
        for (std::size_t i = 0; i < old.capacity(); ++i)
            if (old.occupied(i)) {
                const std::size_t j = _keys.find(old.keyAt(i));
                _keys.place(j, old.keyAt(i));
                _values[j] = oldValues[i];
            }
    }

    flat::FlatKeys _keys;
    std::vector<std::uint32_t> _values = std::vector<std::uint32_t>(flat::FlatKeys::kMinCapacity, 0);
};

}  // namespace statshost::aggregators::usagestats
