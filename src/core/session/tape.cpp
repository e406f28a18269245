// Locating simdjson's tape words in the source they were parsed from.
#include "core/session/tape.hpp"

#include <cmath>
#include <string>

#include "core/json/number.hpp"
#include "core/privacy/card.hpp"

namespace pss {

std::string_view TapeView::text(const Value &value) {
  const std::size_t i = tape_.index(value);
  switch (tape_.type(i)) {
  case '"':
    return tape_.string(i);
  case 'l':
  case 'u':
  case 'd': {
    const std::size_t begin = offset(value);
    return unlocated_ ? "0" : text_.substr(begin, end(value) - begin);
  }
  default:
    return {};
  }
}

std::optional<std::int64_t> TapeView::integer(const Value &number) {
  const std::size_t i = tape_.index(number);
  constexpr std::int64_t max_18_digits = 999'999'999'999'999'999;
  switch (tape_.type(i)) {
  case 'l': {
    const std::int64_t value = tape_.int64(i);
    if (value >= -max_18_digits && value <= max_18_digits) return value;
    return std::nullopt;
  }
  case 'u': // above INT64_MAX: 19 digits or more
    return std::nullopt;
  default: // is 199.99999999999999999 the integer 200? Only its literal tells.
    const auto decimal = Decimal::parse(text(number));
    return decimal ? decimal->to_int64() : std::nullopt;
  }
}

std::optional<std::string> TapeView::card_digits(const Value &number) {
  const std::size_t i = tape_.index(number);
  constexpr std::int64_t small = 1'000'000'000'000;
  switch (tape_.type(i)) {
  case 'l': { // an integer literal: its digits are those of the value (no leading zeros, no '+')
    const std::int64_t value = tape_.int64(i);
    if (value > -small && value < small) return std::nullopt;
    return std::to_string(value);
  }
  case 'u':
    return std::to_string(tape_.uint64(i));
  default: {
    // The literal rounds to this double: below 10^11 its integer, if any, is below 10^12.
    if (std::fabs(tape_.float64(i)) < 1e11) return std::nullopt;
    const auto decimal = Decimal::parse(text(number));
    return decimal ? decimal->integer_digits() : std::nullopt;
  }
  }
}

std::size_t TapeView::offset(const Value &value) {
  if (offsets_ == nullptr) {
    unlocated_ = true;
    return 0;
  }
  const std::size_t i = tape_.index(value);
  if (i >= mapped_) map_offsets(i);
  return (*offsets_)[i];
}

std::size_t TapeView::end(const Value &value) {
  const std::size_t i = tape_.index(value);
  const std::size_t begin = offset(value);
  if (unlocated_) return begin;
  switch (tape_.type(i)) {
  case '"': {
    // simdjson validated the string: the first quote not escaped closes it.
    std::size_t at = begin + 1;
    while (text_[at] != '"') at += text_[at] == '\\' ? 2 : 1;
    return at + 1;
  }
  case 'l':
  case 'u':
  case 'd':
    return begin + scan_number(text_.substr(begin)).length;
  case 't':
  case 'n':
    return begin + 4;
  case 'f':
    return begin + 5;
  default: // a container: one past its closing bracket, the word before the one after it
    return offset(tape_.word(tape_.after(i) - 1)) + 1;
  }
}

bool TapeView::strings_may_hold_card_number(const Value &first, const Value &last) {
  const std::string_view range = tape_.strings_between(tape_.index(first), tape_.index(last));
  screen_ = range.data();
  screen_size_ = range.size();
  const std::size_t end = card_number_screen(range);
  run_end_ = end == std::string_view::npos ? screen_size_ + 1 : end;
  return end != std::string_view::npos;
}

bool TapeView::string_may_hold_card_number(const Value &string) {
  const std::string_view text = tape_.string(tape_.index(string));
  const auto begin = static_cast<std::size_t>(text.data() - screen_);
  const std::size_t end = begin + text.size();
  if (run_end_ > end) return false; // the first run found ends past this string
  // The run lies in this string when it starts in it (a run holds no NUL, which ends a string).
  if (run_end_ >= begin + card_number_run) return true;
  // What was found lies before this string: the first run from it on.
  const std::size_t found = card_number_screen(std::string_view(text.data(), screen_size_ - begin));
  run_end_ = found == std::string_view::npos ? screen_size_ + 1 : begin + found;
  return run_end_ <= end;
}

void TapeView::map_offsets(std::size_t through) {
  const std::uint32_t *structurals = structurals_;
  std::vector<std::uint32_t> &offsets = *offsets_;
  if (mapped_ == 1) {
    // The root word holds the index after the closing root word.
    offsets.resize(static_cast<std::size_t>(tape_.payload(0)) - 1);
  }
  std::size_t i = mapped_;
  std::size_t s = next_structural_;
  while (i <= through) {
    while (text_[structurals[s]] == ':' || text_[structurals[s]] == ',') ++s;
    offsets[i] = structurals[s++];
    const char type = tape_.type(i);
    i += type == 'l' || type == 'u' || type == 'd' ? 2 : 1;
  }
  mapped_ = i;
  next_structural_ = s;
}

} // namespace pss
