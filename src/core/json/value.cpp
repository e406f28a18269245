// The strict recursive-descent JSON parser behind pss::json::parse.
#include "core/json/value.hpp"

#include "core/json/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "core/json/number.hpp"

namespace pss::json {
namespace {

bool is_ws(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Length of the valid UTF-8 sequence at `p` (at most `left` bytes), or 0 when invalid.
std::size_t utf8_length(const unsigned char *p, std::size_t left) {
  const unsigned char b = p[0];
  if (b < 0x80) return 1;
  std::size_t n = 0;
  std::uint32_t min = 0;
  std::uint32_t cp = 0;
  if (b >= 0xC2 && b <= 0xDF) {
    n = 2, min = 0x80, cp = b & 0x1F;
  } else if (b >= 0xE0 && b <= 0xEF) {
    n = 3, min = 0x800, cp = b & 0x0F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    n = 4, min = 0x10000, cp = b & 0x07;
  } else {
    return 0;
  }
  if (left < n) return 0;
  for (std::size_t i = 1; i < n; ++i) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

std::string describe_byte(char c) {
  const auto b = static_cast<unsigned char>(c);
  if (b >= 0x21 && b < 0x7F) return std::string("'") + c + "'";
  constexpr std::array<char, 16> hex{'0', '1', '2', '3', '4', '5', '6', '7',
                                     '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
  if (b == ' ') return "a space";
  return std::string("byte 0x") + hex[b >> 4] + hex[b & 15];
}

class Parser {
public:
  explicit Parser(std::string_view text) : text_(text) {}

  ParseResult run() {
    ParseResult result;
    skip_ws();
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") {
      fail(0, "the text starts with a byte order mark (U+FEFF), which JSON does not allow: remove "
              "it");
    } else if (pos_ == text_.size()) {
      fail(pos_, "empty input: expected a JSON value");
    } else {
      Value root;
      if (parse_value(root, 0)) {
        skip_ws();
        if (pos_ != text_.size()) {
          fail(pos_, "unexpected " + describe_byte(text_[pos_]) +
                         " after the end of the JSON document (a document is one JSON value; "
                         "JSON Lines, a .jsonl file or --lines, take one per line)");
        }
      }
      if (error_) {
        result.partial = std::move(root);
      } else {
        result.value = std::move(root);
      }
    }
    result.error = std::move(error_);
    return result;
  }

private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::optional<ParseError> error_;

  bool fail(std::size_t at, std::string message, bool too_deep = false) {
    if (!error_) error_ = ParseError{at, std::move(message), too_deep};
    return false;
  }

  void skip_ws() {
    while (pos_ < text_.size() && is_ws(text_[pos_])) ++pos_;
  }

  bool at_end() const { return pos_ >= text_.size(); }

  bool unexpected(std::string_view expected) {
    if (at_end()) return fail(pos_, "unexpected end of input: expected " + std::string(expected));
    const char c = text_[pos_];
    std::string what = "unexpected " + describe_byte(c) + ": expected " + std::string(expected);
    const std::string_view rest = text_.substr(pos_);
    auto starts = [&](std::string_view word) { return rest.substr(0, word.size()) == word; };
    if (c == '/' || c == '#') what += " (comments are not allowed in JSON)";
    if (c == '\'') what += " (strings take double quotes in JSON)";
    if (starts("NaN") || starts("Infinity")) what += " (NaN and Infinity are not JSON numbers)";
    if (starts("True") || starts("False") || starts("None") || starts("Null") || starts("NULL")) {
      what += " (JSON literals are lower case: true, false, null)";
    }
    return fail(pos_, std::move(what));
  }

  bool parse_literal(Value &out, std::string_view word, Kind kind) {
    if (text_.substr(pos_, word.size()) != word) {
      return fail(pos_, "invalid literal: expected '" + std::string(word) + "'");
    }
    pos_ += word.size();
    if (!at_end() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) != 0)) {
      return fail(pos_, "invalid literal: '" + std::string(word) + "' followed by " +
                            describe_byte(text_[pos_]));
    }
    out.kind = kind;
    return true;
  }

  bool parse_value(Value &out, std::size_t depth) {
    skip_ws();
    out.offset = pos_;
    if (at_end()) return unexpected("a value");
    bool ok = false;
    switch (text_[pos_]) {
    case '{':
      ok = parse_object(out, depth + 1);
      break;
    case '[':
      ok = parse_array(out, depth + 1);
      break;
    case '"':
      out.kind = Kind::String;
      ok = parse_string(out.text);
      break;
    case 't':
      ok = parse_literal(out, "true", Kind::True);
      break;
    case 'f':
      ok = parse_literal(out, "false", Kind::False);
      break;
    case 'n':
      ok = parse_literal(out, "null", Kind::Null);
      break;
    default:
      if (text_[pos_] == '-' || is_digit(text_[pos_])) {
        ok = parse_number(out);
      } else {
        return unexpected("a value (object, array, string, number, true, false or null)");
      }
    }
    // A value cut short by the error ends at the error, even when the reader stopped before it
    // (inside a \u escape): what lies between is part of the value, for whoever hides it.
    out.end = ok || !error_ ? pos_ : std::max(pos_, error_->offset);
    return ok;
  }

  // Reports nesting beyond max_depth; true when the parse must stop.
  bool too_deep(std::size_t depth) {
    if (depth <= max_depth) return false;
    fail(pos_, "nesting deeper than " + std::to_string(max_depth) + " levels (the limit)", true);
    return true;
  }

  bool parse_object(Value &out, std::size_t depth) {
    out.kind = Kind::Object;
    if (too_deep(depth)) return false;
    ++pos_; // '{'
    skip_ws();
    if (!at_end() && text_[pos_] == '}') {
      ++pos_;
      return true;
    }
    while (true) {
      skip_ws();
      if (at_end() || text_[pos_] != '"') {
        if (!at_end() && text_[pos_] == '}' && !out.members.empty()) {
          return fail(pos_, "trailing comma before '}': remove the last ','");
        }
        return unexpected("a key in double quotes");
      }
      Member member;
      member.key_offset = pos_;
      if (!parse_string(member.key)) return false;
      skip_ws();
      if (at_end() || text_[pos_] != ':') return unexpected("':' after the key");
      ++pos_;
      if (!parse_value(member.value, depth)) {
        out.members.push_back(std::move(member));
        return false;
      }
      out.members.push_back(std::move(member));
      skip_ws();
      if (at_end()) return unexpected("',' or '}' to close the object");
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (text_[pos_] == '}') {
        ++pos_;
        return true;
      }
      return unexpected("',' or '}' after an object member");
    }
  }

  bool parse_array(Value &out, std::size_t depth) {
    out.kind = Kind::Array;
    if (too_deep(depth)) return false;
    ++pos_; // '['
    skip_ws();
    if (!at_end() && text_[pos_] == ']') {
      ++pos_;
      return true;
    }
    while (true) {
      skip_ws();
      if (!at_end() && text_[pos_] == ']' && !out.items.empty()) {
        return fail(pos_, "trailing comma before ']': remove the last ','");
      }
      out.items.emplace_back();
      if (!parse_value(out.items.back(), depth)) return false;
      skip_ws();
      if (at_end()) return unexpected("',' or ']' to close the array");
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (text_[pos_] == ']') {
        ++pos_;
        return true;
      }
      return unexpected("',' or ']' after an array element");
    }
  }

  bool parse_hex4(std::uint32_t &cp) {
    if (pos_ + 4 > text_.size()) {
      return fail(pos_, "unexpected end of input inside a \\u escape (it takes 4 hex digits)");
    }
    cp = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      const int h = hex_value(text_[pos_ + i]);
      if (h < 0) return fail(pos_ + i, "invalid \\u escape: expected 4 hexadecimal digits");
      cp = (cp << 4) | static_cast<std::uint32_t>(h);
    }
    pos_ += 4;
    return true;
  }

