// The formatter: walks a located tree and writes its literals back, laid out as asked.
#include "core/json/format.hpp"

#include <algorithm>
#include <deque>
#include <vector>

#include "core/privacy/card.hpp"

namespace pss {
namespace {

// Keys after every session field when the canonical order is asked for.
constexpr std::size_t other_keys_rank = field_count;

// An object member as it will be written: its key may be renamed or masked.
struct Entry {
  std::string_view key; // as written
  const json::Member *member = nullptr;
  std::size_t rank = 0; // canonical position; equal ranks keep document (or key) order
};

class Formatter {
public:
  Formatter(std::string &out, const FormatOptions &options)
      : out_(out), options_(options),
        pretty_(!options.compact && (options.tab || options.indent > 0)) {}

  void write(const json::Value &value, std::size_t depth, bool secret) {
    switch (value.kind) {
    case json::Kind::Object:
      write_object(value, depth, secret);
      return;
    case json::Kind::Array:
      write_array(value, depth, secret);
      return;
    default:
      write_scalar(value, secret);
    }
  }

private:
  std::string &out_;
  const FormatOptions &options_;
  bool pretty_;
  std::deque<std::string> masked_keys_; // owns keys that differ from the input (stable addresses)

  void open(std::string_view style) { out_ += style; }
  void close(std::string_view style) {
    if (!style.empty()) out_ += options_.styles.reset;
  }

  void quoted(std::string_view style, std::string_view text) {
    open(style);
    json::append_quoted(out_, text);
    close(style);
  }

  void raw(std::string_view style, std::string_view text) {
    open(style);
    out_ += text;
    close(style);
  }

  void newline(std::size_t depth) {
    if (!pretty_) return;
    out_ += '\n';
    if (options_.tab) {
      out_.append(depth, '\t');
    } else {
      out_.append(depth * static_cast<std::size_t>(options_.indent), ' ');
    }
  }

  void write_scalar(const json::Value &value, bool secret) {
    const auto &styles = options_.styles;
    if (secret) return quoted(styles.string, secret_mask);
    switch (value.kind) {
    case json::Kind::String:
      if (options_.redact && has_card_number(value.text)) {
        return quoted(styles.string, mask_card_numbers(value.text));
      }
      return quoted(styles.string, value.text);
    case json::Kind::Number:
      // A masked card number is no longer a number literal, so it becomes a string.
      if (options_.redact && has_card_number(value.text)) {
        return quoted(styles.string, mask_card_numbers(value.text));
      }
      return raw(styles.number, value.text);
    case json::Kind::True:
      return raw(styles.literal, "true");
    case json::Kind::False:
      return raw(styles.literal, "false");
    default:
      return raw(styles.literal, "null");
    }
  }

  void write_array(const json::Value &array, std::size_t depth, bool secret) {
    if (array.items.empty()) {
      out_ += "[]";
      return;
    }
    out_ += '[';
    for (std::size_t i = 0; i < array.items.size(); ++i) {
      if (i > 0) out_ += ',';
      newline(depth + 1);
      write(array.items[i], depth + 1, secret);
    }
    newline(depth);
    out_ += ']';
  }

  void write_object(const json::Value &object, std::size_t depth, bool secret) {
    if (object.members.empty()) {
      out_ += "{}";
      return;
    }
    const std::vector<Entry> entries = ordered_entries(object, depth == 0);
    out_ += '{';
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const Entry &entry = entries[i];
      if (i > 0) out_ += ',';
      newline(depth + 1);
      quoted(options_.styles.key, entry.key);
      out_ += pretty_ ? ": " : ":";
      const bool hidden = secret || (options_.redact && is_secret_key(entry.member->key));
      write(entry.member->value, depth + 1, hidden);
    }
    newline(depth);
    out_ += '}';
  }

  // The key as written: the asked-for spelling of a session field, card numbers masked.
  std::string_view output_key(const json::Member &member, bool top) {
    if (top && options_.naming) {
      const FieldMatch match = find_field(member.key);
      if (match.field != nullptr) return match.field->name(*options_.naming);
    }
    if (options_.redact && has_card_number(member.key)) {
      return masked_keys_.emplace_back(mask_card_numbers(member.key));
    }
    return member.key;
  }

  std::size_t rank(const json::Member &member, bool top) const {
    if (!top || !options_.canonical) return 0;
    const FieldMatch match = find_field(member.key);
    if (match.field == nullptr) return other_keys_rank;
    return static_cast<std::size_t>(match.field->id);
  }

  // Members in output order. Sorting uses the keys as written, so formatting the output again
  // finds them already in order (idempotence); stable, so duplicate keys keep their order.
  std::vector<Entry> ordered_entries(const json::Value &object, bool top) {
    std::vector<Entry> entries;
    entries.reserve(object.members.size());
    for (const auto &member : object.members) {
      entries.push_back(Entry{output_key(member, top), &member, rank(member, top)});
    }
    if (!options_.sort_keys && !(top && options_.canonical)) return entries;
    // string_view compares through char_traits<char>, which orders bytes as unsigned: UTF-8
    // byte order, which is code point order.
    std::stable_sort(entries.begin(), entries.end(), [&](const Entry &a, const Entry &b) {
      if (a.rank != b.rank) return a.rank < b.rank;
      return options_.sort_keys && a.key < b.key;
    });
    return entries;
  }
};

} // namespace

void append_formatted(std::string &out, const json::Value &root, const FormatOptions &options) {
  Formatter(out, options).write(root, 0, false);
  out += '\n';
}

std::string format_document(const json::Value &root, const FormatOptions &options) {
  std::string out;
  append_formatted(out, root, options);
  return out;
}

} // namespace pss
