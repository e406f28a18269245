// Text for people: safe display of untrusted data, JSON Pointers, "did you mean" suggestions.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace pss {

// Decodes the UTF-8 sequence (RFC 3629) starting at byte `at` of `text` (at < text.size()) into
// `cp`. Returns its length in bytes (1 to 4), or 0 when the bytes there are not valid UTF-8
// (overlong forms, surrogates and code points past U+10FFFF are invalid).
[[nodiscard]] std::size_t decode_utf8(std::string_view text, std::size_t at, char32_t &cp);

// Appends code point `cp` (at most U+10FFFF, not a surrogate) encoded as UTF-8 (RFC 3629): 1 to
// 4 bytes.
void append_utf8(std::string &out, char32_t cp);

// True for a code point a screen would not show as itself: the Unicode general categories Cc
// (C0, DEL, C1), Cf (format: bidirectional controls such as U+202E, zero-width characters,
// U+FEFF, tags), Zl (U+2028) and Zp (U+2029), as of Unicode 15. This one table decides what every
// human output (and every JSON string pss-inspect writes) escapes.
[[nodiscard]] bool is_invisible(char32_t cp);

// `text` with every invisible code point (is_invisible) written as an escape (\n, \r, \t, else
// \u001b; past U+FFFF \U000e0001) and every byte that is not valid UTF-8 as \xff: nothing in
// the result can drive a terminal, break a line or look like something it is not.
[[nodiscard]] std::string escape_for_display(std::string_view text);

// `text` with only its bytes that are not valid UTF-8 written as \xff text: the rest is kept as
// is, for outputs (JSON) that escape characters themselves but must be valid UTF-8.
[[nodiscard]] std::string escape_invalid_utf8(std::string_view text);

// Appends "/" and `key` escaped per RFC 6901 ("~" -> "~0", "/" -> "~1").
void append_pointer_token(std::string &pointer, std::string_view key);

// The candidate closest to `word` (case differences cost little), if close enough to be a
// plausible typo: at most two edits (optimal string alignment distance, in bytes). Time is
// O(|word| * |candidate|) only for candidates within two bytes of `word`'s length, and memory is
// O(|candidate|): a 10 MiB `word` costs no table.
[[nodiscard]] std::optional<std::string_view>
closest_match(std::string_view word, std::span<const std::string_view> candidates);

} // namespace pss
