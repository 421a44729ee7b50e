#pragma once
/// The cross-check generator's random source: a seeded mt19937_64 with the few draws it needs.
/// Deterministic for a seed (the standard distributions of one libstdc++ build).
#include <cstdint>
#include <random>
#include <vector>

namespace statshost::test::reference {

class Rng {
public:
    explicit Rng(std::uint64_t seed) : _g(seed) {}
    /// Uniform in [lo, hi].
    std::int64_t range(std::int64_t lo, std::int64_t hi) { return std::uniform_int_distribution<std::int64_t>(lo, hi)(_g); }
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(_g) < p; }
    template <class T>
    const T& pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(range(0, static_cast<std::int64_t>(v.size()) - 1))]; }
    /// A random subset (each element with probability p), in the given order.
    template <class T>
    std::vector<T> subset(const std::vector<T>& v, double p) {
        std::vector<T> out;
        for (const auto& x : v)
            if (chance(p)) out.push_back(x);
        return out;
    }

private:
    std::mt19937_64 _g;
};

}  // namespace statshost::test::reference
