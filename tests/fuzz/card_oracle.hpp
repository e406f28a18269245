// A card number as CONTRACT's "Card data" defines one, written from its words apart from the
// core's code (src/core/privacy/card.cpp), so that the fuzz targets and the core cannot share a
// mistake.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pss::fuzz {

inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

inline bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

inline bool luhn(std::string_view digits) {
  int sum = 0;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    int d = digits[digits.size() - 1 - i] - '0';
    if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 == 0;
}

inline bool network_prefix(std::string_view digits) {
  const auto prefix = [&](std::size_t n) { return std::stoi(std::string(digits.substr(0, n))); };
  const int p2 = prefix(2);
  const int p3 = prefix(3);
  const int p4 = prefix(4);
  return digits[0] == '4' || (p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720) || p2 == 34 ||
         p2 == 37 || p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 ||
         (p4 >= 3528 && p4 <= 3589) || (p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 ||
         p2 == 39 || p2 == 62 || p2 == 50 || (p2 >= 56 && p2 <= 69);
}

// The first card number of `text`: a maximal run of digit groups joined by single spaces or
// dashes, touching no letter or digit, whose digits make a card number. "" when there is none.
inline std::string first_card_number(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i])) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    std::string digits;
    while (i < text.size()) {
      if (is_digit(text[i])) {
        digits += text[i++];
      } else if ((text[i] == ' ' || text[i] == '-') && i + 1 < text.size() &&
                 is_digit(text[i + 1])) {
        ++i;
      } else {
        break;
      }
    }
    const bool alone =
        (start == 0 || !is_letter(text[start - 1])) && (i == text.size() || !is_letter(text[i]));
    if (alone && digits.size() >= 13 && digits.size() <= 19 && network_prefix(digits) &&
        luhn(digits)) {
      return std::string(text.substr(start, i - start));
    }
  }
  return "";
}

} // namespace pss::fuzz
