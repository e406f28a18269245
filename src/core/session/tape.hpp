// simdjson's DOM tape read directly (a flat array of 64-bit words; the layout is described in
// simdjson's doc/tape.md), and the same document as a located view for the rules of check.cpp.
// Internal to the core: callers use check.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "core/json/value.hpp"

namespace pss {

class Tape {
public:
  explicit Tape(const simdjson::dom::document &doc)
      : words_(doc.tape.get()), strings_(doc.string_buf.get()) {}

  // The string buffer from the string at i (its length first) to the end of the one at j.
  [[nodiscard]] std::string_view strings_between(std::size_t i, std::size_t j) const {
    const std::string_view last = string(j);
    const char *from = reinterpret_cast<const char *>(strings_ + payload(i));
    return {from, static_cast<std::size_t>(last.data() + last.size() - from)};
  }

  // The word at i, as a handle that stays valid as long as the document.
  [[nodiscard]] const std::uint64_t &word(std::size_t i) const { return words_[i]; }
  // The index of a word handed out by word().
  [[nodiscard]] std::size_t index(const std::uint64_t &word) const {
    return static_cast<std::size_t>(&word - words_);
  }
  [[nodiscard, gnu::always_inline]] char type(std::size_t i) const {
    return static_cast<char>(words_[i] >> 56);
  }
  [[nodiscard]] std::uint64_t payload(std::size_t i) const {
    return words_[i] & simdjson::internal::JSON_VALUE_MASK;
  }
  [[nodiscard]] std::string_view string(std::size_t i) const {
    const std::uint8_t *at = strings_ + payload(i);
    std::uint32_t length = 0;
    std::memcpy(&length, at, sizeof length);
    return {reinterpret_cast<const char *>(at + sizeof length), length};
  }
  [[nodiscard]] std::int64_t int64(std::size_t i) const {
    std::int64_t value = 0;
    std::memcpy(&value, &words_[i + 1], sizeof value);
    return value;
  }
  [[nodiscard]] std::uint64_t uint64(std::size_t i) const { return words_[i + 1]; }
  [[nodiscard]] double float64(std::size_t i) const {
    double value = 0;
    std::memcpy(&value, &words_[i + 1], sizeof value);
    return value;
  }
  // The index after the value at i (containers: after their closing word).
  [[nodiscard, gnu::always_inline]] std::size_t after(std::size_t i) const {
    switch (type(i)) {
    case '{':
    case '[':
      return static_cast<std::size_t>(payload(i) & 0xFFFFFFFF);
    case 'l':
    case 'u':
    case 'd':
      return i + 2;
    default:
      return i + 1;
    }
  }

private:
  const std::uint64_t *words_;
  const std::uint8_t *strings_;
};

// The members (key words) or items (value words) of a container on the tape, in document order.
class TapeRange {
public:
  class iterator {
  public:
    iterator(const Tape &tape, std::size_t at, bool members)
        : tape_(&tape), at_(at), members_(members) {}
    const std::uint64_t &operator*() const { return tape_->word(at_); }
    [[gnu::always_inline]] iterator &operator++() {
      at_ = members_ ? tape_->after(at_ + 1) : tape_->after(at_);
      return *this;
    }
    bool operator!=(const iterator &other) const { return at_ != other.at_; }

  private:
    const Tape *tape_;
    std::size_t at_;
    bool members_;
  };

  // The container whose first word is at `container`.
  TapeRange(const Tape &tape, std::size_t container, bool members)
      : begin_(tape, container + 1, members), end_(tape, tape.after(container) - 1, members) {}
  [[nodiscard]] iterator begin() const { return begin_; }
  [[nodiscard]] iterator end() const { return end_; }

private:
  iterator begin_;
  iterator end_;
};

// A document simdjson parsed, as the Analyzer (check.cpp) reads it: values and keys are tape
// words; where they are in the source is read from the parser's structural indexes, which in
// simdjson 3.0.1 (dom_parser_implementation::structural_indexes) still hold those of the last
// document parsed. Every structural character other than ':' and ',' opens, in order, one
// value on the tape (numbers take two words, closing brackets one), so one pass maps tape
// indexes to byte offsets; it runs as far as the offsets asked for, i.e. only for documents
// with findings, redactions or numbers the tape holds as doubles, and only up to the last value
// asked about (the top-level fields of a session come before its response_body). Keys are located
// at their opening quote, values at their first byte (as json::parse does); number literals are
// read from the source, exactly.
class TapeView {
public:
  using Value = std::uint64_t;  // a value's first word
  using Member = std::uint64_t; // a member's key word; its value's first word follows it

