// Card numbers: what looks like one, how it is masked; which keys hold secrets.
#include <algorithm>
#include <string>

#include <doctest/doctest.h>

#include "core/privacy/card.hpp"

using namespace pss;

TEST_CASE("card numbers of each network are found") {
  for (const auto pan :
       {"4242424242424242", "5555555555554444", "2223003122003222", "378282246310005",
        "6011111111111117", "3566002020360505", "30569309025904", "6200000000000005",
        "4111 1111 1111 1111", "4111-1111-1111-1111"}) {
    CAPTURE(pan);
    CHECK(has_card_number(pan));
  }
}

TEST_CASE("look-alikes are not card numbers") {
  CHECK_FALSE(has_card_number("4242424242424241"));     // fails Luhn
  CHECK_FALSE(has_card_number("1700000000007"));        // a ms timestamp that passes Luhn
  CHECK_FALSE(has_card_number("42424242424242424242")); // 20 digits: part of a longer run
  CHECK_FALSE(has_card_number("424242424242"));         // 12 digits
  CHECK_FALSE(has_card_number("4111  1111 1111 1111")); // a double space splits the run
  CHECK_FALSE(has_card_number("9999999999999995"));     // no network starts with 9
}

TEST_CASE("a run touching a letter is part of a word or a hex string, not a card number") {
  CHECK_FALSE(has_card_number("e4111111111111111a"));   // inside a hex signature
  CHECK_FALSE(has_card_number("4111111111111111a"));    // a letter after
  CHECK_FALSE(has_card_number("x4111-1111-1111-1111")); // a letter before
  CHECK(has_card_number("card: 4111111111111111."));    // punctuation and spaces are fine
  CHECK(has_card_number("\"4111111111111111\""));
  CHECK(mask_card_numbers("ab4111111111111111cd 4111111111111111") ==
        "ab4111111111111111cd 411111******1111");
}

TEST_CASE("masking keeps the first six and last four digits") {
  CHECK(mask_card_numbers("4242424242424242") == "424242******4242");
  CHECK(mask_card_numbers("card 4111-1111-1111-1111 ok") == "card 4111-11**-****-1111 ok");
  CHECK(mask_card_numbers("ts 1700000000007") == "ts 1700000000007");
  CHECK(mask_card_numbers("ref 1234 4242424242424242") == "ref 1234 424242******4242");
}

TEST_CASE("secret keys, whatever their spelling") {
  for (const auto key : {"cvv", "CVC", "security_code", "token", "accessToken", "client_secret",
                         "password", "signature", "Authorization", "api-key", "pin"}) {
    CAPTURE(key);
    CHECK(is_secret_key(key));
  }
  for (const auto key : {"status", "amount", "shipping", "pinned", "merchantIdentifier"}) {
    CAPTURE(key);
    CHECK_FALSE(is_secret_key(key));
  }
}

TEST_CASE("a card number next to other digit groups is still found and masked") {
  CHECK(has_card_number("4111-1111-1111-1111 12-25"));
  CHECK(mask_card_numbers("4111-1111-1111-1111 12-25") == "4111-11**-****-1111 12-25");
  CHECK(has_card_number("7 4242 4242 4242 4242"));
  CHECK(mask_card_numbers("7 4242 4242 4242 4242") == "7 4242 42** **** 4242");
}

TEST_CASE("masking twice gives what masking once gave") {
  const std::string text = "4242 4242 4242 42424242 4242 4242 4242";
  const std::string once = mask_card_numbers(text);
  CHECK(once != text);
  CHECK(mask_card_numbers(once) == once);
  CHECK_FALSE(has_card_number(once));
}

TEST_CASE("an integer's digits are a card number exactly when has_card_number finds one in them") {
  // integer_is_card_number skips the search: it must agree with it on every integer's digits.
  std::string digits;
  for (const auto *base :
       {"4242424242424242", "378282246310005", "1723604746661", "2221000000000009",
        "3528000000000007", "30569309025904", "99999999999999999999"}) {
    for (std::size_t length = 0; length <= 21; ++length) {
      for (int last = 0; last < 10; ++last) {
        digits.assign(base, std::min(length, std::char_traits<char>::length(base)));
        if (length > digits.size()) digits.append(length - digits.size(), '3');
        if (!digits.empty()) digits.back() = static_cast<char>('0' + last);
        for (const bool negative : {false, true}) {
          const std::string text = negative ? "-" + digits : digits;
          CAPTURE(text);
          CHECK(integer_is_card_number(text) == has_card_number(text));
        }
      }
    }
  }
}
