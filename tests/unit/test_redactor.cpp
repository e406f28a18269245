// The Redactor: what outputs show of values, keys, pointers and source lines.
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "core/json/writer.hpp"
#include "core/privacy/redactor.hpp"

using namespace pss;

namespace {

std::string written_number(std::string_view literal) {
  std::string out;
  json::JsonWriter writer(out);
  Redactor::write_number(writer, literal);
  return out;
}

} // namespace

TEST_CASE("a member is secret by its key or by an ancestor's") {
  CHECK(Redactor::is_secret("cvv"));
  CHECK(Redactor::is_secret("Security_Code"));
  CHECK_FALSE(Redactor::is_secret("amount"));
  CHECK(Redactor::is_secret("amount", true)); // under `token`, everything is secret
}

TEST_CASE("masking shows at most the first six and last four digits") {
  CHECK(Redactor::mask(std::string_view("card 4242424242424242.")) == "card 424242******4242.");
  CHECK(Redactor::mask(std::string_view("4000000000000000006")) == "400000*********0006");
  CHECK(Redactor::mask(std::string_view("ts 1700000000007")) == "ts 1700000000007");
  CHECK(Redactor::mask(std::string("/body/4111-1111-1111-1111")) == "/body/4111-11**-****-1111");
}

TEST_CASE("a number is masked by the integer it denotes, as pci.pan reads it") {
  // The digits as written hold the card number: they are masked in place.
  CHECK(Redactor::number_holds_card_number("4242424242424242.0"));
  CHECK(Redactor::mask_number("4242424242424242.0") == "424242******4242.0");
  // Only the integer an exponent literal denotes holds it: its digits are shown masked.
  for (const char *literal :
       {"4.242424242424242e15", "42424242424242420e-1", "0.4242424242424242E16",
        "4242424242424242e0", "42424242424242.42e2", "424242424242424.2e1"}) {
    CHECK_MESSAGE(Redactor::number_holds_card_number(literal), literal);
    CHECK_MESSAGE(Redactor::mask_number(literal) == "424242******4242", literal);
    CHECK_MESSAGE(Redactor::show_number(literal) == "424242******4242", literal);
  }
  // No card number: shown as written.
  for (const char *literal : {"1.5e3", "502", "4.242424242424242e14", "1e400"}) {
    CHECK_MESSAGE(!Redactor::number_holds_card_number(literal), literal);
    CHECK_MESSAGE(Redactor::mask_number(literal) == literal, literal);
  }
  CHECK(Redactor::show_number("4.242424242424242e15", true) == "***");
}

TEST_CASE("masking a string taken over keeps it when it holds no card number") {
  std::string pointer = "/response_body/items/0/description/long-enough-for-the-heap";
  const char *const storage = pointer.data();
  const std::string masked = Redactor::mask(std::move(pointer));
  CHECK(masked == "/response_body/items/0/description/long-enough-for-the-heap");
  CHECK(masked.data() == storage);
}

TEST_CASE("a number holding a card number is written as a masked string") {
  CHECK(written_number("4242424242424242") == "\"424242******4242\"");
  CHECK(written_number("200") == "200");
  CHECK(written_number("1e400") == "1e400"); // the literal as written, never rounded
  CHECK(written_number("1700000000007") == "1700000000007");
}

TEST_CASE("quote_for_display masks card numbers") {
  CHECK(quote_for_display("4242424242424242") == "\"424242******4242\"");
}

TEST_CASE("a string is shown quoted, masked and terminal-safe, or as *** when secret") {
  CHECK(Redactor::show_string("ok") == "\"ok\"");
  CHECK(Redactor::show_string("pan 4242424242424242") == "\"pan 424242******4242\"");
  CHECK(Redactor::show_string("a\x1b[31mred") == "\"a\\u001b[31mred\"");
  CHECK(Redactor::show_string("say \"hi\"") == "\"say \\\"hi\\\"\"");
  CHECK(Redactor::show_string("tok_live_abc", true) == "***");
  CHECK(quote_for_display("a\x1b") == Redactor::show_string("a\x1b"));
}