  // `text` is the document simdjson parsed last with `parser` into `doc`; `offsets` is storage
  // reused from document to document.
  TapeView(const simdjson::dom::document &doc, const simdjson::dom::parser &parser,
           std::string_view text, std::vector<std::uint32_t> &offsets)
      : tape_(doc), structurals_(parser.implementation->structural_indexes.get()), text_(text),
        offsets_(&offsets) {}
  // Without the source: every offset is 0, and asking for a number literal (or an offset) marks
  // the view unlocated(). Enough to learn whether a document has findings.
  explicit TapeView(const simdjson::dom::document &doc) : tape_(doc) {}

  [[nodiscard]] const Value &root() const { return tape_.word(1); } // tape[0] is the root word
  [[nodiscard, gnu::always_inline]] json::Kind kind(const Value &value) const {
    switch (tape_.type(tape_.index(value))) {
    case '"':
      return json::Kind::String;
    case 'l':
    case 'u':
    case 'd':
      return json::Kind::Number;
    case 't':
      return json::Kind::True;
    case 'f':
      return json::Kind::False;
    case '{':
      return json::Kind::Object;
    case '[':
      return json::Kind::Array;
    default:
      return json::Kind::Null;
    }
  }
  // A string's decoded text, a number's literal as written; empty for other kinds.
  [[nodiscard]] std::string_view text(const Value &value);
  // A number's value when it is an integer of at most 18 digits (every such integer fits int64).
  [[nodiscard]] std::optional<std::int64_t> integer(const Value &number);
  // The digits a card number would be read from: those of the integer a number denotes ("200"
  // for 2e2, as Decimal gives them); nullopt when it denotes none, or when it is certainly too
  // small to hold one (under 10^12: a card number has 13 digits or more), so that the common
  // small numbers cost no conversion.
  [[nodiscard]] std::optional<std::string> card_digits(const Value &number);
  // Byte offsets in the source: of the value's first byte, and one past its last.
  [[nodiscard]] std::size_t offset(const Value &value);
  [[nodiscard]] std::size_t end(const Value &value);
  [[nodiscard]] TapeRange members(const Value &object) const {
    return {tape_, tape_.index(object), true};
  }
  [[nodiscard]] TapeRange items(const Value &array) const {
    return {tape_, tape_.index(array), false};
  }
  [[nodiscard]] std::string_view key(const Member &member) const {
    return tape_.string(tape_.index(member));
  }
  [[nodiscard]] std::size_t key_offset(const Member &member) { return offset(member); }
  [[nodiscard]] const Value &value(const Member &member) const {
    return tape_.word(tape_.index(member) + 1);
  }
  // False when no string from `first` to `last` (strings, in document order; keys between them
  // included) can hold a card number: simdjson writes the decoded strings of a document one
  // after another into its string buffer, in document order, each behind its 4-byte length
  // (whose high bytes are 0 below 16 MiB) and before a NUL, so they form one range of that
  // buffer, screened in one pass. Remembers where the first possible card number is, for
  // string_may_hold_card_number.
  [[nodiscard]] bool strings_may_hold_card_number(const Value &first, const Value &last);
  // After strings_may_hold_card_number(first, last), for the strings from `first` to `last`, in
  // document order: false when the screen found nothing that may be a card number in `string`
  // (looking again from it when what it found lies before), so that only the strings that may
  // hold one are searched.
  [[nodiscard]] bool string_may_hold_card_number(const Value &string);
  // True when something was asked that only the source tells (a view built without it).
  [[nodiscard]] bool unlocated() const { return unlocated_; }

private:
  Tape tape_;
  const std::uint32_t *structurals_ = nullptr;
  std::string_view text_;
  std::vector<std::uint32_t> *offsets_ = nullptr;
  std::size_t mapped_ = 1;          // tape indexes below it have their offset in offsets_
  std::size_t next_structural_ = 0; // the structural index that maps tape index mapped_
  bool unlocated_ = false;
  // The range strings_may_hold_card_number screened, in the string buffer, and the end of the
  // first run of digits it found there (screen_size_ + 1: none), from screen_[0].
  const char *screen_ = nullptr;
  std::size_t screen_size_ = 0;
  std::size_t run_end_ = 0;

  // Maps tape indexes from mapped_ up to `through` (a value's first word) at least.
  void map_offsets(std::size_t through);
};

} // namespace pss
