// Card data: what looks like a card number (PAN), how it is masked, which keys hold secrets.
// Detection only: what an output shows is decided by the Redactor (redactor.hpp).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pss {

struct ByteRange {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Runs of 13-19 digits (single spaces or dashes may separate groups, not part of a longer run,
// not touching an ASCII letter or a digit on either side) that pass the Luhn check and start
// with a card network's prefix.
[[nodiscard]] std::vector<ByteRange> find_card_numbers(std::string_view text);
[[nodiscard]] bool has_card_number(std::string_view text);
// has_card_number(digits) for the digits of an integer, after a '-' when negative (as
// Decimal::integer_digits and std::to_string write them), told without a search: such text holds
// one run, which is a card number or is not.
[[nodiscard]] bool integer_is_card_number(std::string_view digits);
// False when `text` certainly holds no card number (no 13 digits, spaces or dashes in a row): a
// screen, 64 bytes at a time, that callers run over many values at once.
[[nodiscard]] bool may_hold_card_number(std::string_view text);
// The same screen, saying where: the end (exclusive, in bytes from the start of `text`) of the
// first card_number_run digits, spaces or dashes in a row, or npos when there are none. A text
// with no such run within it holds no card number.
inline constexpr std::size_t card_number_run = 13; // the fewest digits of a card number
[[nodiscard]] std::size_t card_number_screen(std::string_view text);

// `text` with every card number masked to its first six and last four digits
// ("4242424242424242" -> "424242******4242"), the most PCI DSS v4.0.1 req. 3.4.1 lets a display
// show; the same length, only digits changed, and masking twice gives what masking once gave.
[[nodiscard]] std::string mask_card_numbers(std::string_view text);

// Keys whose values are secrets (cvv, token, password, signature, ...): `key` folded to ASCII
// lower-case letters and digits ("Security_Code" -> "securitycode") holds one of the words, or is
// "pin".
[[nodiscard]] bool is_secret_key(std::string_view key);

} // namespace pss
