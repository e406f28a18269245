// Card number detection (length, Luhn, network prefix) and masking, per PCI DSS 3.4.1.
#include "core/privacy/card.hpp"

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace pss {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool luhn_ok(std::string_view digits) {
  int sum = 0;
  bool double_it = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (double_it) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double_it = !double_it;
  }
  return sum % 10 == 0;
}

int prefix_number(std::string_view digits, std::size_t n) {
  int value = 0;
  for (std::size_t i = 0; i < n; ++i) value = value * 10 + (digits[i] - '0');
  return value;
}

// Visa 4; Mastercard 51-55, 2221-2720; Amex 34, 37; Discover 6011, 644-649, 65; JCB 3528-3589;
// Diners 300-305, 36, 38-39; UnionPay 62; Maestro 50, 56-69. So every 4, 5 and 6 qualifies.
bool network_prefix(std::string_view digits) {
  switch (digits[0]) {
  case '4':
  case '5':
  case '6':
    return true;
  case '2': {
    const int p4 = prefix_number(digits, 4);
    return p4 >= 2221 && p4 <= 2720;
  }
  case '3': {
    const int p2 = prefix_number(digits, 2);
    const int p3 = prefix_number(digits, 3);
    const int p4 = prefix_number(digits, 4);
    return p2 == 34 || p2 == 37 || p2 == 36 || p2 == 38 || p2 == 39 || (p3 >= 300 && p3 <= 305) ||
           (p4 >= 3528 && p4 <= 3589);
  }
  default:
    return false;
  }
}

bool is_card_number(std::string_view digits) {
  return digits.size() >= 13 && digits.size() <= 19 && network_prefix(digits) && luhn_ok(digits);
}

template <typename Visit>
void visit_group_windows(std::string_view run, std::size_t base, Visit &visit) {
  std::vector<ByteRange> groups; // digit groups of the run, between separators
  for (std::size_t g = 0; g < run.size();) {
    std::size_t e = g;
    while (e < run.size() && is_digit(run[e])) ++e;
    groups.push_back(ByteRange{g, e});
    g = e + 1;
  }
  std::string digits;
  for (std::size_t first = 0; first < groups.size(); ++first) {
    digits.clear();
    for (std::size_t last = first; last < groups.size(); ++last) {
      digits.append(run.substr(groups[last].begin, groups[last].end - groups[last].begin));
      if (digits.size() > 19) break;
      if (is_card_number(digits)) {
        visit(ByteRange{base + groups[first].begin, base + groups[last].end});
        first = last; // continue after this card number
        break;
      }
    }
  }
}

template <typename Visit> void scan(std::string_view text, Visit visit) {
  std::array<char, 19> digits{}; // the first digits of a run: a card number has at most 19
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i])) {
      ++i;
      continue;
    }
    // A maximal run of digits where single separators may sit between digits.
    const std::size_t start = i;
    bool separated = false;
    std::size_t count = 0;
    while (i < text.size()) {
      if (is_digit(text[i])) {
        if (count < digits.size()) digits[count] = text[i];
        ++count;
        ++i;
      } else if ((text[i] == ' ' || text[i] == '-') && i + 1 < text.size() &&
                 is_digit(text[i + 1])) {
        separated = true;
        ++i;
      } else {
        break;
      }
    }
    // A run glued to a letter is part of a word or a hex or base64 string (Apple Pay's
    // `signature` holds Luhn-valid runs between hex letters), not a card number.
    if ((start > 0 && is_letter(text[start - 1])) || (i < text.size() && is_letter(text[i]))) {
      continue;
    }
    if (count <= digits.size() && is_card_number(std::string_view(digits.data(), count))) {
      visit(ByteRange{start, i});
      continue;
    }
    if (!separated) continue;
    // A longer separated run ("4111-1111-1111-1111 12-25") may still hold a card number as some
    // consecutive groups of it: try every such window of 13 to 19 digits, leftmost first.
    visit_group_windows(text.substr(start, i - start), start, visit);
  }
}

// Bit i set when byte i of the 64 at `p` is a digit, a space or a dash: the bytes a card number
// run is made of.
std::uint64_t run_bytes(const unsigned char *p) {
#if defined(__SSE2__)
  std::uint64_t mask = 0;
  for (int k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 16 * k));
    const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                        _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
    const __m128i sep =
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(v, _mm_set1_epi8('-')));
    const auto bits = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_or_si128(digit, sep)));
    mask |= static_cast<std::uint64_t>(bits & 0xFFFF) << (16 * k);
  }
  return mask;
