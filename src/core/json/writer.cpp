// JSON string escaping, re-quoting of validated literals, and the token writer's string calls.
#include "core/json/writer.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// The length of the run of plain bytes at the start of [p, p + size), 16 bytes at a time where
// SSE2 is there (every x86-64).
std::size_t plain_prefix(const char *p, std::size_t size) {
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i del = _mm_set1_epi8(0x7F);
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  for (; i + 16 <= size; i += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i));
    // A signed compare: below 0x20 is a control character or, negative, a byte past ASCII.
    const __m128i other =
        _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(bytes, space), _mm_cmpeq_epi8(bytes, del)),
                     _mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)));
    const int mask = _mm_movemask_epi8(other);
    if (mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  while (i < size && plain(p[i])) ++i;
  return i;
}

// The bytes of one block of 64 that decide a compact copy, one bit each (bit i: byte i).
struct ByteClasses {
  std::uint64_t quote = 0;   // '"'
  std::uint64_t special = 0; // '\\' or DEL: only inside strings, which must then be requoted
  std::uint64_t low = 0;     // below 0x21 (whitespace, in validated text) or past 0x7F
  std::uint64_t high = 0;    // past 0x7F: UTF-8 inside strings
};

ByteClasses classify(const char *p) {
  ByteClasses c;
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i del = _mm_set1_epi8(0x7F);
  const __m128i above_space = _mm_set1_epi8(0x21);
  for (int k = 0; k < 4; ++k) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 16 * k));
    const auto bits = [&](__m128i match) {
      return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(match)))
             << (16 * k);
    };
    c.quote |= bits(_mm_cmpeq_epi8(bytes, quote));
    c.special |= bits(_mm_or_si128(_mm_cmpeq_epi8(bytes, backslash), _mm_cmpeq_epi8(bytes, del)));
    // A signed compare: bytes past 0x7F are negative, so below 0x21 too.
    c.low |= bits(_mm_cmplt_epi8(bytes, above_space));
    c.high |= bits(bytes); // movemask takes the top bit
  }
#else
  for (std::size_t i = 0; i < 64; ++i) {
    const auto b = static_cast<unsigned char>(p[i]);
    const std::uint64_t bit = std::uint64_t{1} << i;
    if (b == '"') c.quote |= bit;
    if (b == '\\' || b == 0x7F) c.special |= bit;
    if (b < 0x21 || b > 0x7F) c.low |= bit;
    if (b > 0x7F) c.high |= bit;
  }
#endif
  return c;
}

// Bit i set when an odd number of the bits 0..i of `quotes` is set: with the bits of a block's
// quotes, the bytes from an opening quote up to (not including) its closing one.
std::uint64_t prefix_xor(std::uint64_t quotes) {
  for (int shift = 1; shift < 64; shift *= 2) quotes ^= quotes << shift;
  return quotes;
}

// One block of 64 bytes of validated JSON text, starting at `at` (the last one filled up with
// bytes of no class, 'a'), classified.
ByteClasses classify_at(std::string_view json, std::size_t at) {
  if (json.size() - at >= 64) return classify(json.data() + at);
  char tail[64];
  std::memset(tail, 'a', sizeof tail);
  std::memcpy(tail, json.data() + at, json.size() - at);
  return classify(tail);
}

// The bit of the first byte of a block (at `at`) whose string append_requoted would write
// differently: a backslash, DEL, or the first byte of an invisible code point; 0 when none.
// UTF-8 is decoded from `decoded` on (a sequence can go on into the next block), and `decoded`
// moved past what was.
std::uint64_t first_to_requote(std::string_view json, std::size_t at, const ByteClasses &c,
                               std::size_t &decoded) {
  const std::uint64_t special = c.special & (~c.special + 1); // its lowest bit
  const std::uint64_t before = special == 0 ? ~std::uint64_t{0} : special - 1;
  for (std::uint64_t high = c.high & before; high != 0; high &= high - 1) {
    const std::size_t i = at + static_cast<std::size_t>(__builtin_ctzll(high));
    if (i < decoded) continue;
    char32_t cp = 0;
    const std::size_t n = decode_utf8(json, i, cp);
    if (n == 0 || is_invisible(cp)) return high & (~high + 1);
    decoded = i + n;
  }
  return special;
}

// Bytes that end a number or a literal (true, false, null) in JSON text.
constexpr std::array<bool, 256> token_end_table = [] {
  std::array<bool, 256> table{};
  for (const char c : {',', '}', ']', ' ', '\t', '\n', '\r'})
    table[static_cast<unsigned char>(c)] = true;
  return table;
}();

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
    i += plain_prefix(text.data() + i, size - i);
    if (i == size) break;
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      out.append(text.data() + run, i - run);
      if (escapes && b == '\\') {
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
  std::size_t decoded = 0;
  for (std::size_t at = 0; at < json.size(); at += 64) {
    if (first_to_requote(json, at, classify_at(json, at), decoded) != 0) return true;
  }
  return false;
}

