// The formatter: layouts, exact literals, key order, naming, redaction, colour hooks, and a
// property test over testdata/ and a generated corpus (same value, idempotent, naming round trip).
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <doctest/doctest.h>

#include "support.hpp"

#include "core/json/format.hpp"

using namespace pss;
using pss::test::read_file;

namespace {

json::Value parsed(std::string_view text) {
  auto result = json::parse(text);
  REQUIRE_MESSAGE(result.value, text);
  return std::move(*result.value);
}

// Formatted as fmt does it: only text a strict parser accepts is formatted.
std::string formatted(std::string_view text, const FormatOptions &options = {}) {
  (void)parsed(text);
  return format_document(text, options);
}

FormatOptions with(void (*change)(FormatOptions &)) {
  FormatOptions options;
  change(options);
  return options;
}

} // namespace

TEST_CASE("the default layout indents by two spaces, keeps key order and ends with a newline") {
  CHECK(formatted(R"({"b":1,"a":[true,false,null],"c":{"d":"e"}})") == R"({
  "b": 1,
  "a": [
    true,
    false,
    null
  ],
  "c": {
    "d": "e"
  }
}
)");
  CHECK(formatted("  7 ") == "7\n");
}

TEST_CASE("empty objects and arrays print as {} and []") {
  CHECK(formatted(R"({"a": { }, "b": [ ], "c": [{}]})") == R"({
  "a": {},
  "b": [],
  "c": [
    {}
  ]
}
)");
  CHECK(formatted("{ }") == "{}\n");
}

TEST_CASE("--indent N, --tab, --compact, and --indent 0 meaning compact") {
  constexpr std::string_view doc = R"({"a": [1, {"b": 2}]})";
  CHECK(formatted(doc, with([](FormatOptions &o) { o.indent = 4; })) ==
        "{\n    \"a\": [\n        1,\n        {\n            \"b\": 2\n        }\n    ]\n}\n");
  CHECK(formatted(doc, with([](FormatOptions &o) { o.indent = 1; })) ==
        "{\n \"a\": [\n  1,\n  {\n   \"b\": 2\n  }\n ]\n}\n");
  CHECK(formatted(doc, with([](FormatOptions &o) { o.tab = true; })) ==
        "{\n\t\"a\": [\n\t\t1,\n\t\t{\n\t\t\t\"b\": 2\n\t\t}\n\t]\n}\n");
  const std::string compact = "{\"a\":[1,{\"b\":2}]}\n";
  CHECK(formatted(doc, with([](FormatOptions &o) { o.compact = true; })) == compact);
  CHECK(formatted(doc, with([](FormatOptions &o) { o.indent = 0; })) == compact);
}

TEST_CASE("number literals are re-emitted exactly as written") {
  constexpr std::string_view doc =
      R"([123456789012345678901234567890123, 1.10, 1e400, -0, -0.0, 1E+2, 2e-308, 0.1000000000000000055511151231257827])";
  const std::string out = formatted(doc, with([](FormatOptions &o) { o.compact = true; }));
  CHECK(out == "[123456789012345678901234567890123,1.10,1e400,-0,-0.0,1E+2,2e-308,"
               "0.1000000000000000055511151231257827]\n");
}

TEST_CASE("strings are re-encoded: only quote, backslash and control characters escaped") {
  const auto compact = with([](FormatOptions &o) { o.compact = true; });
  CHECK(formatted(R"(["\u0041\/\u00e9\ud83d\ude00", "a\"b\\c", "\n\t\r\b\f\u0001\u001f"])",
                  compact) ==
        "[\"A/\xC3\xA9\xF0\x9F\x98\x80\",\"a\\\"b\\\\c\",\"\\n\\t\\r\\b\\f\\u0001\\u001f\"]\n");
  // U+2028 and U+2029 break JavaScript and line-based tools; DEL is a control character.
  CHECK(formatted("[\"\xE2\x80\xA8\\u2029\x7F\"]", compact) == "[\"\\u2028\\u2029\\u007f\"]\n");
  CHECK(formatted(R"({"\u006bey": "https:\/\/example.com"})", compact) ==
        "{\"key\":\"https://example.com\"}\n");
}

