// Aligning two sequences: a longest common subsequence by Myers' O((n+m)·D) algorithm.
#pragma once

#include <cstddef>
#include <functional>
#include <utility>
#include <vector>

namespace pss {

// Pairs (i, j), increasing in both, of items that `same(i, j)` says are equal, forming a longest
// common subsequence of [0, n) and [0, m) (so that the rest is a minimal set of insertions and
// deletions). Cost: common prefix and suffix are trimmed in O(n+m); the middle is aligned by
// Myers' linear-space divide and conquer in O((n+m)·D) calls of `same`, D being the number of
// inserted plus deleted items. Past `budget` calls of `same` the alignment stops looking for
// matches in what is left (correct, no longer minimal), so that two unrelated huge arrays do not
// cost O(n·m).
[[nodiscard]] std::vector<std::pair<std::size_t, std::size_t>>
align(std::size_t n, std::size_t m, const std::function<bool(std::size_t, std::size_t)> &same,
      std::size_t budget = std::size_t{50'000'000});

// The same, drawing on a budget shared by several alignments (one diff's arrays): `budget` is
// decreased by the calls of `same` made, down to 0.
[[nodiscard]] std::vector<std::pair<std::size_t, std::size_t>>
align_within(std::size_t n, std::size_t m,
             const std::function<bool(std::size_t, std::size_t)> &same, std::size_t &budget);

} // namespace pss
