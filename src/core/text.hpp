// Text for people: safe display of untrusted data, JSON Pointers, "did you mean" suggestions.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace pss {

// `text` with everything that could drive a terminal written as an escape: C0 and C1 control
// characters, DEL, bidirectional overrides (\u202e) and invalid UTF-8 bytes (\xff).
[[nodiscard]] std::string escape_for_display(std::string_view text);

// The length in bytes of the UTF-8 sequence that starts at text[at] (1-4), or 0 when the bytes
// there are not valid UTF-8 (RFC 3629: no overlong forms, surrogates or code points past
// U+10FFFF). `at` must be less than text.size().
[[nodiscard]] std::size_t utf8_sequence_length(std::string_view text, std::size_t at);

// A string value as a person should see it: JSON-quoted, card numbers masked, terminal-safe.
[[nodiscard]] std::string quote_for_display(std::string_view text);

// Appends "/" and `key` escaped per RFC 6901 ("~" -> "~0", "/" -> "~1").
void append_pointer_token(std::string &pointer, std::string_view key);

// The candidate closest to `word` (case differences cost little), if close enough to be a
// plausible typo.
[[nodiscard]] std::optional<std::string_view>
closest_match(std::string_view word, std::span<const std::string_view> candidates);

} // namespace pss
