// The formatter: reads validated JSON text token by token and writes it through a JsonWriter,
// laid out, reordered, renamed and masked as asked.
#include "core/json/format.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

#include "core/privacy/redactor.hpp"

namespace pss {
namespace {

// Keys after every session field when the canonical order is asked for.
constexpr std::size_t other_keys_rank = field_count;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// An object member as it will be written, for objects whose members are reordered.
struct Entry {
  std::string key;           // as written (decoded; renamed or masked), the sort key
  std::string_view literal;  // the key as in the source
  bool keep_literal = false; // `key` is the literal's decoded text: write the literal
  bool hidden = false;       // its value is a secret
  std::size_t value_at = 0;  // where its value starts in the text
  std::size_t rank = 0;      // canonical position; equal ranks keep document (or key) order
};

// Token by token over text a strict parser accepted: nothing is checked again.
class Formatter {
public:
  Formatter(std::string &out, std::string_view text, const FormatOptions &options,
            json::Layout layout)
      : text_(text), options_(options), writer_(out, layout, options.styles) {}

  void run() {
    skip_space();
    value(true, false);
  }

private:
  std::string_view text_;
  std::size_t at_ = 0;
  const FormatOptions &options_;
  json::JsonWriter writer_;
  std::string scratch_; // decoded text of the current key or string

  void skip_space() {
    while (at_ < text_.size() && is_space(text_[at_])) ++at_;
  }

  // The string literal at `at_` (quotes included), passed over.
  std::string_view string_token() {
    const char *const begin = text_.data() + at_;
    const char *const end = text_.data() + text_.size();
    const char *quote = begin;
    for (;;) {
      quote = static_cast<const char *>(
          std::memchr(quote + 1, '"', static_cast<std::size_t>(end - quote - 1)));
      // Escaped when an odd number of backslashes comes before it.
      const char *before = quote;
      while (before[-1] == '\\') --before;
      if ((quote - before) % 2 == 0) break;
    }
    const auto length = static_cast<std::size_t>(quote + 1 - begin);
    at_ += length;
    return {begin, length};
  }

  // The number, true, false or null at `at_`, passed over.
  std::string_view scalar_token() {
    std::size_t end = at_ + 1;
    while (end < text_.size()) {
      const char c = text_[end];
      if (c == ',' || c == '}' || c == ']' || is_space(c)) break;
      ++end;
    }
    const std::string_view token = text_.substr(at_, end - at_);
    at_ = end;
    return token;
  }

  // Passes over the value at `at_`.
  void skip_value() {
    std::size_t depth = 0;
    do {
      const char c = text_[at_];
      if (c == '"') {
        (void)string_token();
      } else if (c == '{' || c == '[') {
        ++depth;
        ++at_;
      } else if (c == '}' || c == ']') {
        --depth;
        ++at_;
      } else if (c == ',' || c == ':' || is_space(c)) {
        ++at_;
      } else {
        (void)scalar_token();
      }
    } while (depth > 0);
  }

  void value(bool top, bool secret) {
    switch (text_[at_]) {
    case '{':
      return object(top, secret);
    case '[':
      return array(secret);
    case '"':
      return string(string_token(), secret);
    default:
      return scalar(scalar_token(), secret);
    }
  }

  void string(std::string_view literal, bool secret) {
    if (secret) return writer_.string(Redactor::secret_mask);
    if (options_.redact) {
      const std::string_view text = json::decode_literal(literal, scratch_);
      if (Redactor::holds_card_number(text)) return writer_.string(Redactor::mask(text));
    }
    writer_.string_literal(literal);
  }

  void scalar(std::string_view token, bool secret) {
    if (secret) return writer_.string(Redactor::secret_mask);
    switch (token[0]) {
    case 't':
      return writer_.boolean(true);
    case 'f':
      return writer_.boolean(false);
    case 'n':
      return writer_.null();
    default:
      if (options_.redact) return Redactor::write_number(writer_, token);
      writer_.number(token);
    }
  }

  void array(bool secret) {
    ++at_;
    writer_.begin_array();
    skip_space();
    while (text_[at_] != ']') {
      value(false, secret);
      skip_space();
      if (text_[at_] == ',') {
        ++at_;
        skip_space();
      }
    }
    ++at_;
    writer_.end_array();
  }

