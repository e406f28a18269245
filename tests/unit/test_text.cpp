// Display escaping, pointers, suggestions and locations.
#include <array>

#include <doctest/doctest.h>

#include "core/json/location.hpp"
#include "core/json/text.hpp"

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

TEST_CASE("every Cc, Cf, Zl and Zp code point is escaped, and nothing else") {
  CHECK(escape_for_display("\xC2\x9D\xC2\x9C") == "\\u009d\\u009c"); // C1 OSC and ST
  CHECK(escape_for_display("soft\xC2\xADhyphen") == "soft\\u00adhyphen");
  CHECK(escape_for_display("\xE2\x80\xA8\xE2\x80\xA9") == "\\u2028\\u2029"); // Zl, Zp
  CHECK(escape_for_display("\xE2\x81\xA6") == "\\u2066");         // left-to-right isolate
  CHECK(escape_for_display("\xF3\xA0\x80\x81") == "\\U000e0001"); // language tag
  CHECK(escape_for_display("\x07\x7F") == "\\u0007\\u007f");
  CHECK(is_invisible(0x0600));
  CHECK_FALSE(is_invisible(U'a'));
  CHECK_FALSE(is_invisible(0x00A0)); // no-break space is a visible space (Zs)
  CHECK_FALSE(is_invisible(0x4E2D)); // a CJK ideograph
  CHECK_FALSE(is_invisible(0x1F600));
}

TEST_CASE("escape_invalid_utf8 keeps characters and writes only bad bytes as text") {
  CHECK(escape_invalid_utf8("a\x1b\xFF\xC3\xA9") == "a\x1b\\xff\xC3\xA9");
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
  CHECK(closest_match("stauts_cdoe", names) == std::optional<std::string_view>("status_code"));
  CHECK_FALSE(closest_match("stat", names)); // two deletions from "status", but 4 letters
}

TEST_CASE("closest_match of a 10 MiB word is no match, in linear time and memory") {
  // The full table of this word against "status" would be 10 Mi * 7 entries (560 MiB).
  const std::string word(10 << 20, 's');
  const std::array<std::string_view, 3> names{"status", "status_code", "code"};
  CHECK_FALSE(closest_match(word, names));
  const std::string near = std::string(20, 'a') + "b";
  const std::array<std::string_view, 1> one{std::string_view(near).substr(0, 20)};
  CHECK(closest_match(near, one) == one[0]);
}

TEST_CASE("positions are 1-based lines and character columns") {
  const LineIndex index("ab\n\xC3\xA9x\r\nz");
  CHECK(index.locate(0).line == 1);
  CHECK(index.locate(3).column == 1);
  CHECK(index.locate(5).column == 2); // after the two-byte é
  CHECK(index.locate(8).line == 3);
}

TEST_CASE("positions far along a long line, located in any order, count characters") {
  // Past the distance counted directly from the line start, columns come from the offsets
  // located before: out of order, and on a later line, they must still count every character.
  std::string text = "x\n";
  for (int i = 0; i < 5000; ++i) text += "\xC3\xA9-"; // 3 bytes, 2 characters
  text += "\nz";
  const LineIndex index(text);
  const auto column = [&](std::size_t offset) {
    return 1 + count_characters(std::string_view(text).substr(2, offset - 2));
  };
  for (const std::size_t offset : {12002, 9002, 15001, 6002, 2, 14999}) {
    const Position at = index.locate(offset);
    CHECK(at.line == 2);
    CHECK(at.column == column(offset));
  }
  CHECK(index.locate(text.size() - 1).line == 3);
  CHECK(index.locate(text.size() - 1).column == 1);
  CHECK(index.locate(1).line == 1);
}
