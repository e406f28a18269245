// Terminal-safe escaping, JSON Pointer tokens and typo suggestions.
#include "core/text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <vector>

#include "core/card.hpp"
#include "core/json.hpp"

namespace pss {
namespace {

constexpr std::string_view hex = "0123456789abcdef";

void append_u(std::string &out, std::uint32_t cp) {
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += hex[(cp >> shift) & 15];
}

bool is_unsafe(std::uint32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x061C ||
         (cp >= 0x200B && cp <= 0x200F) || cp == 0xFEFF || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

// Decodes one UTF-8 sequence; returns its length, or 0 when invalid.
std::size_t decode(std::string_view s, std::size_t i, std::uint32_t &cp) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  if (b < 0x80) {
    cp = b;
    return 1;
  }
  if (b >= 0xC2 && b <= 0xDF) {
    n = 2, cp = b & 0x1F;
  } else if (b >= 0xE0 && b <= 0xEF) {
    n = 3, cp = b & 0x0F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    n = 4, cp = b & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (c & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return n;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment distance; a case-only difference counts as a third of an edit.
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i * 3;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j * 3;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      std::size_t cost = 3;
      if (a[i - 1] == b[j - 1]) {
        cost = 0;
      } else if (std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                 std::tolower(static_cast<unsigned char>(b[j - 1]))) {
        cost = 1;
      }
      d[i][j] = std::min({d[i - 1][j] + 3, d[i][j - 1] + 3, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 3);
      }
    }
  }
  return d[n][m];
}

} // namespace

std::string escape_for_display(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::uint32_t cp = 0;
    const std::size_t n = decode(text, i, cp);
    if (n == 0) {
      const auto b = static_cast<unsigned char>(text[i]);
      out += "\\x";
      out += hex[b >> 4];
      out += hex[b & 15];
      ++i;
      continue;
    }
    if (!is_unsafe(cp)) {
      out.append(text, i, n);
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else {
      append_u(out, cp);
    }
    i += n;
  }
  return out;
}

std::size_t utf8_sequence_length(std::string_view text, std::size_t at) {
  std::uint32_t cp = 0;
  return decode(text, at, cp);
}

std::string quote_for_display(std::string_view text) {
  std::string quoted;
  json::append_quoted(quoted, mask_card_numbers(text));
  return escape_for_display(quoted);
}

void append_pointer_token(std::string &pointer, std::string_view key) {
  pointer += '/';
  for (const char c : key) {
    if (c == '~') {
      pointer += "~0";
    } else if (c == '/') {
      pointer += "~1";
    } else {
      pointer += c;
    }
  }
}

std::optional<std::string_view> closest_match(std::string_view word,
                                              std::span<const std::string_view> candidates) {
  std::optional<std::string_view> best;
  std::size_t best_distance = 0;
  for (const auto candidate : candidates) {
    // A difference of case alone ("SUCCEEDED") is always worth suggesting.
    if (candidate.size() == word.size() && candidate != word &&
        std::equal(word.begin(), word.end(), candidate.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return candidate;
    }
    const std::size_t distance = edit_distance(word, candidate);
    if (!best || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  // Plausible: at most two edits, and fewer than a third of the word's letters.
  const std::size_t limit = std::min<std::size_t>(6, std::max<std::size_t>(3, word.size()));
  if (best && best_distance <= limit && best_distance > 0) return best;
  return std::nullopt;
}

} // namespace pss
