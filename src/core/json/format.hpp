// Formatting a parsed document back to JSON text: layout, key order, field spelling, redaction.
//
// Exact by construction: number literals are re-emitted as written and strings re-encoded from
// their decoded text with json::append_quoted, so nothing passes through a double.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/json/value.hpp"
#include "core/session/fields.hpp"

namespace pss {

// Text written before a token and `reset` after it (colour on a terminal). The core does not
// know what the strings mean; all empty (the default) means plain output.
struct FormatStyles {
  std::string_view key;     // object keys
  std::string_view string;  // string values
  std::string_view number;  // number values
  std::string_view literal; // true, false, null
  std::string_view reset;
};

struct FormatOptions {
  int indent = 2;       // spaces per level; 0 means one line, like `compact`
  bool tab = false;     // one tab per level instead of spaces
  bool compact = false; // one line, no spaces
  bool sort_keys = false;
  bool canonical = false;       // session fields first, in the field table's order
  std::optional<Naming> naming; // rename the session fields at the top level; none: keep
  bool redact = false;          // mask card numbers, replace values under secret keys
  FormatStyles styles;
};

// `root` as JSON text, ending with a newline.
[[nodiscard]] std::string format_document(const json::Value &root, const FormatOptions &options);

// The same, appended to `out` (reuses its capacity across documents).
void append_formatted(std::string &out, const json::Value &root, const FormatOptions &options);

} // namespace pss
