// Card number detection (length, Luhn, network prefix) and masking, per PCI DSS 3.4.1.
#include "core/card.hpp"

#include <array>
#include <cctype>

namespace pss {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
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

template <typename Visit> void scan(std::string_view text, Visit visit) {
  std::string digits;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i])) {
      ++i;
      continue;
    }
    // A maximal run of digits where single separators may sit between digits.
    const std::size_t start = i;
    bool separated = false;
    digits.clear();
    while (i < text.size()) {
      if (is_digit(text[i])) {
        digits += text[i++];
      } else if ((text[i] == ' ' || text[i] == '-') && i + 1 < text.size() &&
                 is_digit(text[i + 1])) {
        separated = true;
        ++i;
      } else {
        break;
      }
    }
    if (is_card_number(digits)) {
      visit(ByteRange{start, i});
      continue;
    }
    if (!separated) continue;
    // A longer separated run may still hold a whole card number as one group.
    std::size_t g = start;
    while (g < i) {
      std::size_t e = g;
      while (e < i && is_digit(text[e])) ++e;
      if (is_card_number(text.substr(g, e - g))) visit(ByteRange{g, e});
      g = e + 1;
    }
  }
}

// Fewer than 13 digits in all cannot hold a card number: the common case, decided cheaply.
bool too_few_digits(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) count += is_digit(c) ? 1 : 0;
  return count < 13;
}

} // namespace

std::vector<ByteRange> find_card_numbers(std::string_view text) {
  std::vector<ByteRange> found;
  if (too_few_digits(text)) return found;
  scan(text, [&](ByteRange r) { found.push_back(r); });
  return found;
}

bool has_card_number(std::string_view text) {
  if (too_few_digits(text)) return false;
  bool found = false;
  scan(text, [&](ByteRange) { found = true; });
  return found;
}

std::string mask_card_numbers(std::string_view text) {
  std::string out(text);
  for (const auto range : find_card_numbers(text)) {
    std::size_t total = 0;
    for (std::size_t i = range.begin; i < range.end; ++i) total += is_digit(text[i]) ? 1 : 0;
    std::size_t seen = 0;
    for (std::size_t i = range.begin; i < range.end; ++i) {
      if (!is_digit(text[i])) continue;
      if (seen >= 6 && seen + 4 < total) out[i] = '*';
      ++seen;
    }
  }
  return out;
}

bool is_secret_key(std::string_view key) {
  static constexpr std::array<std::string_view, 12> words{
      "cvv",    "cvc",       "securitycode",  "token",  "secret",     "password",
      "passwd", "signature", "authorization", "apikey", "privatekey", "pin"};
  std::string folded;
  for (const char c : key) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      folded += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  for (const auto word : words) {
    if (word == "pin" ? folded == word : folded.find(word) != std::string::npos) return true;
  }
  return false;
}

} // namespace pss
