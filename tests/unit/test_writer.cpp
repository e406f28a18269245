// The JSON writer: layouts, nesting, escaping (decoded text and validated literals), raw number
// literals and the style hook.
#include <cstdint>
#include <limits>
#include <string>

#include <doctest/doctest.h>

#include "core/json/text.hpp"
#include "core/json/value.hpp"
#include "core/json/writer.hpp"

using namespace pss;
using namespace pss::json;

namespace {

// {"a":[1,{},[],"x",true,false,null],"b":{"c":"d"}} written with `layout`.
std::string sample(Layout layout, Styles styles = {}) {
  std::string out;
  JsonWriter w(out, layout, styles);
  w.begin_object();
  w.key("a");
  w.begin_array();
  w.number("1");
  w.begin_object();
  w.end_object();
  w.begin_array();
  w.end_array();
  w.string("x");
  w.boolean(true);
  w.boolean(false);
  w.null();
  w.end_array();
  w.key("b");
  w.begin_object();
  w.key("c");
  w.string("d");
  w.end_object();
  w.end_object();
  CHECK(w.complete());
  return out;
}

std::string quoted(std::string_view text) {
  std::string out;
  append_quoted(out, text);
  return out;
}

std::string requoted(std::string_view literal) {
  std::string out;
  append_requoted(out, literal);
  return out;
}

// What the hand parser decodes `literal` to, quoted again: the reference for append_requoted.
std::string decoded_then_quoted(std::string_view literal) {
  const auto parsed = parse(literal);
  REQUIRE_MESSAGE(parsed.value, literal);
  return quoted(parsed.value->text);
}

} // namespace

TEST_CASE("compact layout: one line, no spaces, empty containers as {} and []") {
  CHECK(sample(Layout{}) == R"({"a":[1,{},[],"x",true,false,null],"b":{"c":"d"}})");
}

TEST_CASE("pretty layout: a member or element a line, indented per level, \": \" after keys") {
  CHECK(sample(Layout{2}) == R"({
  "a": [
    1,
    {},
    [],
    "x",
    true,
    false,
    null
  ],
  "b": {
    "c": "d"
  }
})");
  CHECK(sample(Layout{4}).find("\n        {},\n") != std::string::npos);
  CHECK(sample(Layout{0, true}) ==
        "{\n\t\"a\": [\n\t\t1,\n\t\t{},\n\t\t[],\n\t\t\"x\",\n\t\ttrue,\n"
        "\t\tfalse,\n\t\tnull\n\t],\n\t\"b\": {\n\t\t\"c\": \"d\"\n\t}\n}");
}

TEST_CASE("a scalar alone is a whole document") {
  std::string out;
  JsonWriter w(out, Layout{2});
  CHECK_FALSE(w.complete());
  w.string("é");
  CHECK(w.complete());
  CHECK(out == "\"é\"");
}

TEST_CASE("the writer is complete only when every container is closed") {
  std::string out;
  JsonWriter w(out);
  w.begin_array();
  w.begin_object();
  CHECK(w.depth() == 2);
  w.end_object();
  CHECK_FALSE(w.complete());
  w.end_array();
  CHECK(w.complete());
  CHECK(w.depth() == 0);
}

TEST_CASE("deep nesting: commas, keys and indentation stay right past the levels kept inline") {
  // 40 levels: an object with key "k" in each array, members after the inner value, so the
  // frames well past the first few are read again after their children close.
  std::string expected;
  std::string out;
  JsonWriter w(out);
  for (int level = 0; level < 20; ++level) {
    w.begin_array();
    w.integer(level);
    w.begin_object();
    w.key("k");
    expected += "[" + std::to_string(level) + ",{\"k\":";
  }
  CHECK(w.depth() == 40);
  w.null();
  expected += "null";
  for (int level = 19; level >= 0; --level) {
    w.key("after");
    w.integer(level);
    w.end_object();
    w.boolean(true);
    w.end_array();
    expected += ",\"after\":" + std::to_string(level) + "},true]";
  }
  CHECK(w.complete());
  CHECK(w.depth() == 0);
  CHECK(out == expected);

  std::string pretty;
  JsonWriter p(pretty, Layout{1});
  for (int level = 0; level < 20; ++level) p.begin_array();
  p.integer(7);
  for (int level = 0; level < 20; ++level) p.end_array();
  CHECK(p.complete());
  CHECK(pretty.find(std::string(20, ' ') + "7\n") != std::string::npos);
  CHECK(pretty.back() == ']');
}

