// Myers' diff ("An O(ND) Difference Algorithm and Its Variations", 1986), linear-space variant.
#include "core/diff/align.hpp"

#include <algorithm>
#include <cstdint>

namespace pss {
namespace {

using Pairs = std::vector<std::pair<std::size_t, std::size_t>>;

// The middle snake of a shortest edit script: a run of equal items that the script crosses
// halfway, in range-relative coordinates.
struct Snake {
  std::ptrdiff_t x = 0, y = 0, u = 0, v = 0;
};

class Aligner {
public:
  Aligner(const std::function<bool(std::size_t, std::size_t)> &same, std::size_t budget)
      : same_(same), budget_(budget) {}

  // Appends to `out`, in order, the matches of a[a0, a1) against b[b0, b1).
  void run(std::size_t a0, std::size_t a1, std::size_t b0, std::size_t b1, Pairs &out) {
    std::size_t prefix = 0;
    while (a0 + prefix < a1 && b0 + prefix < b1 && equal(a0 + prefix, b0 + prefix)) ++prefix;
    for (std::size_t k = 0; k < prefix; ++k) out.emplace_back(a0 + k, b0 + k);
    a0 += prefix;
    b0 += prefix;
    std::size_t suffix = 0;
    while (a0 < a1 - suffix && b0 < b1 - suffix && equal(a1 - 1 - suffix, b1 - 1 - suffix)) {
      ++suffix;
    }
    a1 -= suffix;
    b1 -= suffix;
    // After trimming, both non-empty means at least two edits: each half below is smaller.
    if (a0 < a1 && b0 < b1 && !exhausted()) {
      Snake s;
      if (middle_snake(a0, a1, b0, b1, s)) {
        const auto at = [](std::size_t base, std::ptrdiff_t d) {
          return base + static_cast<std::size_t>(d);
        };
        run(a0, at(a0, s.x), b0, at(b0, s.y), out);
        for (std::ptrdiff_t k = 0; k < s.u - s.x; ++k)
          out.emplace_back(at(a0, s.x + k), at(b0, s.y + k));
        run(at(a0, s.u), a1, at(b0, s.v), b1, out);
      }
    }
    for (std::size_t k = suffix; k > 0; --k) out.emplace_back(a1 + suffix - k, b1 + suffix - k);
  }

private:
  const std::function<bool(std::size_t, std::size_t)> &same_;
  std::size_t budget_;
  std::size_t calls_ = 0;

  bool exhausted() const { return calls_ >= budget_; }

public:
  [[nodiscard]] std::size_t calls() const { return calls_; }

private:
  bool equal(std::size_t i, std::size_t j) {
    ++calls_;
    return same_(i, j);
  }

  // Searches forwards from the start and backwards from the end at once until the paths meet.
  // Returns false when the budget runs out first.
  bool middle_snake(std::size_t a0, std::size_t a1, std::size_t b0, std::size_t b1, Snake &s) {
    const auto n = static_cast<std::ptrdiff_t>(a1 - a0);
    const auto m = static_cast<std::ptrdiff_t>(b1 - b0);
    const std::ptrdiff_t delta = n - m;
    const bool odd = (delta & 1) != 0;
    const std::ptrdiff_t max_d = (n + m + 1) / 2;
    const std::ptrdiff_t offset = max_d + 1;
    std::vector<std::ptrdiff_t> forward(static_cast<std::size_t>(2 * offset + 1), 0);
    std::vector<std::ptrdiff_t> backward(forward.size(), 0);
    const auto f = [&](std::ptrdiff_t k) -> std::ptrdiff_t & {
      return forward[static_cast<std::size_t>(k + offset)];
    };
    const auto r = [&](std::ptrdiff_t k) -> std::ptrdiff_t & {
      return backward[static_cast<std::size_t>(k + offset)];
    };
    const auto same_forward = [&](std::ptrdiff_t x, std::ptrdiff_t y) {
      return equal(a0 + static_cast<std::size_t>(x), b0 + static_cast<std::size_t>(y));
    };
    const auto same_backward = [&](std::ptrdiff_t x, std::ptrdiff_t y) {
      return equal(a1 - 1 - static_cast<std::size_t>(x), b1 - 1 - static_cast<std::size_t>(y));
    };
    for (std::ptrdiff_t d = 0; d <= max_d; ++d) {
      if (exhausted()) return false;
      for (std::ptrdiff_t k = -d; k <= d; k += 2) {
        std::ptrdiff_t x = (k == -d || (k != d && f(k - 1) < f(k + 1))) ? f(k + 1) : f(k - 1) + 1;
        std::ptrdiff_t y = x - k;
        const std::ptrdiff_t x0 = x, y0 = y;
        while (x < n && y < m && same_forward(x, y)) ++x, ++y;
        f(k) = x;
        const std::ptrdiff_t back_k = delta - k; // the same diagonal, seen from the end
        if (odd && back_k >= -(d - 1) && back_k <= d - 1 && x + r(back_k) >= n) {
          s = Snake{x0, y0, x, y};
          return true;
        }
      }
      for (std::ptrdiff_t k = -d; k <= d; k += 2) {
        std::ptrdiff_t x = (k == -d || (k != d && r(k - 1) < r(k + 1))) ? r(k + 1) : r(k - 1) + 1;
        std::ptrdiff_t y = x - k;
        const std::ptrdiff_t x0 = x, y0 = y;
        while (x < n && y < m && same_backward(x, y)) ++x, ++y;
        r(k) = x;
        const std::ptrdiff_t front_k = delta - k;
        if (!odd && front_k >= -d && front_k <= d && x + f(front_k) >= n) {
          s = Snake{n - x, m - y, n - x0, m - y0};
          return true;
        }
      }
    }
    return false; // not reached: the paths meet by d = max_d
  }
};

} // namespace

std::vector<std::pair<std::size_t, std::size_t>>
align(std::size_t n, std::size_t m, const std::function<bool(std::size_t, std::size_t)> &same,
      std::size_t budget) {
  return align_within(n, m, same, budget);
}

std::vector<std::pair<std::size_t, std::size_t>>
align_within(std::size_t n, std::size_t m,
             const std::function<bool(std::size_t, std::size_t)> &same, std::size_t &budget) {
  Pairs out;
  Aligner aligner(same, budget);
  aligner.run(0, n, 0, m, out);
  budget -= std::min(budget, aligner.calls());
  return out;
}

} // namespace pss
