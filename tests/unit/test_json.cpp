// The located parser: values, literals kept as written, offsets, and its refusals.
#include <doctest/doctest.h>

#include "core/json/value.hpp"

using namespace pss;

TEST_CASE("number literals are kept exactly as written") {
  const auto parsed = json::parse(R"([123456789012345678901234567890, 1.10, 1e400, -0, 1E+2])");
  REQUIRE(parsed.value);
  const auto &items = parsed.value->items;
  REQUIRE(items.size() == 5);
  CHECK(items[0].text == "123456789012345678901234567890");
  CHECK(items[1].text == "1.10");
  CHECK(items[2].text == "1e400");
  CHECK(items[3].text == "-0");
  CHECK(items[4].text == "1E+2");
}

TEST_CASE("strings are decoded, surrogate pairs included") {
  const auto parsed = json::parse(R"({"\u0063ode": "a\"b\\c\/d\n\ud83d\ude00"})");
  REQUIRE(parsed.value);
  CHECK(parsed.value->members[0].key == "code");
  CHECK(parsed.value->members[0].value.text == "a\"b\\c/d\n\xF0\x9F\x98\x80");
}

TEST_CASE("offsets point at values and keys") {
  const auto parsed = json::parse("{\n  \"a\": [true, null]\n}");
  REQUIRE(parsed.value);
  const auto &member = parsed.value->members[0];
  CHECK(member.key_offset == 4);
  CHECK(member.value.offset == 9);
  CHECK(member.value.end == 21);
  CHECK(member.value.items[1].kind == json::Kind::Null);
  CHECK(member.value.items[1].offset == 16);
}

TEST_CASE("refusals carry an offset and a message for a person") {
  struct Case {
    std::string_view text;
    std::size_t offset;
    std::string_view says;
  };
  const Case cases[] = {
      {"", 0, "empty input"},
      {"[1,]", 3, "trailing comma"},
      {"{\"a\":1,}", 7, "trailing comma"},
      {"// c\n{}", 0, "comments"},
      {"[NaN]", 1, "NaN"},
      {"{'a': 1}", 1, "double quotes"},
      {"[01]", 1, "leading zeros"},
      {"[1.]", 3, "digit after '.'"},
      {"\"\\uD800\"", 1, "lone high surrogate"},
      {"\"\\uDC00\"", 1, "lone low surrogate"},
      {"\"\xC0\xAF\"", 1, "invalid UTF-8"},
      {"\"a\tb\"", 2, "control character"},
      {"{} {}", 3, "after the end"},
      {"[tru]", 1, "expected 'true'"},
      {"{\"a\" 1}", 5, "':'"},
      {"\"abc", 0, "unterminated string"},
  };
  for (const auto &c : cases) {
    CAPTURE(c.text);
    const auto parsed = json::parse(c.text);
    REQUIRE(parsed.error);
    CHECK_FALSE(parsed.value);
    CHECK(parsed.error->offset == c.offset);
    CHECK(parsed.error->message.find(c.says) != std::string::npos);
  }
}

TEST_CASE("append_quoted escapes what JSON and terminals need") {
  std::string out;
  json::append_quoted(out, "a\"\\\n\x01\x7f\xE2\x80\xA8z");
  CHECK(out == "\"a\\\"\\\\\\n\\u0001\\u007f\\u2028z\"");
}
