// The strict RFC 8259 tokenizer of pss-inspect's compact readers: one pass over a large valid
// JSON text, reporting each token to a sink. The CompactTape (compact_tape.hpp, the check of a
// large document) and diff's CompactDocument (diff/compact.hpp, 16 bytes a value with random
// access to items, for aligning arrays) are two sinks of this one grammar. Internal to the core.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "core/json/number.hpp"
#include "core/json/value.hpp"

namespace pss::json::tokenizer {

[[nodiscard]] inline bool is_ws(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

// The first byte at or after `p` that is not whitespace, or `end`. Pretty-printed text has no
// whitespace, or one space (after a colon), or a newline and a run of indentation: runs are read
// eight bytes at a time (SWAR, each byte's test exact: no carry crosses a byte).
[[nodiscard]] inline const char *skip_ws(const char *p, const char *end) {
  if (p == end || !is_ws(*p)) return p;
  if (++p == end || !is_ws(*p)) return p;
  constexpr std::uint64_t ones = 0x0101010101010101;
  constexpr std::uint64_t lows = 0x7F7F7F7F7F7F7F7F;
  constexpr std::uint64_t highs = 0x8080808080808080;
  // The high bit of each byte of `x` that is not zero.
  const auto nonzero = [](std::uint64_t x) { return (((x & lows) + lows) | x) & highs; };
  while (end - p >= 8) {
    std::uint64_t v = 0;
    std::memcpy(&v, p, sizeof v);
    const std::uint64_t other = nonzero(v ^ (ones * ' ')) & nonzero(v ^ (ones * '\n')) &
                                nonzero(v ^ (ones * '\t')) & nonzero(v ^ (ones * '\r'));
    if (other != 0) {
      if constexpr (std::endian::native == std::endian::little) {
        return p + std::countr_zero(other) / 8;
      } else {
        return p + std::countl_zero(other) / 8;
      }
    }
    p += 8;
  }
  while (p != end && is_ws(*p)) ++p;
  return p;
}

[[nodiscard]] inline int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code unit of the 4 hex digits at `p` (4 bytes readable), or -1.
[[nodiscard]] inline long hex4(const char *p) {
  long unit = 0;
  for (int i = 0; i < 4; ++i) {
    const int digit = hex_value(p[i]);
    if (digit < 0) return -1;
    unit = unit << 4 | digit;
  }
  return unit;
}

// The first byte at or after `p` that ends a run of plain string bytes: '"', '\\' or a control
// character (< 0x20); `end` when there is none. Eight bytes at a time (SWAR): in each test the
// lowest flagged byte is exact (a borrow only flags bytes above a true one).
[[nodiscard]] inline const char *string_stop(const char *p, const char *end) {
  constexpr std::uint64_t ones = 0x0101010101010101;
  constexpr std::uint64_t highs = 0x8080808080808080;
  while (end - p >= 8) {
    std::uint64_t v = 0;
    std::memcpy(&v, p, sizeof v);
    const std::uint64_t quote = v ^ (ones * '"');
    const std::uint64_t backslash = v ^ (ones * '\\');
    const std::uint64_t stops =
        ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | ((v - ones * 0x20) & ~v);
    if ((stops & highs) != 0) {
      if constexpr (std::endian::native == std::endian::little) {
        return p + std::countr_zero(stops & highs) / 8;
      } else {
        return p + std::countl_zero(stops & highs) / 8;
      }
    }
    p += 8;
  }
  while (p != end && *p != '"' && *p != '\\' && static_cast<unsigned char>(*p) >= 0x20) ++p;
  return p;
}

// Reads the string whose opening quote is at `p`: one past its closing quote, or nullptr when it
// is not a valid JSON string (UTF-8 is checked for the whole text beforehand). `escaped` is set
// when it holds a backslash.
[[nodiscard]] inline const char *scan_string(const char *p, const char *end, bool &escaped) {
  ++p;
  while (true) {
    p = string_stop(p, end);
    if (p == end || static_cast<unsigned char>(*p) < 0x20) return nullptr;
    if (*p == '"') return p + 1;
    escaped = true; // a backslash
    if (end - p < 2) return nullptr;
    switch (p[1]) {
    case '"':
    case '\\':
    case '/':
    case 'b':
    case 'f':
    case 'n':
    case 'r':
    case 't':
      p += 2;
      break;
    case 'u': {
      if (end - p < 6) return nullptr;
      const long unit = hex4(p + 2);
      p += 6;
      if (unit < 0 || (unit >= 0xDC00 && unit <= 0xDFFF)) return nullptr;
      if (unit >= 0xD800 && unit <= 0xDBFF) {
        // A high surrogate takes a low one right after it.
        if (end - p < 6 || p[0] != '\\' || p[1] != 'u') return nullptr;
        const long low = hex4(p + 2);
        if (low < 0xDC00 || low > 0xDFFF) return nullptr;
        p += 6;
      }
      break;
    }
    default:
      return nullptr;
    }
  }
}

// The decoded text of a string token that scan_string accepted (`token` from its opening quote to
// its closing one), by json::parse: the one reader of escapes.
[[nodiscard]] inline std::string decode_string(std::string_view token) {
  auto parsed = json::parse(token);
  return parsed.value ? std::move(parsed.value->text) : std::string();
}

// Reads `text` and reports its tokens, in document order, to `sink`:
//   bool scalar(Kind kind, const char *at, std::size_t length, bool escaped)  a value that is not
//       a container: its first byte and its length in bytes (a string's quotes included);
//       `escaped`: a string holding a backslash
//   bool key(const char *at, std::size_t length, bool escaped)  a member's key, as a string
//   bool open(Kind kind, const char *at)  an array or an object, at its opening bracket
//   bool close(const char *at)  the end of the innermost open container, at its closing bracket
// A sink returning false stops the reading (a limit of its own): tokenize then returns false.
// True when `text` is one JSON text (RFC 8259: whitespace around one value, valid UTF-8, strings
// and escapes well formed, no lone surrogate escape) nesting at most json::max_depth arrays and
// objects: exactly what json::parse accepts. False otherwise, after some tokens may have been
// reported (json::parse then says what is wrong and where).
template <typename Sink> [[nodiscard]] bool tokenize(std::string_view text, Sink &sink) {
  // Outside strings JSON is ASCII: the text is valid UTF-8 exactly when its strings are.
  if (!simdjson::validate_utf8(text.data(), text.size())) return false;
  const char *const begin = text.data();
  const char *const end = begin + text.size();
  std::vector<bool> open; // per open container: an object
  const char *p = skip_ws(begin, end);
  // The state: a value is expected at p (whitespace skipped), or a key, or what follows a value.
  enum class Next { Value, Key, AfterValue } next = Next::Value;
  while (true) {
    if (next == Next::Value) {
      if (p == end) return false;
      const char c = *p;
      if (c == '{' || c == '[') {
        if (open.size() == max_depth) return false;
        const bool object = c == '{';
        if (!sink.open(object ? Kind::Object : Kind::Array, p)) return false;
        open.push_back(object);
        p = skip_ws(p + 1, end);
        if (p != end && *p == (object ? '}' : ']')) {
          open.pop_back();
          if (!sink.close(p++)) return false;
          next = Next::AfterValue;
        } else {
          next = object ? Next::Key : Next::Value;
        }
        continue;
      }
      const char *after = nullptr;
      Kind kind = Kind::Number;
      bool escaped = false;
      switch (c) {
      case '"':
        after = scan_string(p, end, escaped);
        kind = Kind::String;
        break;
      case 't':
      case 'n':
        if (end - p >= 4 && std::memcmp(p, c == 't' ? "true" : "null", 4) == 0) after = p + 4;
        kind = c == 't' ? Kind::True : Kind::Null;
        break;
      case 'f':
        if (end - p >= 5 && std::memcmp(p, "false", 5) == 0) after = p + 5;
        kind = Kind::False;
        break;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          const NumberScan number = scan_number(std::string_view(p, end - p));
          if (number.error == NumberSyntax::Ok) after = p + number.length;
        }
      }
      if (after == nullptr) return false;
      if (!sink.scalar(kind, p, static_cast<std::size_t>(after - p), escaped)) return false;
      p = after;
      next = Next::AfterValue;
      continue;
    }
    if (next == Next::Key) {
      bool escaped = false;
      const char *after = p != end && *p == '"' ? scan_string(p, end, escaped) : nullptr;
      if (after == nullptr) return false;
      if (!sink.key(p, static_cast<std::size_t>(after - p), escaped)) return false;
      p = skip_ws(after, end);
      if (p == end || *p != ':') return false;
      p = skip_ws(p + 1, end);
      next = Next::Value;
      continue;
    }
    // After a value: a comma, the end of its container, or the end of the text.
    p = skip_ws(p, end);
    if (open.empty()) return p == end;
    if (p == end) return false;
    if (*p == ',') {
      p = skip_ws(p + 1, end);
      next = open.back() ? Next::Key : Next::Value;
    } else if (*p == (open.back() ? '}' : ']')) {
      open.pop_back();
      if (!sink.close(p++)) return false;
    } else {
      return false;
    }
  }
}

} // namespace pss::json::tokenizer