TEST_CASE("--sort-keys orders keys by code point at every depth") {
  // UTF-16 order would put U+1F600 (a surrogate pair) before U+FB00; signed chars would put
  // every non-ASCII key before "z".
  const auto sorted = with([](FormatOptions &o) {
    o.sort_keys = true;
    o.compact = true;
  });
  CHECK(formatted("{\"\xF0\x9F\x98\x80\":1,\"\xEF\xAC\x80\":2,\"z\":3,\"\xC3\xA9\":4,\"Z\":5,"
                  "\"a\":{\"y\":[{\"b\":1,\"a\":2}],\"x\":0}}",
                  sorted) ==
        "{\"Z\":5,\"a\":{\"x\":0,\"y\":[{\"a\":2,\"b\":1}]},\"z\":3,\"\xC3\xA9\":4,"
        "\"\xEF\xAC\x80\":2,\"\xF0\x9F\x98\x80\":1}\n");
  // Keys compare by their decoded text, however they were escaped.
  CHECK(formatted(R"({"\u0062": 1, "a": 2})", sorted) == "{\"a\":2,\"b\":1}\n");
}

TEST_CASE("duplicate keys are kept, in their order, even when sorting") {
  const auto sorted = with([](FormatOptions &o) {
    o.sort_keys = true;
    o.compact = true;
  });
  CHECK(formatted(R"({"b": 1, "a": 2, "b": 3})", sorted) == "{\"a\":2,\"b\":1,\"b\":3}\n");
}

TEST_CASE("--canonical puts the session fields first, whatever the spelling") {
  const auto canonical = with([](FormatOptions &o) {
    o.canonical = true;
    o.compact = true;
  });
  CHECK(formatted(R"({"x": 1, "responseBody": {"z": 1, "a": 2}, "statusCode": 502, "w": 2,
                      "code": "E", "status": "failed", "type": "payment-service-session"})",
                  canonical) ==
        "{\"type\":\"payment-service-session\",\"status\":\"failed\",\"code\":\"E\","
        "\"statusCode\":502,\"responseBody\":{\"z\":1,\"a\":2},\"x\":1,\"w\":2}\n");
  // Only the top level is reordered; with --sort-keys the other keys are sorted too.
  auto both = canonical;
  both.sort_keys = true;
  CHECK(formatted(R"({"x": 1, "response_body": {"z": 1, "a": 2}, "w": 2, "status": "failed"})",
                  both) == "{\"status\":\"failed\",\"response_body\":{\"a\":2,\"z\":1},\"w\":2,"
                           "\"x\":1}\n");
}

TEST_CASE("--naming renames the session fields at the top level only") {
  constexpr std::string_view wire =
      R"({"status_code": 502, "response_body": {"status_code": 1, "response_body": {}}, "code": null})";
  constexpr std::string_view sdk =
      R"({"statusCode": 502, "responseBody": {"status_code": 1, "response_body": {}}, "code": null})";
  auto to_sdk = with([](FormatOptions &o) { o.compact = true; });
  to_sdk.naming = Naming::Sdk;
  auto to_wire = to_sdk;
  to_wire.naming = Naming::Wire;
  const auto compact = with([](FormatOptions &o) { o.compact = true; });
  CHECK(formatted(wire, to_sdk) == formatted(sdk, compact));
  CHECK(formatted(sdk, to_wire) == formatted(wire, compact));
  CHECK(formatted(wire, to_wire) == formatted(wire, compact));
  // Keys inside arrays at the top are not session fields either.
  CHECK(formatted(R"([{"status_code": 1}])", to_sdk) == "[{\"status_code\":1}]\n");
}

