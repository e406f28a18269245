// The Redactor: what outputs show of values, keys, pointers and source lines.
#include "core/privacy/redactor.hpp"

#include <algorithm>
#include <optional>

#include "core/json/number.hpp"

#include "core/json/text.hpp"

namespace pss {

std::string Redactor::mask(std::string_view text) {
  return mask_card_numbers(text);
}

std::string Redactor::mask(std::string &&text) {
  // Most pointers and values hold no card number: keep the string rather than copy it.
  if (!has_card_number(text)) return std::move(text);
  return mask_card_numbers(text);
}

namespace {

// The digits of the integer an exponent literal denotes, when it may hold a card number: a
// literal without an exponent holds its integer's digits as written.
std::optional<std::string> exponent_integer_digits(std::string_view literal) {
  if (literal.find_first_of("eE") == std::string_view::npos) return std::nullopt;
  const auto value = Decimal::parse(literal);
  return value ? value->integer_digits() : std::nullopt;
}

} // namespace

bool Redactor::number_holds_card_number(std::string_view literal) {
  if (has_card_number(literal)) return true;
  const auto digits = exponent_integer_digits(literal);
  return digits && has_card_number(*digits);
}

std::string Redactor::mask_number(std::string_view literal) {
  // The integer an exponent literal denotes first: 42424242424242.42e2 holds a 14-digit run that
  // masking in place would leave mostly shown.
  const auto digits = exponent_integer_digits(literal);
  if (digits && has_card_number(*digits)) return mask_card_numbers(*digits);
  if (has_card_number(literal)) return mask_card_numbers(literal);
  return std::string(literal);
}

void Redactor::write_number(json::JsonWriter &writer, std::string_view literal) {
  if (number_holds_card_number(literal)) return writer.string(mask_number(literal));
  writer.number(literal);
}

std::string Redactor::show_string(std::string_view text, bool secret) {
  if (secret) return std::string(secret_mask);
  std::string quoted;
  json::append_quoted(quoted, mask_card_numbers(text));
  return escape_for_display(quoted);
}

std::string Redactor::show_raw(std::string_view text, bool secret) {
  if (secret) return std::string(secret_mask);
  return escape_for_display(mask_card_numbers(text));
}

std::string Redactor::show_number(std::string_view literal, bool secret) {
  if (secret) return std::string(secret_mask);
  return escape_for_display(mask_number(literal));
}

bool Redactor::replace_in_source(json::Kind kind, std::string_view text, bool secret,
                                 std::string &shown) {
  const bool string = kind == json::Kind::String;
  if (secret) {
    shown = string ? "\"***\"" : std::string(secret_mask);
  } else if (string && has_card_number(text)) {
    shown = show_string(text);
  } else if (kind == json::Kind::Number && number_holds_card_number(text)) {
    shown = mask_number(text);
  } else {
    return false;
  }
  return true;
}

Redactor::Line Redactor::line(std::string_view text, std::size_t begin, std::size_t end) const {
  return Line(mask_card_numbers(text.substr(begin, end - begin)), begin, redactions_);
}

std::string Redactor::Line::show(std::size_t begin, std::size_t end, bool straddling) const {
  const std::string_view line = masked_;
  std::string shown;
  std::size_t at = begin;
  auto r = std::partition_point(redactions_.begin(), redactions_.end(),
                                [&](const Redaction &x) { return x.range.end <= begin; });
  for (; r != redactions_.end() && r->range.begin < end; ++r) {
    const ByteRange range = r->range;
    if (range.begin > at) shown += escape_for_display(line.substr(at - base_, range.begin - at));
    if (range.begin >= begin || straddling) shown += r->shown;
    at = std::min(std::max(range.end, at), end);
  }
  if (at < end) shown += escape_for_display(line.substr(at - base_, end - at));
  return shown;
}

std::string Redactor::redact_source(std::string_view text) const {
  std::string out;
  std::size_t at = 0;
  for (const auto &redaction : redactions_) {
    if (redaction.range.begin < at || redaction.range.end > text.size()) continue;
    out += mask_card_numbers(text.substr(at, redaction.range.begin - at));
    out += redaction.shown;
    at = redaction.range.end;
  }
  out += mask_card_numbers(text.substr(at));
  return out;
}

} // namespace pss
