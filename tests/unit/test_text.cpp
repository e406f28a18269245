// Display escaping, pointers, suggestions and locations.
#include <array>

#include <doctest/doctest.h>

#include "core/location.hpp"
#include "core/text.hpp"

using namespace pss;

TEST_CASE("terminal escapes and control characters are shown escaped") {
  CHECK(escape_for_display("a\x1b[31mred") == "a\\u001b[31mred");
  CHECK(escape_for_display("tab\there\n") == "tab\\there\\n");
  CHECK(escape_for_display("\xC2\x9B") == "\\u009b");     // C1 CSI
  CHECK(escape_for_display("\xE2\x80\xAE") == "\\u202e"); // right-to-left override
  CHECK(escape_for_display("\xFF ok") == "\\xff ok");
  CHECK(escape_for_display("\xEF\xBB\xBF{") == "\\ufeff{"); // byte order mark
  CHECK(escape_for_display("a\xE2\x80\x8B"
                           "b") == "a\\u200b"
                                   "b"); // zero-width space
  CHECK(escape_for_display("caf\xC3\xA9") == "caf\xC3\xA9");
}

TEST_CASE("quote_for_display masks card numbers") {
  CHECK(quote_for_display("4242424242424242") == "\"424242******4242\"");
}

TEST_CASE("pointer tokens are escaped per RFC 6901") {
  std::string pointer;
  append_pointer_token(pointer, "a/b~c");
  CHECK(pointer == "/a~1b~0c");
}

TEST_CASE("closest_match finds typos and case slips, not strangers") {
  const std::array<std::string_view, 3> names{"status", "status_code", "code"};
  CHECK(closest_match("stauts", names) == std::optional<std::string_view>("status"));
  CHECK(closest_match("Status", names) == std::optional<std::string_view>("status"));
  CHECK(closest_match("statuscode", names) == std::optional<std::string_view>("status_code"));
  CHECK_FALSE(closest_match("merchant", names));
}

TEST_CASE("positions are 1-based lines and character columns") {
  const LineIndex index("ab\n\xC3\xA9x\r\nz");
  CHECK(index.locate(0).line == 1);
  CHECK(index.locate(3).column == 1);
  CHECK(index.locate(5).column == 2); // after the two-byte é
  CHECK(index.locate(8).line == 3);
}