TEST_CASE("--redact masks card numbers in strings and numbers, and hides secret values") {
  const auto redact = with([](FormatOptions &o) {
    o.redact = true;
    o.compact = true;
  });
  CHECK(formatted(R"({"card": "4242 4242 4242 4242", "n": 4242424242424242, "t": 1732460400123})",
                  redact) ==
        "{\"card\":\"4242 42** **** 4242\",\"n\":\"424242******4242\",\"t\":1732460400123}\n");
  CHECK(formatted(R"({"cvv": 123, "token": {"a": ["x", null, true, {"b": 1.5}]}, "pin": "1"})",
                  redact) ==
        R"({"cvv":"***","token":{"a":["***","***","***",{"b":"***"}]},"pin":"***"})"
        "\n");
  // A card number used as a key is masked too.
  CHECK(formatted(R"({"4111111111111111": "x"})", redact) == "{\"411111******1111\":\"x\"}\n");
  // Without --redact, nothing is masked.
  CHECK(formatted(R"({"cvv": 123, "n": 4242424242424242})", with([](FormatOptions &o) {
                    o.compact = true;
                  })) == "{\"cvv\":123,\"n\":4242424242424242}\n");
}

TEST_CASE("styles wrap keys, strings, numbers and literals, never punctuation") {
  FormatOptions options;
  options.compact = true;
  options.styles = FormatStyles{"<k>", "<s>", "<n>", "<l>", "</>"};
  CHECK(formatted(R"({"a": ["x", 1, true, null, {}]})", options) ==
        "{<k>\"a\"</>:[<s>\"x\"</>,<n>1</>,<l>true</>,<l>null</>,{}]}\n");
  options.redact = true;
  CHECK(formatted(R"({"n": 4242424242424242})", options) ==
        "{<k>\"n\"</>:<s>\"424242******4242\"</>}\n");
}

// ---- Property test: every valid testdata file and a generated corpus ----

