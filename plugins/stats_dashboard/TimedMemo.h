#pragma once
/// Values read from a slower source (the database), remembered per key for at most `maxAge`: the
/// common part of GenerationCache and CommunityCache. `maxAge` 0 reads on every call. At most
/// `maxEntries` keys are kept; beyond that the memo is emptied (so random keys cannot grow it).
/// The read runs outside the lock, so a slow source does not stall other keys. Thread safe.
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace statshost::dashboard {

template <typename Value>
class TimedMemo {
public:
    TimedMemo(std::chrono::milliseconds maxAge, std::size_t maxEntries) : _maxAge(maxAge), _maxEntries(maxEntries) {}

    /// The remembered value of `key` when it is younger than maxAge, else `read()` (remembered).
    template <typename Read>
    Value get(const std::string& key, Read read) {
        if (_maxAge.count() <= 0) return read();
        const Clock::time_point now = Clock::now();
        {
            std::lock_guard<std::mutex> lock(_mutex);
            auto it = _entries.find(key);
            if (it != _entries.end() && now - it->second.readAt < _maxAge) return it->second.value;
        }
        Value value = read();
        std::lock_guard<std::mutex> lock(_mutex);
        if (_entries.size() >= _maxEntries) _entries.clear();
        _entries[key] = Entry{value, now};
        return value;
    }

    void forget() {
        std::lock_guard<std::mutex> lock(_mutex);
        _entries.clear();
    }

private:
    using Clock = std::chrono::steady_clock;
    struct Entry {
        Value value;
        Clock::time_point readAt;
    };
    const std::chrono::milliseconds _maxAge;
    const std::size_t _maxEntries;
    std::mutex _mutex;
    std::unordered_map<std::string, Entry> _entries;
};

}  // namespace statshost::dashboard