TEST_CASE("number literals are written as given, never through a double") {
  std::string out;
  JsonWriter w(out);
  w.begin_array();
  for (const char *literal : {"1.50", "-0", "1e400", "123456789012345678901234567890", "1E+2"})
    w.number(literal);
  w.end_array();
  CHECK(out == "[1.50,-0,1e400,123456789012345678901234567890,1E+2]");
}

TEST_CASE("integers are written in decimal, whatever their type") {
  std::string out;
  JsonWriter w(out);
  w.begin_array();
  w.integer(0);
  w.integer(-42);
  w.integer(std::numeric_limits<std::uint64_t>::max());
  w.integer(std::numeric_limits<std::int64_t>::min());
  w.end_array();
  CHECK(out == "[0,-42,18446744073709551615,-9223372036854775808]");
}

TEST_CASE("styles wrap keys, strings, numbers and literals; punctuation stays plain") {
  const Styles styles{"<k>", "<s>", "<n>", "<l>", "</>"};
  CHECK(sample(Layout{}, styles) ==
        R"({<k>"a"</>:[<n>1</>,{},[],<s>"x"</>,<l>true</>,<l>false</>,<l>null</>],)"
        R"(<k>"b"</>:{<k>"c"</>:<s>"d"</>}})");
  // An empty style writes no reset either.
  CHECK(sample(Layout{}, Styles{"", "<s>", "", "", "</>"}) ==
        R"({"a":[1,{},[],<s>"x"</>,true,false,null],"b":{"c":<s>"d"</>}})");
}

TEST_CASE("plain keys and strings quoted once are written as key() and string() write them") {
  const auto write = [](bool fast, Layout layout, Styles styles) {
    std::string out;
    std::string name;
    append_quoted(name, "a/b c.jsonl");
    JsonWriter w(out, layout, styles);
    w.begin_object();
    if (fast) {
      w.key(PlainText("file"));
      w.string_quoted(name);
      w.key(PlainText("line"));
    } else {
      w.key("file");
      w.string("a/b c.jsonl");
      w.key("line");
    }
    w.integer(7);
    w.end_object();
    CHECK(w.complete());
    return out;
  };
  const Styles styles{"<k>", "<s>", "<n>", "<l>", "</>"};
  CHECK(write(true, Layout{}, {}) == R"({"file":"a/b c.jsonl","line":7})");
  CHECK(write(true, Layout{2}, {}) == write(false, Layout{2}, {}));
  CHECK(write(true, Layout{}, styles) == write(false, Layout{}, styles));
  CHECK(write(true, Layout{}, styles) ==
        R"({<k>"file"</>:<s>"a/b c.jsonl"</>,<k>"line"</>:<n>7</>})");
  // PlainText("a\"b") does not compile: a byte JSON escapes.
}

TEST_CASE("the text reaches out when the value is complete, at flush() and at destruction") {
  std::string out = "before ";
  {
    JsonWriter w(out);
    w.begin_array();
    // Past the writer's stage: plain strings, one to escape, one longer than the stage.
    std::string expected = "before [";
    for (int i = 0; i < 300; ++i) {
      w.string("item");
      expected += i == 0 ? "\"item\"" : ",\"item\"";
    }
    w.string("a\"b");
    expected += R"(,"a\"b")";
    const std::string long_text(5000, 'x');
    w.string(long_text);
    expected += ",\"" + long_text + "\"";
    w.flush();
    CHECK(out == expected);
    w.end_array();
    CHECK(w.complete());
    CHECK(out == expected + "]");
  }
  {
    JsonWriter w(out);
    w.begin_object();
    w.key("k");
    // Not complete: the writer hands its text over when it is destroyed.
  }
  CHECK(out.ends_with(R"(]{"k":)"));
}

TEST_CASE("strings escape quotes, backslashes and every invisible code point") {
  CHECK(quoted("plain") == "\"plain\"");
  CHECK(quoted("a\"b\\c") == R"("a\"b\\c")");
  CHECK(quoted("\n\r\t\b\f") == R"("\n\r\t\b\f")");
  CHECK(quoted(std::string_view("\0\x01\x1b\x1f\x7f", 5)) == R"("\u0000\u0001\u001b\u001f\u007f")");
  CHECK(quoted("\xc2\x85") == R"("\u0085")"); // C1 NEL
  CHECK(quoted("\xc2\xad") == R"("\u00ad")"); // soft hyphen (Cf)
  CHECK(quoted("\xe2\x80\xa8\xe2\x80\xae") == R"("\u2028\u202e")");
  CHECK(quoted("\xef\xbb\xbf") == R"("\ufeff")");
  CHECK(quoted("\xf3\xa0\x80\x81") == R"("\udb40\udc01")"); // U+E0001, a surrogate pair
}

