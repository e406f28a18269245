// The tokenizer that writes a CompactTape, and reading values back from the source.
#include "core/json/compact_tape.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

#include <simdjson.h>

#include "core/json/number.hpp"

namespace pss::json {
namespace {

constexpr std::size_t chunk_words = std::size_t{1} << 17; // 1 MiB

bool is_ws(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

const char *skip_ws(const char *p, const char *end) {
  while (p != end && is_ws(*p)) ++p;
  return p;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code unit of the 4 hex digits at `p` (4 bytes readable), or -1.
long hex4(const char *p) {
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
const char *string_stop(const char *p, const char *end) {
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
const char *scan_string(const char *p, const char *end, bool &escaped) {
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

} // namespace

// Appends words to the chunks; the position is always a real slot, never a chunk's link word,
// so that a container's "after" address is the word that follows it.
class CompactTape::Builder {
public:
  explicit Builder(CompactTape &tape) : tape_(tape) { start(allocate()); }

  [[nodiscard]] Word *slot() const { return at_; }
  void push(Word word) {
    *at_++ = word;
    if (at_ == limit_) {
      Word *next = allocate();
      *at_ = tag_link << tag_shift | static_cast<Word>(reinterpret_cast<std::uintptr_t>(next));
      start(next);
    }
  }

private:
  CompactTape &tape_;
  Word *at_ = nullptr;
  Word *limit_ = nullptr; // the link slot of the current chunk

  void start(Word *chunk) {
    at_ = chunk;
    limit_ = chunk + chunk_words - 1;
  }
  Word *allocate() {
    tape_.chunks_.push_back(std::make_unique_for_overwrite<Word[]>(chunk_words));
    return tape_.chunks_.back().get();
  }
};

CompactTape::CompactTape() = default;
CompactTape::~CompactTape() = default;

void CompactTape::clear() {
  chunks_.clear();
  chunks_.shrink_to_fit();
  decoded_.clear();
  first_ = nullptr;
  text_ = {};
}

bool CompactTape::read(std::string_view text) {
  clear();
  if (text.size() > offset_mask) return false;
  // Outside strings JSON is ASCII: the text is valid UTF-8 exactly when its strings are.
  if (!simdjson::validate_utf8(text.data(), text.size())) return false;
  text_ = text;
  const char *const begin = text.data();
  const char *const end = begin + text.size();
  Builder out(*this);
  const auto word = [begin](Word tag, const char *at, std::size_t length) {
    return tag << tag_shift | std::min<Word>(length, length_mask) << length_shift |
           static_cast<Word>(at - begin);
  };
  struct Open {
    Word *second; // the container's second word, set to the address after it when it closes
    bool object;
  };
  std::vector<Open> open;
  const auto fail = [this] {
    clear();
    return false;
  };
  const auto close = [&] {
    *open.back().second = static_cast<Word>(reinterpret_cast<std::uintptr_t>(out.slot()));
    open.pop_back();
  };
  const char *p = skip_ws(begin, end);
  first_ = out.slot();
  // The state: a value is expected at p (whitespace skipped), or a key, or what follows a value.
  enum class Next { Value, Key, AfterValue } next = Next::Value;
  while (true) {
    if (next == Next::Value) {
      if (p == end) return fail();
      const char c = *p;
      if (c == '{' || c == '[') {
        if (open.size() == max_depth) return fail();
        const bool object = c == '{';
        out.push(
            word(object ? static_cast<Word>(Kind::Object) : static_cast<Word>(Kind::Array), p, 0));
        open.push_back(Open{out.slot(), object});
        out.push(0);
        p = skip_ws(p + 1, end);
        if (p != end && *p == (object ? '}' : ']')) {
          ++p;
          close();
          next = Next::AfterValue;
        } else {
          next = object ? Next::Key : Next::Value;
        }
        continue;
      }
      const char *after = nullptr;
      Word tag = 0;
      bool escaped = false;
      switch (c) {
      case '"':
        after = scan_string(p, end, escaped);
        tag = static_cast<Word>(Kind::String);
        break;
      case 't':
      case 'n':
        if (end - p >= 4 && std::memcmp(p, c == 't' ? "true" : "null", 4) == 0) after = p + 4;
        tag = static_cast<Word>(c == 't' ? Kind::True : Kind::Null);
        break;
      case 'f':
        if (end - p >= 5 && std::memcmp(p, "false", 5) == 0) after = p + 5;
        tag = static_cast<Word>(Kind::False);
        break;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          const NumberScan number = scan_number(std::string_view(p, end - p));
          if (number.error == NumberSyntax::Ok) after = p + number.length;
        }
        tag = static_cast<Word>(Kind::Number);
      }
      if (after == nullptr) return fail();
      out.push(word(tag, p, after - p) | (escaped ? escaped_bit : 0));
      p = after;
      next = Next::AfterValue;
      continue;
    }
    if (next == Next::Key) {
      bool escaped = false;
      const char *after = p != end && *p == '"' ? scan_string(p, end, escaped) : nullptr;
      if (after == nullptr) return fail();
      out.push(word(tag_key, p, after - p) | (escaped ? escaped_bit : 0));
      p = skip_ws(after, end);
      if (p == end || *p != ':') return fail();
      p = skip_ws(p + 1, end);
      next = Next::Value;
      continue;
    }
    // After a value: a comma, the end of its container, or the end of the text.
    p = skip_ws(p, end);
    if (open.empty()) {
      if (p != end) return fail();
      out.push(tag_end << tag_shift);
      return true;
    }
    if (p == end) return fail();
    if (*p == ',') {
      p = skip_ws(p + 1, end);
      next = open.back().object ? Next::Key : Next::Value;
    } else if (*p == (open.back().object ? '}' : ']')) {
      ++p;
      close();
    } else {
      return fail();
    }
  }
}

std::size_t CompactTape::end(const Word &word) const {
  const std::size_t begin = offset(word);
  const Word tag = word >> tag_shift;
  const std::size_t length = static_cast<std::size_t>((word >> length_shift) & length_mask);
  switch (tag) {
  case static_cast<Word>(Kind::String):
  case tag_key: {
    if (length != length_mask) return begin + length;
    // The tokenizer validated the string: the first quote not escaped closes it.
    std::size_t at = begin + 1;
    while (text_[at] != '"') at += text_[at] == '\\' ? 2 : 1;
    return at + 1;
  }
  case static_cast<Word>(Kind::Number):
    if (length != length_mask) return begin + length;
    return begin + scan_number(text_.substr(begin)).length;
  case static_cast<Word>(Kind::True):
  case static_cast<Word>(Kind::Null):
    return begin + 4;
  case static_cast<Word>(Kind::False):
    return begin + 5;
  default: { // a container: its closing bracket follows its last value (or its opening one)
    std::size_t last = begin + 1;
    const bool object = tag == static_cast<Word>(Kind::Object);
    const Word *stop = after(word);
    for (const Word *at = first_child(word); at != stop;) {
      const Word &value = object ? value_of(*at) : *at;
      last = end(value);
      at = after(value);
    }
    while (is_ws(text_[last])) ++last;
    return last + 1;
  }
  }
}

std::string_view CompactTape::decoded_text(const Word &word) {
  const Word tag = word >> tag_shift;
  if (tag == static_cast<Word>(Kind::Number)) {
    const std::size_t begin = offset(word);
    return text_.substr(begin, end(word) - begin);
  }
  if (tag != static_cast<Word>(Kind::String) && tag != tag_key) return {};
  const std::size_t begin = offset(word);
  const std::size_t length = end(word) - begin;
  if ((word & escaped_bit) == 0) return text_.substr(begin + 1, length - 2);
  const auto [decoded, fresh] = decoded_.try_emplace(&word);
  if (fresh) {
    auto parsed = json::parse(text_.substr(begin, length));
    if (parsed.value) decoded->second = std::move(parsed.value->text);
  }
  return decoded->second;
}

} // namespace pss::json
