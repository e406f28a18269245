// The one reader of number literals: grammar (RFC 8259 section 6) and exact decimal value.
#include "core/json/number.hpp"

#include <utility>

namespace pss {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::size_t skip_digits(std::string_view text, std::size_t i) {
  while (i < text.size() && is_digit(text[i])) ++i;
  return i;
}

// An exponent's digits as a number when they are at most 17 (leading zeros aside).
std::optional<std::int64_t> small_exponent(std::string_view digits) {
  const auto first = digits.find_first_not_of('0');
  if (first == std::string_view::npos) return 0;
  digits.remove_prefix(first);
  if (digits.size() > 17) return std::nullopt;
  std::int64_t value = 0;
  for (const char c : digits) value = value * 10 + (c - '0');
  return value;
}

} // namespace

NumberScan scan_number(std::string_view text) {
  const auto fail = [](std::size_t at, NumberSyntax why) { return NumberScan{at, why, at}; };
  std::size_t i = 0;
  if (i < text.size() && text[i] == '-') ++i;
  if (i == text.size() || !is_digit(text[i])) return fail(i, NumberSyntax::DigitAfterMinus);
  if (text[i] == '0') {
    if (i + 1 < text.size() && is_digit(text[i + 1])) {
      return NumberScan{i + 1, NumberSyntax::LeadingZero, 0};
    }
    ++i;
  } else {
    i = skip_digits(text, i);
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (i == text.size() || !is_digit(text[i])) return fail(i, NumberSyntax::DigitAfterPoint);
    i = skip_digits(text, i);
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (i == text.size() || !is_digit(text[i])) return fail(i, NumberSyntax::DigitInExponent);
    i = skip_digits(text, i);
  }
  return NumberScan{i, NumberSyntax::Ok, 0};
}

std::optional<Decimal> Decimal::parse(std::string_view literal) {
  const NumberScan scan = scan_number(literal);
  if (scan.error != NumberSyntax::Ok || scan.length != literal.size()) return std::nullopt;
  Decimal d;
  std::size_t i = 0;
  const bool negative = literal[0] == '-';
  if (negative) ++i;
  std::size_t end = skip_digits(literal, i);
  std::string digits(literal.substr(i, end - i));
  std::int64_t exponent = 0;
  i = end;
  if (i < literal.size() && literal[i] == '.') {
    end = skip_digits(literal, ++i);
    digits.append(literal.substr(i, end - i));
    exponent = -static_cast<std::int64_t>(end - i);
    i = end;
  }
  std::int64_t written = 0;
  if (i < literal.size()) { // 'e' or 'E'
    ++i;
    const bool minus = literal[i] == '-';
    if (literal[i] == '+' || literal[i] == '-') ++i;
    const auto value = small_exponent(literal.substr(i));
    if (!value) {
      const auto first = digits.find_first_not_of('0');
      if (first == std::string::npos) return d; // zero, whatever its exponent
      d.by_literal = true;
      d.digits = std::string(literal);
      return d;
    }
    written = minus ? -*value : *value;
  }
  const auto first = digits.find_first_not_of('0');
  if (first == std::string::npos) return d; // zero, whatever its sign or exponent
  const auto last = digits.find_last_not_of('0');
  d.negative = negative;
  d.digits = digits.substr(first, last + 1 - first);
  d.exponent = exponent + static_cast<std::int64_t>(digits.size() - 1 - last) + written;
  return d;
}

Decimal Decimal::of(std::string_view literal) {
  if (auto value = parse(literal)) return std::move(*value);
  Decimal d;
  d.by_literal = true;
  d.digits = std::string(literal);
  return d;
}

bool Decimal::is_integer() const {
  if (by_literal) return false; // a huge exponent: never an integer anyone can hold
  return exponent >= 0;
}

std::optional<std::string> Decimal::integer_digits(std::size_t max_digits) const {
  if (is_zero()) return "0";
  if (!is_integer()) return std::nullopt;
  if (static_cast<std::uint64_t>(exponent) > max_digits ||
      digits.size() + static_cast<std::size_t>(exponent) > max_digits) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(digits.size() + static_cast<std::size_t>(exponent) + 1);
  if (negative) out += '-';
  out += digits;
  out.append(static_cast<std::size_t>(exponent), '0');
  return out;
}

std::optional<std::int64_t> Decimal::to_int64() const {
  if (is_zero()) return 0;
  if (!is_integer() || digits.size() + static_cast<std::size_t>(exponent) > 18) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  for (const char c : digits) value = value * 10 + (c - '0');
  for (std::int64_t i = 0; i < exponent; ++i) value *= 10;
  return negative ? -value : value;
}

bool Decimal::integer_in(std::int64_t low, std::int64_t high) const {
  const auto value = to_int64();
  return value && *value >= low && *value <= high;
}

bool numbers_equal(std::string_view a, std::string_view b) {
  return Decimal::of(a) == Decimal::of(b);
}

} // namespace pss