  // Passes over the ':' after a key and the space around it.
  void skip_colon() {
    skip_space();
    ++at_;
    skip_space();
  }

  void object(bool top, bool secret) {
    const bool reorder = options_.sort_keys || (top && options_.canonical);
    if (reorder) return reordered_object(top, secret);
    ++at_;
    writer_.begin_object();
    skip_space();
    while (text_[at_] != '}') {
      const std::string_view literal = string_token();
      const bool hidden = key(literal, top, secret);
      skip_colon();
      value(false, hidden);
      skip_space();
      if (text_[at_] == ',') {
        ++at_;
        skip_space();
      }
    }
    ++at_;
    writer_.end_object();
  }

  // Writes a member's key; whether its value is a secret.
  bool key(std::string_view literal, bool top, bool secret) {
    const bool naming = top && options_.naming;
    if (!naming && !options_.redact) {
      writer_.key_literal(literal);
      return secret;
    }
    const std::string_view text = json::decode_literal(literal, scratch_);
    const bool hidden = secret || (options_.redact && Redactor::is_secret(text));
    if (naming) {
      const FieldMatch match = find_field(text);
      if (match.field != nullptr) {
        writer_.key(match.field->name(*options_.naming));
        return hidden;
      }
    }
    if (options_.redact && Redactor::holds_card_number(text)) {
      writer_.key(Redactor::mask(text));
    } else {
      writer_.key_literal(literal);
    }
    return hidden;
  }

  // Members in output order. Sorting uses the keys as written, so formatting the output again
  // finds them already in order (idempotence); stable, so duplicate keys keep their order.
  void reordered_object(bool top, bool secret) {
    ++at_;
    std::vector<Entry> entries;
    skip_space();
    while (text_[at_] != '}') {
      Entry entry;
      entry.literal = string_token();
      const std::string_view text = json::decode_literal(entry.literal, scratch_);
      entry.hidden = secret || (options_.redact && Redactor::is_secret(text));
      const FieldMatch match =
          top && (options_.naming || options_.canonical) ? find_field(text) : FieldMatch{};
      if (top && options_.canonical) {
        entry.rank =
            match.field == nullptr ? other_keys_rank : static_cast<std::size_t>(match.field->id);
      }
      if (options_.naming && match.field != nullptr) {
        entry.key = match.field->name(*options_.naming);
      } else if (options_.redact && Redactor::holds_card_number(text)) {
        entry.key = Redactor::mask(text);
      } else {
        entry.key = text;
        entry.keep_literal = true;
      }
      skip_colon();
      entry.value_at = at_;
      skip_value();
      entries.push_back(std::move(entry));
      skip_space();
      if (text_[at_] == ',') {
        ++at_;
        skip_space();
      }
    }
    const std::size_t after = at_ + 1;
    // string compares through char_traits<char>, which orders bytes as unsigned: UTF-8 byte
    // order, which is code point order.
    std::stable_sort(entries.begin(), entries.end(), [&](const Entry &a, const Entry &b) {
      if (a.rank != b.rank) return a.rank < b.rank;
      return options_.sort_keys && a.key < b.key;
    });
    writer_.begin_object();
    for (const Entry &entry : entries) {
      if (entry.keep_literal) {
        writer_.key_literal(entry.literal);
      } else {
        writer_.key(entry.key);
      }
      at_ = entry.value_at;
      value(false, entry.hidden);
    }
    writer_.end_object();
    at_ = after;
  }
};

} // namespace

void append_formatted(std::string &out, std::string_view text, const FormatOptions &options) {
  const bool pretty = !options.compact && (options.tab || options.indent > 0);
  const json::Layout layout = pretty ? json::Layout{options.indent, options.tab} : json::Layout{};
  const FormatStyles &styles = options.styles;
  const bool layout_only = !options.sort_keys && !options.canonical && !options.naming &&
                           !options.redact && styles.key.empty() && styles.string.empty() &&
                           styles.number.empty() && styles.literal.empty();
  // Most documents need only a new layout: one pass over their bytes.
  if (layout_only) {
    json::JsonWriter(out, layout).value_json(text);
  } else {
    Formatter(out, text, options, layout).run();
  }
  out += '\n';
}

std::string format_document(std::string_view text, const FormatOptions &options) {
  std::string out;
  append_formatted(out, text, options);
  return out;
}

} // namespace pss
