// libFuzzer target: card masking. After pss::mask_card_numbers no card number is left, as
// CONTRACT's "Card data" defines one (13-19 digits, single spaces or dashes between groups, not
// touching a letter or digit, Luhn-valid, a network's prefix); masking keeps the length, changes
// only digits into '*', and masking twice gives what masking once gave.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "card_oracle.hpp"
#include "core/privacy/card.hpp"

namespace {

using pss::fuzz::first_card_number;
using pss::fuzz::is_digit;

[[noreturn]] void fail(const char *what, std::string_view masked) {
  std::fprintf(stderr, "card: %s; masked:\n%.*s\n", what, static_cast<int>(masked.size()),
               masked.data());
  std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char *>(data), size);
  const std::string masked = pss::mask_card_numbers(text);
  if (masked.size() != text.size()) fail("the length changed", masked);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (masked[i] != text[i] && !(is_digit(text[i]) && masked[i] == '*')) {
      fail("a byte other than a digit changed", masked);
    }
  }
  if (const std::string left = first_card_number(masked); !left.empty()) {
    fail(("a card number is left: " + left).c_str(), masked);
  }
  if (pss::has_card_number(masked)) fail("has_card_number still finds one", masked);
  if (pss::mask_card_numbers(masked) != masked) fail("masking twice changes it", masked);
  // The finder agrees with the masker: a text with nothing found is left as it is.
  if (pss::find_card_numbers(text).empty() != (masked == text)) {
    fail("find_card_numbers and mask_card_numbers disagree", masked);
  }
  return 0;
}
