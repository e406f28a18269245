// JSON string escaping, re-quoting of validated literals, and the token writer's string calls.
#include "core/json/writer.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include <simdjson.h>

#include "core/json/text.hpp"

namespace pss::json {
namespace {

constexpr std::string_view hex = "0123456789abcdef";

// ASCII bytes copied as they are: printable, not '"' or '\'. Control characters and DEL are
// invisible (text.hpp), so they are escaped.
constexpr std::array<bool, 256> plain_table = [] {
  std::array<bool, 256> table{};
  for (int c = 0x20; c < 0x7F; ++c) table[static_cast<std::size_t>(c)] = true;
  table['"'] = false;
  table['\\'] = false;
  return table;
}();

bool plain(char c) {
  return plain_table[static_cast<unsigned char>(c)];
}

void append_u(std::string &out, char32_t unit) {
  const char digits[6] = {
      '\\',          'u', hex[(unit >> 12) & 15], hex[(unit >> 8) & 15], hex[(unit >> 4) & 15],
      hex[unit & 15]};
  out.append(digits, sizeof digits);
}

// A code point that must not be written as itself: '"', '\' or an invisible one.
void append_escaped(std::string &out, char32_t cp) {
  switch (cp) {
  case '"':
    out += "\\\"";
    return;
  case '\\':
    out += "\\\\";
    return;
  case '\n':
    out += "\\n";
    return;
  case '\r':
    out += "\\r";
    return;
  case '\t':
    out += "\\t";
    return;
  case '\b':
    out += "\\b";
    return;
  case '\f':
    out += "\\f";
    return;
  default:
    break;
  }
  if (cp > 0xFFFF) {
    append_u(out, 0xD800 + ((cp - 0x10000) >> 10)); // RFC 8259 section 7: a surrogate pair
    append_u(out, 0xDC00 + ((cp - 0x10000) & 0x3FF));
  } else {
    append_u(out, cp);
  }
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10; // validated text: 'A' to 'F'
}

char32_t hex4(std::string_view text, std::size_t at) {
  char32_t unit = 0;
  for (std::size_t k = 0; k < 4; ++k) {
    unit = (unit << 4) | static_cast<char32_t>(hex_digit(text[at + k]));
  }
  return unit;
}

// The code point of the escape starting at `text[at]` (a backslash) of a validated literal, and
// its length in bytes (2, 6, or 12 for a surrogate pair).
char32_t unescape(std::string_view text, std::size_t at, std::size_t &length) {
  length = 2;
  switch (text[at + 1]) {
  case 'b':
    return '\b';
  case 'f':
    return '\f';
  case 'n':
    return '\n';
  case 'r':
    return '\r';
  case 't':
    return '\t';
  case 'u':
    break;
  default:
    return static_cast<unsigned char>(text[at + 1]); // '"', '\' or '/'
  }
  length = 6;
  const char32_t unit = hex4(text, at + 2);
  if (unit < 0xD800 || unit > 0xDBFF) return unit;
  length = 12; // validated: a low surrogate escape follows a high one
  return 0x10000 + ((unit - 0xD800) << 10) + (hex4(text, at + 8) - 0xDC00);
}

// Appends the body of a string (no quotes) escaped; with `escapes`, the body is a validated
// literal's and its escapes are decoded first.
void append_body(std::string &out, std::string_view text, bool escapes) {
  std::size_t i = 0;
  std::size_t run = 0; // start of the bytes not yet copied
  const std::size_t size = text.size();
  while (i < size) {
    const char c = text[i];
    if (plain(c)) {
      ++i;
      continue;
    }
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      out.append(text.data() + run, i - run);
      if (escapes && c == '\\') {
        std::size_t length = 0;
        const char32_t cp = unescape(text, i, length);
        if (cp == '"' || cp == '\\' || is_invisible(cp)) {
          append_escaped(out, cp);
        } else {
          append_utf8(out, cp);
        }
        i += length;
      } else {
        append_escaped(out, b);
        ++i;
      }
      run = i;
      continue;
    }
    char32_t cp = 0;
    const std::size_t n = decode_utf8(text, i, cp);
    if (n == 0) {
      ++i; // not UTF-8: copied as it is
    } else if (is_invisible(cp)) {
      out.append(text.data() + run, i - run);
      append_escaped(out, cp);
      i += n;
      run = i;
    } else {
      i += n;
    }
  }
  out.append(text.data() + run, size - run);
}

std::string_view body(std::string_view literal) {
  assert(literal.size() >= 2 && literal.front() == '"' && literal.back() == '"');
  return literal.substr(1, literal.size() - 2);
}

} // namespace

void append_quoted(std::string &out, std::string_view text) {
  out += '"';
  append_body(out, text, false);
  out += '"';
}

void append_requoted(std::string &out, std::string_view literal) {
  out += '"';
  append_body(out, body(literal), true);
  out += '"';
}