namespace {

// Appends validated JSON text in the compact layout when no whitespace lies between its tokens
// (most lines of a log): its bytes copied, but for the strings append_requoted writes
// differently, which are requoted. False, with nothing appended, when there is whitespace to
// drop. One pass, 64 bytes at a time: strings are told from the rest by counting quotes, which
// holds up to the first backslash of a string, where the pass requotes that string and starts
// again after it.
bool append_copied(std::string &out, std::string_view json) {
  const std::size_t start = out.size();
  const std::size_t size = json.size();
  std::size_t copied = 0;      // json's bytes before this one are in `out`
  std::uint64_t in_string = 0; // all ones when a string goes on past the previous block
  std::size_t opening = 0;     // then, where it opened
  std::size_t decoded = 0;     // UTF-8 decoded up to here
  std::size_t at = 0;
  while (at < size) {
    const ByteClasses c = classify_at(json, at);
    const std::uint64_t strings = prefix_xor(c.quote) ^ in_string;
    const std::uint64_t requote = first_to_requote(json, at, c, decoded);
    const std::uint64_t before = requote == 0 ? ~std::uint64_t{0} : requote - 1;
    if ((c.low & ~c.high & ~strings & before) != 0) {
      out.resize(start);
      return false;
    }
    if (requote == 0) {
      in_string = strings >> 63 != 0 ? ~std::uint64_t{0} : 0;
      if (in_string != 0 && c.quote != 0)
        opening = at + 63 - static_cast<std::size_t>(__builtin_clzll(c.quote));
      at += 64;
      continue;
    }
    // Inside a string (validated text has backslashes, DEL and bytes past ASCII nowhere else),
    // which opened at the last quote before it.
    const std::size_t found = at + static_cast<std::size_t>(__builtin_ctzll(requote));
    const std::uint64_t quotes = c.quote & before;
    const std::size_t open =
        quotes != 0 ? at + 63 - static_cast<std::size_t>(__builtin_clzll(quotes)) : opening;
    std::size_t close = found;
    while (json[close] != '"') close += json[close] == '\\' ? 2 : 1; // validated: it ends
    out.append(json.data() + copied, open - copied);
    append_requoted(out, json.substr(open, close + 1 - open));
    copied = close + 1;
    at = copied;
    in_string = 0;
  }
  out.append(json.data() + copied, size - copied);
  return true;
}

} // namespace

void JsonWriter::value_json(std::string_view json) {
  before_value();
  if (pretty_) {
    append_relaid(json);
  } else {
    flush(); // written straight into out_
    if (append_copied(out_, json)) {
      // most lines of a log: copied, but for the strings to requote
    } else if (strings_need_requoting(json)) {
      append_relaid(json);
    } else { // only the whitespace between tokens dropped, at simdjson's speed
      const std::size_t at = out_.size();
      out_.resize(at + json.size());
      std::size_t written = 0;
      [[maybe_unused]] const auto error =
          simdjson::minify(json.data(), json.size(), out_.data() + at, written);
      assert(error == simdjson::SUCCESS);
      out_.resize(at + written);
    }
  }
  after_value();
}

// One pass over the bytes: the layout's line break and indentation after each opening bracket
// and comma and before each closing bracket, ":" or ": " after keys, {} and [] for empty
// containers; a string copied when it is all plain bytes, else requoted.
void JsonWriter::append_relaid(std::string_view json) {
  const char *p = json.data();
  const char *const end = p + json.size();
  std::size_t depth = depth_;
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (p < end) {
    const char c = *p;
    switch (c) {
    case '"': {
      const char *close = p + 1 + plain_prefix(p + 1, static_cast<std::size_t>(end - p - 1));
      if (*close == '"') {
        put(std::string_view(p, static_cast<std::size_t>(close + 1 - p)));
      } else {
        while (*close != '"') close += *close == '\\' ? 2 : 1; // validated: it ends
        flush();
        append_requoted(out_, std::string_view(p, static_cast<std::size_t>(close + 1 - p)));
      }
      p = close + 1;
      continue;
    }
    case '{':
    case '[': {
      const char *next = p + 1;
      while (next < end && is_space(*next)) ++next;
      put(c);
      if (next < end && (*next == '}' || *next == ']')) {
        put(*next);
        p = next + 1;
        continue;
      }
      ++depth;
      if (pretty_) newline(depth);
      p = next;
      continue;
    }
    case '}':
    case ']':
      --depth;
      if (pretty_) newline(depth);
      put(c);
      break;
    case ',':
      put(',');
      if (pretty_) newline(depth);
      break;
    case ':':
      if (pretty_) {
        put(": ");
      } else {
        put(':');
      }
      break;
    case ' ':
    case '\t':
    case '\n':
    case '\r':
      break;
    default: { // a number, true, false or null
      const char *last = p + 1;
      while (last < end && !token_end_table[static_cast<unsigned char>(*last)]) ++last;
      put(std::string_view(p, static_cast<std::size_t>(last - p)));
      p = last;
      continue;
    }
    }
    ++p;
  }
}

void JsonWriter::quoted(std::string_view text) {
  if (plain_prefix(text.data(), text.size()) == text.size()) {
    put('"');
    put(text);
    put('"');
  } else {
    flush();
    append_quoted(out_, text);
  }
}

void JsonWriter::key(std::string_view text) {
  before_key();
  quoted(text);
  after_key();
}

void JsonWriter::key_literal(std::string_view literal) {
  before_key();
  flush();
  append_requoted(out_, literal);
  after_key();
}

void JsonWriter::string(std::string_view text) {
  before_value();
  if (!styles_.string.empty()) put(styles_.string);
  quoted(text);
  if (!styles_.string.empty()) put(styles_.reset);
  after_value();
}

void JsonWriter::string_literal(std::string_view literal) {
  before_value();
  if (!styles_.string.empty()) put(styles_.string);
  flush();
  append_requoted(out_, literal);
  if (!styles_.string.empty()) put(styles_.reset);
  after_value();
}

void JsonWriter::number(std::string_view literal) {
  styled(styles_.number, literal);
}

} // namespace pss::json
