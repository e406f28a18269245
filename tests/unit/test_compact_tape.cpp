// The compact tape: it accepts exactly what json::parse accepts, and every value and key on it
// has the kind, place and text the tree gives it.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "core/json/compact_tape.hpp"
#include "core/json/value.hpp"

using namespace pss;
using json::CompactTape;

namespace {

// Walks the tree and the tape side by side.
void expect_same(CompactTape &tape, const CompactTape::Word &word, const json::Value &value) {
  REQUIRE(CompactTape::kind(word) == value.kind);
  CHECK(CompactTape::offset(word) == value.offset);
  CHECK(tape.end(word) == value.end);
  if (value.kind == json::Kind::String || value.kind == json::Kind::Number) {
    CHECK(tape.text(word) == value.text);
  }
  if (value.is_scalar()) return;
  const CompactTape::Word *at = CompactTape::first_child(word);
  const CompactTape::Word *stop = CompactTape::after(word);
  if (value.kind == json::Kind::Object) {
    for (const auto &member : value.members) {
      REQUIRE(at != stop);
      CHECK(tape.text(*at) == member.key);
      CHECK(CompactTape::offset(*at) == member.key_offset);
      expect_same(tape, CompactTape::value_of(*at), member.value);
      at = CompactTape::after_member(*at);
    }
  } else {
    for (const auto &item : value.items) {
      REQUIRE(at != stop);
      expect_same(tape, *at, item);
      at = CompactTape::after(*at);
    }
  }
  CHECK(at == stop);
}

// The tape reads `text` exactly when json::parse does, and then holds the same values.
void expect_reads_as_tree(std::string_view text) {
  CAPTURE(text.substr(0, 200));
  CompactTape tape;
  const auto parsed = json::parse(text);
  REQUIRE(tape.read(text) == parsed.value.has_value());
  if (parsed.value) expect_same(tape, tape.root(), *parsed.value);
}

std::string nested(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

} // namespace

TEST_CASE("the compact tape reads every value as json::parse does") {
  for (const char *text : {
           "0",
           " -0.5e+3 ",
           "\"\"",
           "true",
           "false",
           "null",
           "[]",
           "{}",
           " [ ] ",
           "{ }",
           R"({"a": [1, {"b": null}, []], "c": {}, "": ""})",
           R"(["\"\\\/\b\f\n\r\t", "\u00e9\u20AC\uD83D\uDE00", "plain", "a\u0000b"])",
           R"({"\u0063ode": 1, "code": 2, "k\"ey": "v"})",
           "[1e400, -1e-400, 123456789012345678901, -99999999999999999999999, 0.1e1]",
           "[\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\"]",
           "\t\r\n[1,\n2]\n",
           "[\"0123456789abcdefghijklmnopqrstuvwxyz\\n0123456789\"]",
       }) {
    expect_reads_as_tree(text);
  }
}

TEST_CASE("the compact tape refuses what json::parse refuses") {
  for (const char *text : {
           "",
           " ",
           "[",
           "]",
           "{",
           "[1,]",
           R"({"a":1,})",
           R"({"a" 1})",
           R"({a: 1})",
           "[1 2]",
           "01",
           "1.",
           "1e",
           "-",
           "+1",
           ".5",
           "1.5.3",
           "tru",
           "truex",
           "nul",
           "[nulll]",
           "NaN",
           "[1] [2]",
           "{} x",
           "\"abc",
           "\"a\tb\"",
           "\"\\x\"",
           "\"\\u12\"",
           "\"\\u12G4\"",
           R"("\uDC00")",
           R"("\uD800")",
           R"("\uD800\u0041")",
           R"("\uD800x")",
           "'a'",
           "\xEF\xBB\xBF{}",
           "[\"\xC3\"]",
           "[\"\xED\xA0\x80\"]",
           "[\xC3\xA9]",
           "[1]\x00",
           R"({"a":1 "b":2})",
           R"({"a":1,,"b":2})",
           "[,1]",
           "{,}",
           R"({"a"})",
           R"({"a":})",
       }) {
    expect_reads_as_tree(std::string_view(text, std::char_traits<char>::length(text)));
  }
  expect_reads_as_tree(std::string_view("[1]\0", 4));
}

TEST_CASE("the compact tape nests as deep as json::parse and no deeper") {
  expect_reads_as_tree(nested(json::max_depth));
  expect_reads_as_tree(nested(json::max_depth + 1));
  std::string objects;
  for (std::size_t i = 0; i < json::max_depth; ++i) objects += R"({"a":)";
  objects += "1" + std::string(json::max_depth, '}');
  expect_reads_as_tree(objects);
  expect_reads_as_tree("[" + objects + "]");
}

TEST_CASE("the compact tape keeps every value across its chunks of words") {
  // Each element takes 7 words: with each prefix, another word of the period is the last of a
  // chunk (2^17 words), so every kind of word and every part of a container meets its edge.
  std::string elements;
  for (int i = 0; i < 20000; ++i) {
    elements += R"({"k\"":[)" + std::to_string(i) + R"(,"s"]},)";
  }
  elements.pop_back();
  for (int prefix = 0; prefix < 7; ++prefix) {
    std::string text = "[";
    for (int i = 0; i < prefix; ++i) text += "0,";
    expect_reads_as_tree(text + elements + "]");
  }
}

TEST_CASE("strings and numbers longer than a word's length field are read from the source") {
  const std::string long_text(600000, 'x');
  expect_reads_as_tree("[\"" + long_text + "\", \"" + long_text + "\\n\"]");
  expect_reads_as_tree("[1" + std::string(600000, '0') + ", 0." + std::string(600000, '1') + "]");
}

TEST_CASE("arrays and objects longer than a word's length field end where the tree says") {
  // 2^19 - 1 bytes fit the word; longer containers, nested, at each end of that bound.
  for (const std::size_t length : {std::size_t{524285}, std::size_t{524286}, std::size_t{524287},
                                   std::size_t{524288}, std::size_t{1200000}}) {
    const std::string text = "[\"" + std::string(length - 4, 'x') + "\"]";
    REQUIRE(text.size() == length);
    expect_reads_as_tree(text);
    expect_reads_as_tree(R"({"a": )" + text + R"(, "b": [)" + text + "  ,\n" + text + "\n]\n}");
  }
}

TEST_CASE("whitespace runs of every length and kind are skipped as json::parse skips them") {
  // Runs shorter and longer than eight bytes, each kind of whitespace at each place of a run,
  // and a run that ends the text.
  for (std::size_t run = 0; run < 20; ++run) {
    for (const char kind : {' ', '\n', '\t', '\r'}) {
      for (std::size_t at = 0; at <= run; ++at) {
        std::string ws(run, ' ');
        if (at < run) ws[at] = kind;
        expect_reads_as_tree(ws + "{" + ws + R"("a")" + ws + ":" + ws + "[" + ws + "1" + ws + "," +
                             ws + "{}" + ws + "]" + ws + "}" + ws);
        expect_reads_as_tree("[1" + ws + "\v]"); // not whitespace in JSON
        expect_reads_as_tree("[1" + ws + std::string("\0]", 2));
      }
    }
  }
}
