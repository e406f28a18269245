// Terminal-safe escaping, JSON Pointer tokens and typo suggestions.
#include "core/json/text.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <iterator>
#include <vector>

namespace pss {
namespace {

constexpr std::string_view hex = "0123456789abcdef";

void append_u(std::string &out, char32_t cp) {
  const bool wide = cp > 0xFFFF;
  out += wide ? "\\U" : "\\u";
  for (int shift = wide ? 28 : 12; shift >= 0; shift -= 4) out += hex[(cp >> shift) & 15];
}

// Unicode 15 general categories Cc, Cf, Zl and Zp, as closed ranges in code point order
// (generated from the UnicodeData.txt of Unicode 14 with Python's unicodedata, plus U+13439 to
// U+1343F, format controls added in Unicode 15).
struct Range {
  char32_t first;
  char32_t last;
};
constexpr Range invisible_ranges[] = {
    {0x0000, 0x001F},   {0x007F, 0x009F},   {0x00AD, 0x00AD},   {0x0600, 0x0605},
    {0x061C, 0x061C},   {0x06DD, 0x06DD},   {0x070F, 0x070F},   {0x0890, 0x0891},
    {0x08E2, 0x08E2},   {0x180E, 0x180E},   {0x200B, 0x200F},   {0x2028, 0x202E},
    {0x2060, 0x2064},   {0x2066, 0x206F},   {0xFEFF, 0xFEFF},   {0xFFF9, 0xFFFB},
    {0x110BD, 0x110BD}, {0x110CD, 0x110CD}, {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3},
    {0x1D173, 0x1D17A}, {0xE0001, 0xE0001}, {0xE0020, 0xE007F},
};

// Optimal string alignment distance in thirds of an edit (a case-only difference costs one
// third), or `limit + 1` as soon as it is known to exceed `limit`. Three rows: memory is
// O(|b|), whatever the lengths.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  // Every byte of length difference is an insertion or a deletion.
  if ((n > m ? n - m : m - n) * 3 > limit) return limit + 1;
  std::vector<std::size_t> before(m + 1), previous(m + 1), current(m + 1);
  for (std::size_t j = 0; j <= m; ++j) previous[j] = j * 3;
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = i * 3;
    std::size_t row_min = current[0];
    for (std::size_t j = 1; j <= m; ++j) {
      std::size_t cost = 3;
      if (a[i - 1] == b[j - 1]) {
        cost = 0;
      } else if (std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                 std::tolower(static_cast<unsigned char>(b[j - 1]))) {
        cost = 1;
      }
      current[j] = std::min({previous[j] + 3, current[j - 1] + 3, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 3);
      }
      row_min = std::min(row_min, current[j]);
    }
    // Distances never shrink from one row to the next: past the limit, it stays past.
    if (row_min > limit) return limit + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[m], limit + 1);
}

} // namespace

std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t &cp) {
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

void append_utf8(std::string &out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
    return;
  }
  char bytes[4];
  std::size_t n = 0;
  if (cp < 0x800) {
    bytes[n++] = static_cast<char>(0xC0 | (cp >> 6));
  } else {
    if (cp < 0x10000) {
      bytes[n++] = static_cast<char>(0xE0 | (cp >> 12));
    } else {
      bytes[n++] = static_cast<char>(0xF0 | (cp >> 18));
      bytes[n++] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    }
    bytes[n++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  }
  bytes[n++] = static_cast<char>(0x80 | (cp & 0x3F));
  out.append(bytes, n);
}

bool is_invisible(char32_t cp) {
  if (cp >= 0x20 && cp < 0x7F) return false;
  const auto *end = std::end(invisible_ranges);
  const auto *at = std::upper_bound(std::begin(invisible_ranges), end, cp,
                                    [](char32_t c, const Range &r) { return c < r.first; });
  return at != std::begin(invisible_ranges) && cp <= (at - 1)->last;
}

namespace {

// A byte that is not part of valid UTF-8, as the text \xNN.
void append_byte_escape(std::string &out, unsigned char b) {
  out += "\\x";
  out += hex[b >> 4];
  out += hex[b & 15];
}

} // namespace

namespace {

// `text` with each byte that is not UTF-8 written as \xNN and each valid character as
// `append_char` writes it. Kept out of line: inlined into its caller, it left decode_utf8 out of
// line instead, and `check -q` spent 8 % more CPU on the warning-heavy log.
template <typename AppendChar>
[[gnu::noinline]] std::string escape_each(std::string_view text, AppendChar append_char) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t cp = 0;
    const std::size_t n = decode_utf8(text, i, cp);
    if (n == 0) {
      append_byte_escape(out, static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    append_char(out, text.substr(i, n), cp);
    i += n;
  }
  return out;
}

} // namespace

std::string escape_invalid_utf8(std::string_view text) {
  return escape_each(text,
                     [](std::string &out, std::string_view bytes, char32_t) { out.append(bytes); });
}

std::string escape_for_display(std::string_view text) {
  return escape_each(text, [](std::string &out, std::string_view bytes, char32_t cp) {
    if (!is_invisible(cp)) {
      out.append(bytes);
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else {
      append_u(out, cp);
    }
  });
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
  // Plausible: at most two edits, and fewer than a third of the word's letters.
  const std::size_t limit = std::min<std::size_t>(6, std::max<std::size_t>(3, word.size()));
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
    const std::size_t distance = edit_distance(word, candidate, limit);
    if (!best || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  if (best && best_distance <= limit && best_distance > 0) return best;
  return std::nullopt;
}

} // namespace pss
