// Formatting a validated JSON text again: layout, key order, field spelling, redaction.
//
// Exact by construction: number literals are copied as written and strings requoted from their
// source (json::append_requoted), so nothing passes through a double; text that needs nothing
// but a new layout is copied token by token.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/json/writer.hpp"
#include "core/session/fields.hpp"

namespace pss {

// Colour around tokens (see json::Styles); all empty (the default) means plain output.
using FormatStyles = json::Styles;

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

// `text` formatted, ending with a newline. `text` must be one JSON text that a strict RFC 8259
// parser accepted (json::parse, or simdjson before it): it is not checked again, and anything
// else is undefined behaviour. Whitespace around the value is dropped.
[[nodiscard]] std::string format_document(std::string_view text, const FormatOptions &options);

// The same, appended to `out` (reuses its capacity across documents).
void append_formatted(std::string &out, std::string_view text, const FormatOptions &options);

} // namespace pss