namespace {

// Equal by value: numbers as literal text, strings by decoded text, objects by members in order,
// or sorted by key (stably) down to `sorted_depth` levels.
bool same_value(const json::Value &a, const json::Value &b, std::size_t sorted_depth) {
  if (a.kind != b.kind) return false;
  if (a.is_scalar()) return a.text == b.text;
  if (a.kind == json::Kind::Array) {
    if (a.items.size() != b.items.size()) return false;
    for (std::size_t i = 0; i < a.items.size(); ++i) {
      if (!same_value(a.items[i], b.items[i], sorted_depth)) return false;
    }
    return true;
  }
  if (a.members.size() != b.members.size()) return false;
  auto order = [&](const json::Value &object) {
    std::vector<const json::Member *> members;
    for (const auto &member : object.members) members.push_back(&member);
    if (sorted_depth > 0) {
      std::stable_sort(members.begin(), members.end(),
                       [](const auto *x, const auto *y) { return x->key < y->key; });
    }
    return members;
  };
  const auto left = order(a);
  const auto right = order(b);
  const std::size_t next = sorted_depth == SIZE_MAX ? SIZE_MAX
                           : sorted_depth > 0       ? sorted_depth - 1
                                                    : 0;
  for (std::size_t i = 0; i < left.size(); ++i) {
    if (left[i]->key != right[i]->key) return false;
    if (!same_value(left[i]->value, right[i]->value, next)) return false;
  }
  return true;
}

struct Layout {
  std::string_view name;
  FormatOptions options;
};

std::vector<Layout> layouts() {
  std::vector<Layout> all;
  auto add = [&](std::string_view name, void (*change)(FormatOptions &)) {
    all.push_back(Layout{name, with(change)});
  };
  add("default", [](FormatOptions &) {});
  add("indent 0", [](FormatOptions &o) { o.indent = 0; });
  add("indent 1", [](FormatOptions &o) { o.indent = 1; });
  add("indent 8", [](FormatOptions &o) { o.indent = 8; });
  add("tab", [](FormatOptions &o) { o.tab = true; });
  add("compact", [](FormatOptions &o) { o.compact = true; });
  add("sort-keys", [](FormatOptions &o) { o.sort_keys = true; });
  add("canonical", [](FormatOptions &o) { o.canonical = true; });
  add("canonical sort-keys compact", [](FormatOptions &o) {
    o.canonical = true;
    o.sort_keys = true;
    o.compact = true;
  });
  return all;
}

// True when no top-level key is the SDK spelling of a session field.
bool is_wire_document(const json::Value &root) {
  if (root.kind != json::Kind::Object) return false;
  return std::none_of(root.members.begin(), root.members.end(), [](const json::Member &m) {
    const FieldMatch match = find_field(m.key);
    return match.field != nullptr && match.field->has_two_spellings() && match.sdk;
  });
}

void write_tree(json::JsonWriter &writer, const json::Value &value) {
  switch (value.kind) {
  case json::Kind::Object:
    writer.begin_object();
    for (const auto &member : value.members) {
      writer.key(member.key);
      write_tree(writer, member.value);
    }
    return writer.end_object();
  case json::Kind::Array:
    writer.begin_array();
    for (const auto &item : value.items) write_tree(writer, item);
    return writer.end_array();
  case json::Kind::String:
    return writer.string(value.text);
  case json::Kind::Number:
    return writer.number(value.text);
  case json::Kind::True:
    return writer.boolean(true);
  case json::Kind::False:
    return writer.boolean(false);
  default:
    return writer.null();
  }
}

// The decoded tree written again value by value: what formatting without reordering, renaming
// or masking must give, whether it copies tokens or requotes them.
std::string written_from_tree(const json::Value &root, const FormatOptions &options) {
  std::string out;
  const bool pretty = !options.compact && (options.tab || options.indent > 0);
  json::JsonWriter writer(out, pretty ? json::Layout{options.indent, options.tab} : json::Layout{});
  write_tree(writer, root);
  return out + "\n";
}

void expect_format_properties(std::string_view text) {
  const auto input = json::parse(text);
  if (!input.value) return; // not JSON: fmt refuses it, nothing to compare
  for (const auto &layout : layouts()) {
    CAPTURE(layout.name);
    const std::string out = format_document(text, layout.options);
    const auto again = json::parse(out);
    REQUIRE_MESSAGE(again.value, out);
    const bool sorts = layout.options.sort_keys || layout.options.canonical;
    const std::size_t depth = layout.options.sort_keys ? SIZE_MAX : sorts ? 1 : 0;
    CHECK(same_value(*input.value, *again.value, depth));
    CHECK(format_document(out, layout.options) == out);
    if (!sorts) CHECK(out == written_from_tree(*input.value, layout.options));
  }
  FormatOptions redact;
  redact.redact = true;
  const std::string masked = format_document(text, redact);
  CHECK(formatted(masked, redact) == masked);
  if (is_wire_document(*input.value)) {
    FormatOptions sdk;
    sdk.naming = Naming::Sdk;
    FormatOptions wire;
    wire.naming = Naming::Wire;
    const std::string as_sdk = format_document(text, sdk);
    CHECK(formatted(as_sdk, wire) == format_document(text, {}));
  }
}

// splitmix64: deterministic on every platform, unlike the standard distributions.
class Random {
public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  template <typename T, std::size_t N> const T &pick(const T (&items)[N]) {
    return items[below(N)];
  }

private:
  std::uint64_t state_;
};

// Writes random JSON text with the literals that break naive formatters.
class Generator {
public:
  explicit Generator(std::uint64_t seed) : random_(seed) {}

  std::string session() {
    std::vector<std::string> members = {
        R"("type": "payment-service-session")",
        std::string(R"("status": )") + random_.pick({R"("failed")", R"("succeeded")"}),
        R"("code": )" + (random_.below(2) == 0 ? std::string("null") : string_literal()),
        R"("status_code": )" + number(),
        R"("response_body": )" + object(1),
    };
    const std::size_t extra = random_.below(3);
    for (std::size_t i = 0; i < extra; ++i) {
      members.push_back(key_literal(i, "x-") + ":" + value(1));
    }
    // Shuffle, so that the canonical order has work to do.
    for (std::size_t i = members.size(); i > 1; --i) {
      std::swap(members[i - 1], members[random_.below(i)]);
    }
    std::string text = "{";
    for (std::size_t i = 0; i < members.size(); ++i) {
      text += (i > 0 ? "," : "") + space() + members[i] + space();
    }
    return text + "}";
  }

private:
  Random random_;

