// LineIndex: offsets to lines and columns.
#include "core/json/location.hpp"

#include <algorithm>

namespace pss {

LineIndex::LineIndex(std::string_view text) : text_(text) {}

Position LineIndex::locate(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  // Line starts are found as far as the offsets asked for: the findings of a session are mostly
  // at its start (memchr; no allocation for a text of one line).
  if (offset > scanned_) {
    // A newline at i starts a line at i + 1: those before `offset` can hold it.
    const std::string_view rest = text_.substr(0, offset);
    for (std::size_t i = rest.find('\n', scanned_); i != std::string_view::npos;
         i = rest.find('\n', i + 1)) {
      starts_.push_back(i + 1);
    }
    scanned_ = offset;
  }
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  const auto line = static_cast<std::size_t>(it - starts_.begin()) + 1; // 1-based
  std::size_t from = line == 1 ? 0 : starts_[line - 2];
  // Near its line start an offset is counted from there: cheaper than remembering it.
  if (offset - from <= direct_columns) {
    return Position{offset, line, 1 + count_characters(text_.substr(from, offset - from))};
  }
  std::size_t column = 1;
  if (auto known = columns_.upper_bound(offset); known != columns_.begin()) {
    --known;
    if (known->first >= from) from = known->first, column = known->second;
  }
  column += count_characters(text_.substr(from, offset - from));
  columns_.emplace(offset, column);
  return Position{offset, line, column};
}

std::size_t count_characters(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

} // namespace pss
