// A located, literal-preserving JSON tree and the strict RFC 8259 parser that builds it.
//
// simdjson is the fast validator (see check.hpp); this tree is what findings, `fmt` and `diff`
// need and simdjson cannot give: byte offsets of every value and key, keys in document order
// (duplicates kept), and number literals exactly as written.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json/writer.hpp" // append_quoted, for the callers that write a value

namespace pss::json {

enum class Kind : std::uint8_t { Null, False, True, Number, String, Array, Object };

[[nodiscard]] std::string_view kind_name(Kind kind); // "null", "a boolean", "a number", ...

struct Member;

struct Value {
  Kind kind = Kind::Null;
  std::size_t offset = 0;      // first byte of the value in the parsed text
  std::size_t end = 0;         // one past its last byte
  std::string text;            // a string's decoded text, or a number's literal as written
  std::vector<Value> items;    // array elements
  std::vector<Member> members; // object members in document order, duplicates kept

  [[nodiscard]] bool is_scalar() const { return kind != Kind::Array && kind != Kind::Object; }
  // The first member named `key`, or nullptr.
  [[nodiscard]] const Value *find(std::string_view key) const;
};

struct Member {
  std::string key;            // decoded
  std::size_t key_offset = 0; // the opening quote of the key
  Value value;
};

// Nesting limit, the same as simdjson's default, so that both parsers agree.
inline constexpr std::size_t max_depth = 1024;

struct ParseError {
  std::size_t offset = 0; // where the problem is
  std::string message;    // for a person: what is wrong and what would be right
  bool too_deep = false;  // the input nests deeper than max_depth
};

struct ParseResult {
  std::optional<Value> value;
  std::optional<ParseError> error;
  // With an error: what was read before it (the value being read when it failed spans up to the
  // error), so that what it holds can still be hidden when the source is shown.
  std::optional<Value> partial;
};

// Parses exactly one JSON text (whitespace around it allowed). Strict: no comments, no trailing
// commas, no NaN, valid UTF-8, no lone surrogate escapes.
[[nodiscard]] ParseResult parse(std::string_view text);

} // namespace pss::json