TEST_CASE("visible code points are written as UTF-8, not escaped") {
  CHECK(quoted("/é€😀") == "\"/é€😀\"");
  CHECK(quoted("a\xc2\xa0z") == "\"a\xc2\xa0z\""); // no-break space is visible (Zs)
}

TEST_CASE("a byte that is not UTF-8 is copied as it is") {
  CHECK(quoted("a\xffz") == "\"a\xffz\"");
  CHECK(quoted("\xe2\x80") == "\"\xe2\x80\"");         // cut short
  CHECK(quoted("\xed\xa0\x80") == "\"\xed\xa0\x80\""); // an encoded surrogate
  CHECK(quoted(escape_invalid_utf8("a\xffz")) == R"("a\\xffz")");
}

TEST_CASE("a validated literal is requoted exactly as its decoded text would be") {
  for (const char *literal : {R"("")", R"("plain")", R"("a\/b")", R"("\u0041\u00e9\u00E9")",
                              R"("\uD83D\uDE00")", R"("\u001B\u001b\n\t")", R"("\"\\")",
                              R"("\u2028 raw: )"
                              "\xe2\x80\xa8"
                              R"(")",
                              R"("\udb40\udc01")", R"("\u0000")", R"("\u007f\u0085")",
                              R"("é\u00ad€")", "\"\xc2\x85\"", R"("\b\f\r")"}) {
    CAPTURE(literal);
    CHECK(requoted(literal) == decoded_then_quoted(literal));
  }
}

TEST_CASE("every BMP code point escaped as \\uXXXX requotes as the decoded text would") {
  constexpr std::string_view hex = "0123456789ABCDEF";
  for (char32_t cp = 0; cp <= 0xFFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string literal = "\"x\\u";
    for (int shift = 12; shift >= 0; shift -= 4) literal += hex[(cp >> shift) & 15];
    literal += "y\"";
    std::string raw = "\"x";
    if (cp != '"' && cp != '\\' && cp >= 0x20) append_utf8(raw, cp);
    raw += "y\"";
    const std::string expected = decoded_then_quoted(literal);
    if (requoted(literal) != expected) FAIL_CHECK("U+" << static_cast<unsigned>(cp));
    if (raw.size() > 4 && requoted(raw) != decoded_then_quoted(raw))
      FAIL_CHECK("raw U+" << static_cast<unsigned>(cp));
  }
}

TEST_CASE("a literal is decoded without a copy when it holds no escape") {
  std::string scratch = "left over";
  const std::string_view literal = R"("no escape é")";
  const std::string_view text = decode_literal(literal, scratch);
  CHECK(text == "no escape é");
  CHECK(text.data() == literal.data() + 1);
  CHECK(decode_literal(R"("a\"b\u00e9\uD83D\uDE00\/\n")", scratch) == "a\"bé😀/\n");
  CHECK(decode_literal(R"("\u0000")", scratch) == std::string_view("\0", 1));
}

TEST_CASE("keys from validated literals are requoted too") {
  std::string out;
  JsonWriter w(out, Layout{2});
  w.begin_object();
  w.key_literal(R"("\u0061")");
  w.string_literal(R"("\u001B")");
  w.end_object();
  CHECK(out == "{\n  \"a\": \"\\u001b\"\n}");
}

TEST_CASE("a validated value is laid out again in one pass, strings requoted where needed") {
  constexpr std::string_view text = " {\"a\" : [ 1.50 , { } , [ ] , \"x\\/y\\u00e9\" , true ] "
                                    ",\n\"b\\u0062\":{\"c\":\"\xe2\x80\xa8\","
                                    "\"d\":null}, \"e\": \"plain é\" } ";
  std::string compact;
  JsonWriter(compact).value_json(text);
  CHECK(compact == "{\"a\":[1.50,{},[],\"x/y\xc3\xa9\",true],\"bb\":{\"c\":\"\\u2028\",\"d\":null},"
                   "\"e\":\"plain \xc3\xa9\"}");
  std::string pretty;
  JsonWriter(pretty, Layout{2}).value_json(text);
  CHECK(pretty ==
        "{\n  \"a\": [\n    1.50,\n    {},\n    [],\n    \"x/y\xc3\xa9\",\n    true\n  ],\n"
        "  \"bb\": {\n    \"c\": \"\\u2028\",\n    \"d\": null\n  },\n"
        "  \"e\": \"plain \xc3\xa9\"\n}");
  // Without anything to requote, the compact layout is a plain minification.
  std::string minified;
  JsonWriter(minified).value_json(R"( { "a" : [ 1 , "b c" ] } )");
  CHECK(minified == R"({"a":[1,"b c"]})");
}