TEST_CASE("raw source text and pointers are shown masked and escaped, unquoted") {
  CHECK(Redactor::show_raw("4242424242424242") == "424242******4242");
  CHECK(Redactor::show_raw("199.5") == "199.5");
  CHECK(Redactor::show_raw("1234", true) == "***");
  CHECK(Redactor::show_pointer("/response_body/4242424242424242/x") ==
        "/response_body/424242******4242/x");
  CHECK(Redactor::show_pointer("/a\nb") == "/a\\nb");
  CHECK(Redactor::show_pointer("").empty());
}

TEST_CASE("what a source excerpt shows in place of a scalar") {
  std::string shown = "untouched";
  CHECK_FALSE(Redactor::replace_in_source(json::Kind::String, "ok", false, shown));
  CHECK_FALSE(Redactor::replace_in_source(json::Kind::True, "true", false, shown));
  CHECK(shown == "untouched");
  REQUIRE(Redactor::replace_in_source(json::Kind::String, "", true, shown));
  CHECK(shown == "\"***\""); // a string keeps its quotes
  REQUIRE(Redactor::replace_in_source(json::Kind::Number, "", true, shown));
  CHECK(shown == "***");
  REQUIRE(Redactor::replace_in_source(json::Kind::Null, "", true, shown));
  CHECK(shown == "***");
  REQUIRE(Redactor::replace_in_source(json::Kind::String, "4242424242424242", false, shown));
  CHECK(shown == "\"424242******4242\"");
  REQUIRE(Redactor::replace_in_source(json::Kind::Number, "4242424242424242", false, shown));
  CHECK(shown == "424242******4242");
}

TEST_CASE("a source line's pieces show redactions and masked card numbers") {
  const std::string_view text = "{\"token\": \"tok_live_abc\", \"pan\": 4242424242424242}";
  const std::vector<Redaction> redactions{{ByteRange{10, 24}, "\"***\""}};
  const Redactor redactor(redactions);
  const Redactor::Line line = redactor.line(text, 0, text.size());
  CHECK(line.show(0, text.size(), true) == "{\"token\": \"***\", \"pan\": 424242******4242}");
  // A piece that starts inside a redaction shows it only when it is the line's first piece.
  CHECK(line.show(12, 26, true) == "\"***\", ");
  CHECK(line.show(12, 26, false) == ", ");
}

TEST_CASE("a card number that the pieces of a line cut is still masked") {
  const std::string_view text = "{\"pan\": 4242424242424242}";
  const Redactor::Line line = Redactor().line(text, 0, text.size());
  // Marked from the middle of the number: neither piece alone is a card number.
  const std::string shown = line.show(0, 14, true) + line.show(14, text.size(), false);
  CHECK(shown == "{\"pan\": 424242******4242}");
  CHECK(line.show(8, 14, false) == "424242");
  CHECK(line.show(14, 24, false) == "******4242");
}

TEST_CASE("a line with control characters is shown escaped") {
  const std::string_view text = "{\"a\": \"x\x1b[2J\"}\n";
  const Redactor::Line line = Redactor().line(text, 0, text.size() - 1);
  CHECK(line.show(0, text.size() - 1, true) == "{\"a\": \"x\\u001b[2J\"}");
}

TEST_CASE("source passed through as data has its redactions applied, unescaped") {
  const std::string_view text = "{\"cvv\": 123, \"pan\": \"4242424242424242\", \"x\": \x01";
  const std::vector<Redaction> redactions{{ByteRange{8, 11}, "***"},
                                          {ByteRange{40, 400}, "***"}}; // past the text: skipped
  CHECK(Redactor(redactions).redact_source(text) ==
        "{\"cvv\": ***, \"pan\": \"424242******4242\", \"x\": \x01");
  CHECK(Redactor().redact_source("no secrets") == "no secrets");
}
