// Number literals: the grammar and the exact decimal every reader of numbers uses.
#include <doctest/doctest.h>

#include "core/json/number.hpp"

using namespace pss;

namespace {

Decimal value_of(std::string_view literal) {
  const auto value = Decimal::parse(literal);
  REQUIRE(value.has_value());
  return *value;
}

} // namespace

TEST_CASE("numbers compare by value: 1, 1.0, 1e0, 10e-1 and 0.1e1 are one number") {
  for (const char *a : {"1", "1.0", "1e0", "10e-1", "0.1e1", "1.000E+0", "100e-2"}) {
    for (const char *b : {"1", "1.0", "1e0", "10e-1"}) {
      CAPTURE(a);
      CAPTURE(b);
      CHECK(numbers_equal(a, b));
    }
  }
  CHECK(numbers_equal("1e2", "100"));
  CHECK(numbers_equal("-0", "0"));
  CHECK(numbers_equal("-0.0e5", "0"));
  CHECK(numbers_equal("0e99999999999999999999999", "0"));
  CHECK_FALSE(numbers_equal("1", "-1"));
  CHECK_FALSE(numbers_equal("1", "10"));
  CHECK_FALSE(numbers_equal("0.1", "0.01"));
}

TEST_CASE("big integers and long decimals are compared exactly, not through double") {
  CHECK_FALSE(numbers_equal("123456789012345678901234567890", "123456789012345678901234567891"));
  CHECK_FALSE(numbers_equal("9007199254740993", "9007199254740992")); // equal as doubles
  CHECK(numbers_equal("123456789012345678901234567890", "1.2345678901234567890123456789e29"));
  CHECK_FALSE(numbers_equal("0.1000000000000000055511151231257827",
                            "0.1000000000000000055511151231257828"));
  CHECK(numbers_equal("0.10000000000000000555", "0.100000000000000005550"));
  const Decimal d = Decimal::of("-12.3400e3");
  CHECK(d.negative);
  CHECK(d.digits == "1234");
  CHECK(d.exponent == 1);
}

TEST_CASE("the grammar of RFC 8259 numbers: where a literal ends and why one is broken") {
  CHECK(scan_number("123,").length == 3);
  CHECK(scan_number("-0.5e+10]").length == 8);
  CHECK(scan_number("0x").length == 1); // what follows is the caller's business
  CHECK(scan_number("-").error == NumberSyntax::DigitAfterMinus);
  CHECK(scan_number("-Infinity").error == NumberSyntax::DigitAfterMinus);
  CHECK(scan_number("01").error == NumberSyntax::LeadingZero);
  CHECK(scan_number("-01").error_offset == 0);
  const NumberScan point = scan_number("12.e3");
  CHECK(point.error == NumberSyntax::DigitAfterPoint);
  CHECK(point.error_offset == 3);
  const NumberScan exponent = scan_number("1e+");
  CHECK(exponent.error == NumberSyntax::DigitInExponent);
  CHECK(exponent.error_offset == 3);
}

TEST_CASE("only a whole literal parses") {
  for (const char *bad :
       {"", "-", "01", "1.", ".5", "1e", "+1", "1 ", " 1", "0x10", "NaN", "1e5x"}) {
    CAPTURE(bad);
    CHECK_FALSE(Decimal::parse(bad).has_value());
  }
  for (const char *good : {"0", "-0", "1", "-1.5", "1E5", "1e-5", "1e+05", "0.000"}) {
    CAPTURE(good);
    CHECK(Decimal::parse(good).has_value());
  }
}

TEST_CASE("an integer is read from the literal, never through a double") {
  CHECK(value_of("2e2").integer_digits() == "200");
  CHECK(value_of("200.0").integer_digits() == "200");
  CHECK(value_of("-0").integer_digits() == "0");
  CHECK(value_of("-12e1").integer_digits() == "-120");
  CHECK_FALSE(value_of("400.0000000000000006").is_integer());
  CHECK_FALSE(value_of("1e-1").integer_digits().has_value());
  CHECK(value_of("1e39").integer_digits()->size() == 40);
  CHECK_FALSE(value_of("1e40").integer_digits().has_value()); // 41 digits
  CHECK_FALSE(value_of("1e99999999999999999999").integer_digits().has_value());
  CHECK(value_of("0e99999999999999999999").integer_digits() == "0");
  CHECK(value_of("123456789012345678").to_int64() == 123456789012345678);
  CHECK_FALSE(value_of("1234567890123456789").to_int64().has_value()); // 19 digits
  CHECK(value_of("-5e2").to_int64() == -500);
}

TEST_CASE("a range test holds only for integers in the range") {
  CHECK(value_of("200").integer_in(100, 599));
  CHECK(value_of("2e2").integer_in(100, 599));
  CHECK(value_of("5.99e2").integer_in(100, 599));
  CHECK(value_of("100").integer_in(100, 599));
  CHECK_FALSE(value_of("600").integer_in(100, 599));
  CHECK_FALSE(value_of("99").integer_in(100, 599));
  CHECK_FALSE(value_of("-200").integer_in(100, 599));
  // A double rounds this to 200: it is not 200, and not an integer.
  CHECK_FALSE(value_of("199.99999999999999999").integer_in(100, 599));
  CHECK_FALSE(value_of("200.00000000000000001").integer_in(100, 599));
  CHECK_FALSE(value_of("2000000000000000000000").integer_in(100, 599));
}