#else
  std::uint64_t mask = 0;
  for (int i = 0; i < 64; ++i) {
    const bool in_run = static_cast<unsigned char>(p[i] - '0') < 10 || p[i] == ' ' || p[i] == '-';
    mask |= static_cast<std::uint64_t>(in_run) << i;
  }
  return mask;
#endif
}

// The end (exclusive) of the first 13 consecutive digits, spaces or dashes in `text`, or npos:
// none, so no card number (the common case: URLs, ids, even hex signatures), decided 64 bytes at
// a time.
std::size_t first_long_run_end(std::string_view text) {
  constexpr std::size_t run = card_number_run;
  if (text.size() < run) return std::string_view::npos;
  const auto *p = reinterpret_cast<const unsigned char *>(text.data());
  const std::size_t n = text.size();
  std::size_t carry = 0; // length of the run that ends the previous block
  std::array<unsigned char, 64> tail{};
  for (std::size_t at = 0; at < n; at += 64) {
    const unsigned char *block = p + at;
    if (n - at < 64) {
      tail.fill(0);
      std::memcpy(tail.data(), block, n - at);
      block = tail.data();
    }
    const std::uint64_t m = run_bytes(block);
    const std::size_t leading = static_cast<std::size_t>(std::countr_one(m));
    // A run from the block before ends first, when it is long enough.
    if (carry + leading >= run) return at + run - carry;
    std::uint64_t x = m & (m >> 1); // runs of 2
    x &= x >> 2;                    // runs of 4
    x &= x >> 4;                    // runs of 8
    x &= x >> 5;                    // runs of 13: one of 8 at i and one at i + 5
    if (x != 0) return at + static_cast<std::size_t>(std::countr_zero(x)) + run;
    carry = m == ~std::uint64_t{0} ? carry + 64 : static_cast<std::size_t>(std::countl_one(m));
  }
  return std::string_view::npos;
}

bool no_long_run(std::string_view text) {
  return first_long_run_end(text) == std::string_view::npos;
}

} // namespace

std::vector<ByteRange> find_card_numbers(std::string_view text) {
  std::vector<ByteRange> found;
  if (no_long_run(text)) return found;
  scan(text, [&](ByteRange r) { found.push_back(r); });
  return found;
}

bool may_hold_card_number(std::string_view text) {
  return !no_long_run(text);
}

std::size_t card_number_screen(std::string_view text) {
  return first_long_run_end(text);
}

bool has_card_number(std::string_view text) {
  if (no_long_run(text)) return false;
  bool found = false;
  scan(text, [&](ByteRange) { found = true; });
  return found;
}

bool integer_is_card_number(std::string_view digits) {
  if (!digits.empty() && digits.front() == '-') digits.remove_prefix(1);
  return is_card_number(digits);
}

std::string mask_card_numbers(std::string_view text) {
  // Masking can leave digits that, with their neighbours, make another card number
  // ("4242 4242 4242 42424242 4242 4242 4242"): mask until nothing is left, so that masking
  // twice gives what masking once gave.
  std::string out(text);
  while (true) {
    const auto ranges = find_card_numbers(out);
    if (ranges.empty()) return out;
    for (const auto range : ranges) {
      std::size_t total = 0;
      for (std::size_t i = range.begin; i < range.end; ++i) total += is_digit(out[i]) ? 1 : 0;
      std::size_t seen = 0;
      for (std::size_t i = range.begin; i < range.end; ++i) {
        if (!is_digit(out[i])) continue;
        if (seen >= 6 && seen + 4 < total) out[i] = '*';
        ++seen;
      }
    }
  }
}

bool is_secret_key(std::string_view key) {
  static constexpr std::array<std::string_view, 12> words{
      "cvv",    "cvc",       "securitycode",  "token",  "secret",     "password",
      "passwd", "signature", "authorization", "apikey", "privatekey", "pin"};
  // Lower-case letters and digits only: "Security_Code" and "api-key" fold to the words above.
  std::array<char, 64> buffer{};
  std::string long_key;
  std::size_t length = 0;
  for (const char c : key) {
    char folded = c;
    if (c >= 'A' && c <= 'Z') {
      folded = static_cast<char>(c - 'A' + 'a');
    } else if (!((c >= 'a' && c <= 'z') || is_digit(c))) {
      continue;
    }
    if (length < buffer.size()) {
      buffer[length] = folded;
    } else {
      if (long_key.empty()) long_key.assign(buffer.data(), buffer.size());
      long_key += folded;
    }
    ++length;
  }
  const std::string_view folded =
      length <= buffer.size() ? std::string_view(buffer.data(), length) : long_key;
  for (const auto word : words) {
    if (word == "pin" ? folded == word : folded.find(word) != std::string_view::npos) return true;
  }
  return false;
}

} // namespace pss