  std::string space() { return random_.pick({"", " ", "\n  ", "\t", "\r\n"}); }

  std::string number() {
    static const char *const literals[] = {"0",
                                           "-0",
                                           "1.10",
                                           "1e400",
                                           "-1E-400",
                                           "2.5e+10",
                                           "123456789012345678901234567890",
                                           "-98765432109876543210.000000000000000001",
                                           "4242424242424242",
                                           "1732460400123",
                                           "200",
                                           "0.1",
                                           "1E2"};
    return random_.pick(literals);
  }

  std::string string_text() {
    static const char *const pieces[] = {"a",
                                         "Z",
                                         "status",
                                         "\\\"",
                                         "\\\\",
                                         "\\/",
                                         "\\n",
                                         "\\t",
                                         "\\b",
                                         "\\f",
                                         "\\r",
                                         "\\u0001",
                                         "\\u001F",
                                         "\\u00e9",
                                         "\\u2028",
                                         "\\ud83d\\ude00",
                                         "\xC3\xA9",
                                         "\xE6\x97\xA5",
                                         "\xF0\x9F\x98\x80",
                                         "\xEF\xAC\x80",
                                         "\x7F",
                                         " ",
                                         "4242 4242 4242 4242",
                                         "~",
                                         "/"};
    std::string text;
    const std::size_t n = random_.below(5);
    for (std::size_t i = 0; i < n; ++i) text += random_.pick(pieces);
    return text;
  }

  std::string string_literal() { return "\"" + string_text() + "\""; }

  // Distinct keys: a random part, then a suffix that differs for every member.
  std::string key_literal(std::size_t index, std::string_view prefix = "") {
    return "\"" + std::string(prefix) + string_text() + "#" + std::to_string(index) + "\"";
  }

  std::string value(std::size_t depth) {
    const std::size_t choice = random_.below(depth > 4 ? 5 : 7);
    switch (choice) {
    case 0:
      return random_.pick({"true", "false", "null"});
    case 1:
    case 2:
      return number();
    case 3:
    case 4:
      return string_literal();
    case 5:
      return object(depth + 1);
    default:
      return array(depth + 1);
    }
  }

  std::string object(std::size_t depth) {
    const std::size_t n = random_.below(5);
    std::string text = "{";
    for (std::size_t i = 0; i < n; ++i) {
      text += (i > 0 ? "," : "") + space() + key_literal(i) + space() + ":" + value(depth);
    }
    return text + space() + "}";
  }

  std::string array(std::size_t depth) {
    const std::size_t n = random_.below(5);
    std::string text = "[";
    for (std::size_t i = 0; i < n; ++i) text += (i > 0 ? "," : "") + space() + value(depth);
    return text + space() + "]";
  }
};

} // namespace

TEST_CASE("every valid testdata file formats to the same value, idempotently, both namings") {
  std::size_t files = 0;
  for (const auto &entry :
       std::filesystem::recursive_directory_iterator(std::string(PSS_TESTDATA_DIR))) {
    if (entry.path().extension() != ".json") continue;
    CAPTURE(entry.path().string());
    expect_format_properties(read_file(entry.path()));
    ++files;
  }
  CHECK(files >= 20);
}

TEST_CASE("generated sessions format to the same value, idempotently, both namings") {
  Generator generator(20240601);
  for (int i = 0; i < 500; ++i) {
    const std::string text = generator.session();
    CAPTURE(text);
    REQUIRE(json::parse(text).value);
    expect_format_properties(text);
  }
}