  bool parse_string(std::string &out) {
    const std::size_t start = pos_;
    ++pos_; // opening quote
    while (true) {
      if (at_end()) return fail(start, "unterminated string: no closing '\"'");
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) {
        return fail(pos_, "control character " + describe_byte(static_cast<char>(c)) +
                              " inside a string: write it as an escape such as \\n or \\u00" +
                              "XX");
      }
      if (c == '\\') {
        const std::size_t escape_at = pos_;
        ++pos_;
        if (at_end()) return fail(start, "unterminated string: no closing '\"'");
        const char e = text_[pos_++];
        switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!parse_hex4(cp)) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return fail(escape_at, "lone low surrogate \\u escape: it must follow a high "
                                   "surrogate (\\uD800-\\uDBFF)");
          }
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (text_.substr(pos_, 2) != "\\u") {
              return fail(escape_at, "lone high surrogate \\u escape: it must be followed by "
                                     "a low surrogate (\\uDC00-\\uDFFF)");
            }
            pos_ += 2;
            std::uint32_t low = 0;
            if (!parse_hex4(low)) return false;
            if (low < 0xDC00 || low > 0xDFFF) {
              return fail(escape_at, "lone high surrogate \\u escape: it must be followed by "
                                     "a low surrogate (\\uDC00-\\uDFFF)");
            }
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          pss::append_utf8(out, static_cast<char32_t>(cp));
          break;
        }
        default:
          return fail(escape_at, "invalid escape: a backslash followed by " + describe_byte(e) +
                                     "; JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
        }
        continue;
      }
      if (c < 0x80) {
        // A run of plain ASCII is copied at once.
        std::size_t end = pos_ + 1;
        while (end < text_.size()) {
          const auto b = static_cast<unsigned char>(text_[end]);
          if (b == '"' || b == '\\' || b < 0x20 || b >= 0x80) break;
          ++end;
        }
        out.append(text_.data() + pos_, end - pos_);
        pos_ = end;
        continue;
      }
      const std::size_t n = utf8_length(
          reinterpret_cast<const unsigned char *>(text_.data()) + pos_, text_.size() - pos_);
      if (n == 0)
        return fail(pos_, "invalid UTF-8 in a string (" + describe_byte(text_[pos_]) + ")");
      out.append(text_.data() + pos_, n);
      pos_ += n;
    }
  }

  bool parse_number(Value &out) {
    const std::size_t start = pos_;
    const NumberScan scan = scan_number(text_.substr(start));
    switch (scan.error) {
    case NumberSyntax::Ok:
      break;
    case NumberSyntax::DigitAfterMinus:
      return fail(start + scan.error_offset,
                  std::string("invalid number: expected a digit after '-'") +
                      (text_.substr(start + scan.error_offset, 8) == "Infinity"
                           ? " (NaN and Infinity are not JSON numbers)"
                           : ""));
    case NumberSyntax::LeadingZero:
      return fail(start, "invalid number: leading zeros are not allowed");
    case NumberSyntax::DigitAfterPoint:
      return fail(start + scan.error_offset, "invalid number: expected a digit after '.'");
    case NumberSyntax::DigitInExponent:
      return fail(start + scan.error_offset, "invalid number: expected a digit in the exponent");
    }
    pos_ = start + scan.length;
    if (!at_end() &&
        (std::isalpha(static_cast<unsigned char>(text_[pos_])) != 0 || text_[pos_] == '.')) {
      return fail(pos_, "invalid number: unexpected " + describe_byte(text_[pos_]));
    }
    out.kind = Kind::Number;
    out.text.assign(text_.substr(start, pos_ - start));
    return true;
  }
};

} // namespace

std::string_view kind_name(Kind kind) {
  switch (kind) {
  case Kind::Null:
    return "null";
  case Kind::False:
  case Kind::True:
    return "a boolean";
  case Kind::Number:
    return "a number";
  case Kind::String:
    return "a string";
  case Kind::Array:
    return "an array";
  case Kind::Object:
    return "an object";
  }
  return "a value";
}

const Value *Value::find(std::string_view key) const {
  for (const auto &member : members) {
    if (member.key == key) return &member.value;
  }
  return nullptr;
}

ParseResult parse(std::string_view text) {
  return Parser(text).run();
}

} // namespace pss::json
