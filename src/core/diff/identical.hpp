// Byte-identical documents are equal in every reading of the diff, with no tree and no
// comparison, once their text is known to be JSON: validated once, by simdjson.
#pragma once

#include <memory>
#include <string_view>

#include "core/json/padded.hpp"

namespace pss::diff {

// Validates text with one reused simdjson DOM parser (not thread-safe: one per thread).
class IdenticalText {
public:
  IdenticalText();
  ~IdenticalText();
  IdenticalText(const IdenticalText &) = delete;
  IdenticalText &operator=(const IdenticalText &) = delete;

  // True when `old_text` and `new_text` are the same bytes and certainly one JSON text (RFC
  // 8259: simdjson's DOM parser accepts it, UTF-8 and nesting up to json::max_depth included):
  // then they are equal documents, their diff and their patch empty. False means "parse and
  // compare them": they differ, or the text is not JSON, or simdjson cannot tell (a number it
  // cannot hold, a text over 8 MiB), which json::parse decides. `new_text` with simdjson's
  // padding is parsed in place; other text is first copied into a padded buffer.
  [[nodiscard]] bool equal(std::string_view old_text, json::PaddedView new_text);
  [[nodiscard]] bool equal(std::string_view old_text, std::string_view new_text);

private:
  // `data`: the bytes of `new_text`, followed by json::padding readable bytes.
  [[nodiscard]] bool equal(std::string_view old_text, std::string_view new_text, const char *data);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace pss::diff
