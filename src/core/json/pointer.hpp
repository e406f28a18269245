// JSON Pointers (RFC 6901) as token lists, and patterns over them (`*` for one segment) for
// diff's --ignore, --array-key and --key.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json/value.hpp"

namespace pss {

// Splits a JSON Pointer into decoded tokens ("/a~1b/0" -> {"a/b", "0"}; "" -> {}). Returns an
// error message for a person when `text` is not a pointer, else "".
[[nodiscard]] std::string split_pointer(std::string_view text, std::vector<std::string> &tokens);

// The name a top-level member is matched by: a session field's wire name, whatever spelling the
// key uses ("statusCode" -> "status_code"); any other key is itself.
[[nodiscard]] std::string_view canonical_field_key(std::string_view key);

// A pointer whose tokens may be `*`, matching any one key or index. Its first token, when it
// names a session field in either spelling, matches both spellings.
struct PointerPattern {
  std::string text;                // as given, for messages
  std::vector<std::string> tokens; // decoded; the first one canonical
};

// Parses a pattern; on failure returns std::nullopt and sets `error`.
[[nodiscard]] std::optional<PointerPattern> parse_pattern(std::string_view text,
                                                          std::string &error);

// The value that `pattern` (no `*` in it) names in `root`: the first of duplicate keys, a session
// field found by either spelling at the top level. nullptr when there is none.
[[nodiscard]] const json::Value *resolve(const json::Value &root, const PointerPattern &pattern);

} // namespace pss