TEST_CASE("a compact value is its own bytes only when no whitespace lies between its tokens") {
  const auto compact = [](std::string_view text) {
    std::string out;
    JsonWriter(out).value_json(text);
    return out;
  };
  // Strings with spaces and quotes across the blocks of 64 bytes the scan reads: the spaces
  // after them, between tokens, still go.
  for (std::size_t pad = 50; pad < 140; ++pad) {
    const std::string words(pad, ' ');
    const std::string text = "{\"a\":\"x" + words + "y\", \"b\" :\n[1 ,\"" + words + "\"]\t}";
    CHECK(compact(text) == "{\"a\":\"x" + words + "y\",\"b\":[1,\"" + words + "\"]}");
    CHECK(compact("{\"a\":\"x" + words + "y\", \"b\" : 1 }") ==
          "{\"a\":\"x" + words + "y\",\"b\":1}");
    const std::string tight = "{\"a\":\"x" + words + "y\",\"b\":[1,\"" + words + "\"]}";
    CHECK(compact(tight) == tight);
  }
  // Strings to requote among strings to copy, anywhere in the blocks: an escaped quote does not
  // end its string, and whitespace after it still goes.
  for (std::size_t pad = 0; pad < 140; pad += 7) {
    const std::string words(pad, ' ');
    const std::string text = "{\"a\":\"x" + words + "\\\"y, z\",\"b\":[\"\\u00e9 " + words +
                             "ok\",\"p q\"],\"c\":\"\\\"" + words + "\"}";
    const std::string want = "{\"a\":\"x" + words + "\\\"y, z\",\"b\":[\"\xc3\xa9 " + words +
                             "ok\",\"p q\"],\"c\":\"\\\"" + words + "\"}";
    CHECK(compact(text) == want);
    CHECK(compact("{\"a\":\"x" + words + "\\\"y, z\",\"b\" : 1}") ==
          "{\"a\":\"x" + words + "\\\"y, z\",\"b\":1}");
  }
  // A UTF-8 sequence across two blocks: decoded once, kept; an invisible one requoted.
  for (std::size_t pad = 58; pad < 66; ++pad) {
    const std::string lead = "[\"" + std::string(pad, 'a');
    CHECK(compact(lead + "\xc3\xa9\xf0\x9f\x98\x80\"]") == lead + "\xc3\xa9\xf0\x9f\x98\x80\"]");
    CHECK(compact(lead + "\xe2\x80\xa8\"]") == lead + "\\u2028\"]");
  }
}

TEST_CASE("a validated value nests inside what the writer already holds") {
  std::string out;
  JsonWriter w(out, Layout{0, true});
  w.begin_array();
  w.value_json(R"({"a": [1]})");
  w.value_json("[]");
  w.end_array();
  CHECK(w.complete());
  CHECK(out == "[\n\t{\n\t\t\"a\": [\n\t\t\t1\n\t\t]\n\t},\n\t[]\n]");
}

TEST_CASE("strings_need_requoting finds escapes, DEL and invisible code points only") {
  CHECK_FALSE(strings_need_requoting(R"({"a": "plain text, é and 😀"})"));
  CHECK(strings_need_requoting(R"({"a": "x\/y"})"));
  CHECK(strings_need_requoting("[\"\x7f\"]"));
  CHECK(strings_need_requoting("[\"\xe2\x80\xae\"]"));
  // Past the first blocks of 64 bytes too.
  const std::string long_plain(200, 'a');
  CHECK_FALSE(strings_need_requoting("\"" + long_plain + "\""));
  CHECK(strings_need_requoting("\"" + long_plain + "\xc2\x85" + long_plain + "\""));
  CHECK(strings_need_requoting("\"" + long_plain + "\xc3\xa9" + long_plain + "\\n\""));
}
