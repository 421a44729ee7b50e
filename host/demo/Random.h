#pragma once
/// Deterministic random numbers for the demo generator. Everything here is defined by this file
/// alone (xoshiro256** seeded through splitmix64, Lemire's bounded integers), so one seed gives
/// the same stream with every standard library. Not for cryptography.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace statshost::demo {

/// splitmix64 step: advances `state` and returns the next output.
inline std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/// Stateless 64-bit mixer (the splitmix64 finaliser of x).
inline std::uint64_t mix64(std::uint64_t x) {
    std::uint64_t s = x;
    return splitmix64(s);
}

/// Hash of an ordered pair / triple, for deriving independent sub-streams from one seed.
inline std::uint64_t hashOf(std::uint64_t a, std::uint64_t b) { return mix64(mix64(a) ^ (b + 0x632be59bd9b4e019ULL)); }
inline std::uint64_t hashOf(std::uint64_t a, std::uint64_t b, std::uint64_t c) { return hashOf(hashOf(a, b), c); }

/// xoshiro256** generator with the few distributions the generator needs.
class Rng {
public:
    explicit Rng(std::uint64_t seed) {
        std::uint64_t s = seed;
        for (auto& x : _s) x = splitmix64(s);
    }

    std::uint64_t next() {
        const std::uint64_t result = rotl(_s[1] * 5, 7) * 9;
        const std::uint64_t t = _s[1] << 17;
        _s[2] ^= _s[0];
        _s[3] ^= _s[1];
        _s[1] ^= _s[2];
        _s[0] ^= _s[3];
        _s[2] ^= t;
        _s[3] = rotl(_s[3], 45);
        return result;
    }

    /// Uniform integer in [0, n); n must be > 0 (n == 0 returns 0).
    std::uint64_t below(std::uint64_t n) {
        if (n == 0) return 0;
        unsigned __int128 m = static_cast<unsigned __int128>(next()) * n;
        auto low = static_cast<std::uint64_t>(m);
        if (low < n) {
            const std::uint64_t threshold = (0 - n) % n;
            while (low < threshold) {
                m = static_cast<unsigned __int128>(next()) * n;
                low = static_cast<std::uint64_t>(m);
            }
        }
        return static_cast<std::uint64_t>(m >> 64);
    }

    /// Uniform integer in [lo, hi] (inclusive); lo <= hi.
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
    }

    /// Uniform double in [0, 1).
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

    bool chance(double p) { return unit() < p; }

    /// Standard normal (Box-Muller, one value per call).
    double normal() {
        const double u1 = 1.0 - unit();  // (0, 1]
        const double u2 = unit();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }

    double exponential(double mean) { return -mean * std::log(1.0 - unit()); }

    /// Pareto with minimum 1 and tail index alpha (heavier tail for smaller alpha).
    double pareto(double alpha) { return std::pow(1.0 - unit(), -1.0 / alpha); }

    template <typename T>
    void shuffle(std::vector<T>& v) {
        for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(i)]);
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t _s[4];
};

/// Samples indices in proportion to fixed non-negative weights (binary search over the running sum).
class WeightedTable {
public:
    WeightedTable() = default;
    explicit WeightedTable(const std::vector<double>& weights) {
        _cumulative.reserve(weights.size());
        double sum = 0;
        for (double w : weights) {
            sum += w > 0 ? w : 0;
            _cumulative.push_back(sum);
        }
    }
    std::size_t size() const { return _cumulative.size(); }
    double total() const { return _cumulative.empty() ? 0 : _cumulative.back(); }
    std::size_t sample(Rng& rng) const {
        const double u = rng.unit() * total();
        std::size_t lo = 0, hi = _cumulative.size() - 1;
        while (lo < hi) {
            const std::size_t mid = (lo + hi) / 2;
            if (_cumulative[mid] > u) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

private:
    std::vector<double> _cumulative;
};

/// Weights 1/(rank+1)^exponent for n ranks: the Zipf shape used for communities, uploaders, visitors.
inline std::vector<double> zipfWeights(std::size_t n, double exponent) {
    std::vector<double> w(n);
    for (std::size_t i = 0; i < n; ++i) w[i] = 1.0 / std::pow(static_cast<double>(i + 1), exponent);
    return w;
}

/// A Fenwick tree of integer weights: point updates and sampling in proportion to the weights,
/// both O(log n). Exact integer arithmetic keeps sampling deterministic after many updates.
class FenwickSampler {
public:
    explicit FenwickSampler(std::size_t n) : _tree(n + 1, 0), _weights(n, 0) {
        _top = 1;
        while (_top * 2 <= n) _top *= 2;
    }
    std::uint64_t total() const { return _total; }
    std::uint64_t weight(std::size_t i) const { return _weights[i]; }
    void set(std::size_t i, std::uint64_t w) {
        const std::uint64_t old = _weights[i];
        _weights[i] = w;
        _total = _total - old + w;
        for (std::size_t k = i + 1; k < _tree.size(); k += k & (0 - k)) _tree[k] = _tree[k] - old + w;
    }
    /// An index drawn in proportion to the weights; total() must be > 0.
    std::size_t sample(Rng& rng) const {
        std::uint64_t u = rng.below(_total);
        std::size_t pos = 0;
        for (std::size_t step = _top; step > 0; step /= 2) {
            const std::size_t next = pos + step;
            if (next < _tree.size() && _tree[next] <= u) {
                pos = next;
                u -= _tree[next];
            }
        }
        return pos;  // 0-based index of the sampled element
    }

private:
    std::vector<std::uint64_t> _tree;
    std::vector<std::uint64_t> _weights;
    std::uint64_t _total = 0;
    std::size_t _top = 1;
};

/// Deals `n` category labels in (rounded) proportion to `weights`, each category at least
/// `minEach` times when n allows it, in shuffled order. Used so that every situation the demo
/// must contain occurs even at the smallest scale, whatever the seed.
inline std::vector<std::uint8_t> dealDeck(Rng& rng, std::size_t n, const std::vector<double>& weights,
                                          std::size_t minEach) {
    const std::size_t k = weights.size();
    double sum = 0;
    for (double w : weights) sum += w;
    std::vector<std::size_t> counts(k, 0);
    std::size_t assigned = 0;
    for (std::size_t i = 0; i < k; ++i) {
        counts[i] = static_cast<std::size_t>(std::llround(static_cast<double>(n) * weights[i] / sum));
        if (weights[i] > 0 && counts[i] < minEach) counts[i] = minEach;
        assigned += counts[i];
    }
    std::size_t largest = 0;
    for (std::size_t i = 1; i < k; ++i)
        if (counts[i] > counts[largest]) largest = i;
    while (assigned > n) {  // take from the largest category first, never below minEach
        std::size_t pick = largest;
        for (std::size_t i = 0; i < k; ++i)
            if (counts[i] > counts[pick]) pick = i;
        if (counts[pick] == 0) break;
        --counts[pick];
        --assigned;
    }
    if (assigned < n) counts[largest] += n - assigned;
    std::vector<std::uint8_t> deck;
    deck.reserve(n);
    for (std::size_t i = 0; i < k; ++i) deck.insert(deck.end(), counts[i], static_cast<std::uint8_t>(i));
    deck.resize(n);
    rng.shuffle(deck);
    return deck;
}

}  // namespace statshost::demo