std::string_view decode_literal(std::string_view literal, std::string &scratch) {
  const std::string_view text = body(literal);
  std::size_t escape = text.find('\\');
  if (escape == std::string_view::npos) return text;
  scratch.clear();
  std::size_t from = 0;
  while (escape != std::string_view::npos) {
    scratch.append(text.data() + from, escape - from);
    std::size_t length = 0;
    append_utf8(scratch, unescape(text, escape, length));
    from = escape + length;
    escape = text.find('\\', from);
  }
  scratch.append(text.data() + from, text.size() - from);
  return scratch;
}

bool strings_need_requoting(std::string_view json) {
  const auto *p = reinterpret_cast<const unsigned char *>(json.data());
  const std::size_t size = json.size();
  std::size_t i = 0;
  // Most text is printable ASCII without a backslash: blocks of it are passed over with a test
  // the compiler vectorises (no early exit inside a block); bytes are looked at one by one only
  // in a block that holds something else.
  constexpr std::size_t block = 64;
  for (;;) {
    while (i + block <= size) {
      unsigned found = 0;
      for (std::size_t k = 0; k < block; ++k) {
        found |= static_cast<unsigned>(p[i + k] == '\\') | static_cast<unsigned>(p[i + k] >= 0x7F);
      }
      if (found != 0) break;
      i += block;
    }
    const std::size_t stop = std::min(size, i + block);
    while (i < stop) {
      const unsigned char c = p[i];
      if (c < 0x7F && c != '\\') {
        ++i;
        continue;
      }
      if (c == '\\' || c == 0x7F) return true;
      // Validated text: bytes past ASCII are UTF-8 inside strings.
      char32_t cp = 0;
      const std::size_t n = decode_utf8(json, i, cp);
      if (n == 0 || is_invisible(cp)) return true;
      i += n;
    }
    if (i >= size) return false;
  }
}

void JsonWriter::copy_value(std::string_view json) {
  before_value();
  if (pretty_) {
    append_reindented(json);
  } else {
    // Validated text: minifying only drops the whitespace between tokens.
    const std::size_t at = out_.size();
    out_.resize(at + json.size());
    std::size_t written = 0;
    [[maybe_unused]] const auto error =
        simdjson::minify(json.data(), json.size(), out_.data() + at, written);
    assert(error == simdjson::SUCCESS);
    out_.resize(at + written);
  }
  after_value();
}

// One pass over the bytes: a line break and indentation after each opening bracket and comma
// and before each closing bracket, ": " after keys, {} and [] for empty containers. Strings hold
// no backslash (copy_value's precondition), so each ends at the next quote.
void JsonWriter::append_reindented(std::string_view json) {
  const char *p = json.data();
  const char *const end = p + json.size();
  std::size_t depth = frames_.size();
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (p < end) {
    const char c = *p;
    switch (c) {
    case '"': {
      const auto *close =
          static_cast<const char *>(std::memchr(p + 1, '"', static_cast<std::size_t>(end - p - 1)));
      out_.append(p, static_cast<std::size_t>(close + 1 - p));
      p = close + 1;
      continue;
    }
    case '{':
    case '[': {
      const char *next = p + 1;
      while (next < end && is_space(*next)) ++next;
      out_ += c;
      if (next < end && (*next == '}' || *next == ']')) {
        out_ += *next;
        p = next + 1;
        continue;
      }
      newline(++depth);
      p = next;
      continue;
    }
    case '}':
    case ']':
      newline(--depth);
      out_ += c;
      break;
    case ',':
      out_ += ',';
      newline(depth);
      break;
    case ':':
      out_ += ": ";
      break;
    case ' ':
    case '\t':
    case '\n':
    case '\r':
      break;
    default: { // a number, true, false or null
      const char *last = p + 1;
      while (last < end && *last != ',' && *last != '}' && *last != ']' && !is_space(*last)) ++last;
      out_.append(p, static_cast<std::size_t>(last - p));
      p = last;
      continue;
    }
    }
    ++p;
  }
}

void JsonWriter::key(std::string_view text) {
  before_key();
  append_quoted(out_, text);
  after_key();
}

void JsonWriter::key_literal(std::string_view literal) {
  before_key();
  append_requoted(out_, literal);
  after_key();
}

void JsonWriter::string(std::string_view text) {
  before_value();
  out_ += styles_.string;
  append_quoted(out_, text);
  if (!styles_.string.empty()) out_ += styles_.reset;
  after_value();
}

void JsonWriter::string_literal(std::string_view literal) {
  before_value();
  out_ += styles_.string;
  append_requoted(out_, literal);
  if (!styles_.string.empty()) out_ += styles_.reset;
  after_value();
}

void JsonWriter::number(std::string_view literal) {
  styled(styles_.number, literal);
}

} // namespace pss::json
