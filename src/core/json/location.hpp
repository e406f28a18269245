// Byte offsets turned into 1-based lines and columns, and the lines themselves.
#pragma once

#include <cstddef>
#include <map>
#include <string_view>
#include <vector>

namespace pss {

struct Position {
  std::size_t offset = 0; // bytes from the start of the input
  std::size_t line = 1;   // 1-based
  std::size_t column = 1; // 1-based, in characters (UTF-8 code points) from the line start
};

// Indexes the line starts of a text once (as far as the offsets asked for), so that locating
// many offsets stays cheap: the column of an offset is counted from the nearest offset located
// before it on its line, so locating n findings on one long line costs about the line's length
// (plus n log n), not n times it; offsets within `direct_columns` bytes of their line start are
// counted from it, so that the lines of a log cost no allocation. Not thread-safe (it remembers
// what it located).
class LineIndex {
public:
  explicit LineIndex(std::string_view text);

  [[nodiscard]] Position locate(std::size_t offset) const;

private:
  static constexpr std::size_t direct_columns = 4096; // bytes

  std::string_view text_;
  mutable std::vector<std::size_t> starts_; // of the lines after the first, up to scanned_
  mutable std::size_t scanned_ = 0;         // bytes searched for line ends so far
  mutable std::map<std::size_t, std::size_t> columns_; // located offset -> its 1-based column
};

// Characters (UTF-8 code points) in `text`: the column arithmetic of Position.
[[nodiscard]] std::size_t count_characters(std::string_view text);

} // namespace pss
