// Number literals (RFC 8259 section 6) read once, exactly: the grammar and an exact decimal value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pss {

// Why the text at hand is not a number literal.
enum class NumberSyntax : std::uint8_t {
  Ok,
  DigitAfterMinus, // "-" not followed by a digit (also "-Infinity")
  LeadingZero,     // "01": RFC 8259 allows no leading zeros
  DigitAfterPoint, // "1." or "1.e5"
  DigitInExponent, // "1e" or "1e+"
};

struct NumberScan {
  std::size_t length = 0;                // bytes of the literal read (Ok) or up to the problem
  NumberSyntax error = NumberSyntax::Ok; // Ok: text[0, length) is a literal
  std::size_t error_offset = 0;          // byte offset of the problem in `text` (0-based)
};

// Reads the longest RFC 8259 number literal at the start of `text` (which starts with '-' or a
// digit for a literal to be found). What follows it is the caller's business.
[[nodiscard]] NumberScan scan_number(std::string_view text);

// The exact value of a number literal, never through a double: digits * 10^exponent, so that
// 1, 1.0, 1e0 and 10e-1 are one value, -0 is 0, and big integers and long decimals stay exact.
struct Decimal {
  bool negative = false;     // false for zero, whatever its sign
  std::string digits;        // significant digits: no leading or trailing zeros; empty for zero
  std::int64_t exponent = 0; // 0 for zero
  // An exponent of more than 17 digits (1e99999999999999999999): digits then holds the literal
  // as written and values are compared by it.
  bool by_literal = false;

  // The value of `literal`, or nullopt when it is not an RFC 8259 number literal as a whole.
  [[nodiscard]] static std::optional<Decimal> parse(std::string_view literal);
  // The value of a literal the caller knows to be valid (a parsed tree's number); anything else is
  // kept as written (by_literal), so that it equals only itself.
  [[nodiscard]] static Decimal of(std::string_view literal);

  [[nodiscard]] bool is_zero() const { return !by_literal && digits.empty(); }
  // True when the value is a whole number: "2e2" and "200.0" are, "199.99999999999999999" is not.
  [[nodiscard]] bool is_integer() const;
  // The decimal digits of the integer the value is, with a leading '-' when negative ("200" for
  // "2e2"); nullopt when it is not an integer or has more than `max_digits` digits.
  [[nodiscard]] std::optional<std::string> integer_digits(std::size_t max_digits = 40) const;
  // The value when it is an integer of at most 18 digits (every such integer fits int64).
  [[nodiscard]] std::optional<std::int64_t> to_int64() const;
  // True when the value is an integer from `low` to `high` inclusive ("an HTTP status code").
  [[nodiscard]] bool integer_in(std::int64_t low, std::int64_t high) const;

  friend bool operator==(const Decimal &, const Decimal &) = default;
};

// True when two literals denote the same number (Decimal::of of each is equal).
[[nodiscard]] bool numbers_equal(std::string_view a, std::string_view b);

} // namespace pss
