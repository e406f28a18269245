// A CompactTape as the Analyzer (analyzer.hpp) reads a document: the view of documents too large
// for simdjson's DOM. Internal to the core: callers use check.hpp.
#pragma once

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/json/compact_tape.hpp"
#include "core/json/number.hpp"

namespace pss {

class CompactView {
public:
  using Value = json::CompactTape::Word;  // a value's first word
  using Member = json::CompactTape::Word; // a member's key word; its value follows it

  // The members (key words) or items of a container, in document order.
  class Range {
  public:
    class iterator {
    public:
      iterator(const Value *at, bool members) : at_(at), members_(members) {}
      const Value &operator*() const { return *at_; }
      iterator &operator++() {
        at_ = members_ ? json::CompactTape::after_member(*at_) : json::CompactTape::after(*at_);
        return *this;
      }
      bool operator!=(const iterator &other) const { return at_ != other.at_; }

    private:
      const Value *at_;
      bool members_;
    };
    Range(const Value &container, bool members)
        : begin_(json::CompactTape::first_child(container), members),
          end_(json::CompactTape::after(container), members) {}
    [[nodiscard]] iterator begin() const { return begin_; }
    [[nodiscard]] iterator end() const { return end_; }

  private:
    iterator begin_;
    iterator end_;
  };

  // `tape` holds a document read successfully.
  explicit CompactView(json::CompactTape &tape) : tape_(tape) {}

  [[nodiscard]] const Value &root() const { return tape_.root(); }
  [[nodiscard]] json::Kind kind(const Value &value) const { return json::CompactTape::kind(value); }
  // A string's decoded text, a number's literal as written; empty for other kinds.
  [[nodiscard]] std::string_view text(const Value &value) { return tape_.text(value); }
  // A number's value when it is an integer of at most 18 digits (every such integer fits int64).
  [[nodiscard]] std::optional<std::int64_t> integer(const Value &number) {
    const std::string_view literal = tape_.text(number);
    if (plain_digits(literal) <= 18) { // the common case, read without a Decimal
      std::int64_t value = 0;
      std::from_chars(literal.data(), literal.data() + literal.size(), value);
      return value;
    }
    const auto decimal = Decimal::parse(literal);
    return decimal ? decimal->to_int64() : std::nullopt;
  }
  // The digits a card number would be read from: those of the integer a number denotes ("200"
  // for 2e2, as Decimal gives them); nullopt when it denotes none, or when it is a plain integer
  // literal of fewer than 13 digits (a card number has 13 or more), so that the common small
  // numbers cost no conversion.
  [[nodiscard]] std::optional<std::string> card_digits(const Value &number) {
    const std::string_view literal = tape_.text(number);
    if (plain_digits(literal) < 13) return std::nullopt;
    const auto decimal = Decimal::parse(literal);
    return decimal ? decimal->integer_digits() : std::nullopt;
  }
  // Byte offsets in the source: of the value's first byte (a key's opening quote), and one past
  // its last.
  [[nodiscard]] std::size_t offset(const Value &value) const {
    return json::CompactTape::offset(value);
  }
  [[nodiscard]] std::size_t end(const Value &value) const { return tape_.end(value); }
  [[nodiscard]] Range members(const Value &object) const { return {object, true}; }
  [[nodiscard]] Range items(const Value &array) const { return {array, false}; }
  [[nodiscard]] std::string_view key(const Member &member) { return tape_.text(member); }
  [[nodiscard]] std::size_t key_offset(const Member &member) const {
    return json::CompactTape::offset(member);
  }
  [[nodiscard]] const Value &value(const Member &member) const {
    return json::CompactTape::value_of(member);
  }
  // No screen on the compact tape: every string is looked at.
  [[nodiscard]] bool strings_may_hold_card_number(const Value &, const Value &) const {
    return true;
  }
  [[nodiscard]] bool string_may_hold_card_number(const Value &) const { return true; }

private:
  json::CompactTape &tape_;

  // The digits of a number literal that is an integer written without fraction or exponent
  // ("-42": 2); more than any count (SIZE_MAX) for any other literal.
  static std::size_t plain_digits(std::string_view literal) {
    const std::size_t sign = !literal.empty() && literal[0] == '-' ? 1 : 0;
    if (literal.find_first_of(".eE") != std::string_view::npos) return static_cast<std::size_t>(-1);
    return literal.size() - sign;
  }
};

} // namespace pss
