// A single pass over simdjson's DOM tape (tape.hpp) instead of element objects: the walk costs
// less than the parse.
#include "core/session/fast_path.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <type_traits>
#include <unordered_set>

#include "core/session/session_rules.hpp"
#include "core/session/tape.hpp"

namespace pss {
namespace {

// An integer is clean when its digits are no card number: millisecond timestamps are common.
template <typename Integer> bool integer_clean(Integer value) {
  constexpr Integer limit = 1'000'000'000'000;
  if constexpr (std::is_signed_v<Integer>) {
    if (value > -limit && value < limit) return true;
  } else {
    if (value < limit) return true;
  }
  std::array<char, 24> digits; // written by to_chars before it is read
  const auto [end, error] = std::to_chars(digits.data(), digits.data() + digits.size(), value);
  return error == std::errc() && !has_card_number(std::string_view(
                                     digits.data(), static_cast<std::size_t>(end - digits.data())));
}

bool has_duplicate_keys_slow(const Tape &tape, std::size_t object, std::size_t end) {
  std::unordered_set<std::string_view> seen;
  for (std::size_t i = object + 1; i < end; i = tape.after(i + 1)) {
    if (!seen.insert(tape.string(i)).second) return true;
  }
  return false;
}

bool has_duplicate_keys(const Tape &tape, std::size_t object) {
  const std::size_t end = tape.after(object) - 1; // the closing '}'
  // Most objects are small: compare pairwise, in storage left uninitialised on purpose (clearing
  // it per object was a measurable share of the walk).
  constexpr std::size_t few = 16;
  const char *data[few];
  std::size_t size[few];
  std::size_t count = 0;
  for (std::size_t i = object + 1; i < end; i = tape.after(i + 1)) {
    if (count == few) return has_duplicate_keys_slow(tape, object, end);
    const std::string_view key = tape.string(i);
    for (std::size_t j = 0; j < count; ++j) {
      if (size[j] == key.size() && std::memcmp(data[j], key.data(), key.size()) == 0) return true;
    }
    data[count] = key.data();
    size[count] = key.size();
    ++count;
  }
  return false;
}

// A value and everything inside it: no duplicate key in any object (when `keys`), no value that
// may be a card number (when `cards`, i.e. inside response_body). Keys are strings on the tape
// too: a card-like key only sends the document to the located path.
bool clean_value(const Tape &tape, std::size_t begin, bool keys, bool cards) {
  if (!keys && !cards) return true;
  const std::size_t end = tape.after(begin);
  for (std::size_t i = begin; i < end;) {
    switch (tape.type(i)) {
    case '{':
      if (keys && has_duplicate_keys(tape, i)) return false;
      ++i;
      break;
    case '"':
      if (cards && has_card_number(tape.string(i))) return false;
      ++i;
      break;
    case 'l':
      if (cards && !integer_clean(tape.int64(i))) return false;
      i += 2;
      break;
    case 'u':
      if (cards && !integer_clean(tape.uint64(i))) return false;
      i += 2;
      break;
    case 'd': {
      // A card number counts in a number that denotes an integer; its digits are gone here, but
      // any such number of 13 digits or more is a whole double of at least 1e12.
      const double value = std::fabs(tape.float64(i));
      if (cards && value >= 1e12 && value == std::floor(value)) return false;
      i += 2;
      break;
    }
    default:
      ++i;
    }
  }
  return true;
}

// What the session rules see of the value at i; nullopt for a double, whose literal is gone (is
// 199.99999999999999999 the integer 200?): the located path reads it exactly.
std::optional<session::ValueView> view_of(const Tape &tape, std::size_t i) {
  constexpr std::int64_t max_18_digits = 999'999'999'999'999'999;
  switch (tape.type(i)) {
  case '"':
    return session::ValueView{json::Kind::String, tape.string(i), std::nullopt};
  case 'l': {
    const std::int64_t value = tape.int64(i);
    const bool fits = value >= -max_18_digits && value <= max_18_digits;
    return session::ValueView{
        json::Kind::Number, {}, fits ? std::optional<std::int64_t>(value) : std::nullopt};
  }
  case 'u':
    return session::ValueView{json::Kind::Number, {}, std::nullopt};
  case 'n':
    return session::ValueView{json::Kind::Null, {}, std::nullopt};
  case 't':
    return session::ValueView{json::Kind::True, {}, std::nullopt};
  case 'f':
    return session::ValueView{json::Kind::False, {}, std::nullopt};
  case '{':
    return session::ValueView{json::Kind::Object, {}, std::nullopt};
  case '[':
    return session::ValueView{json::Kind::Array, {}, std::nullopt};
  default:
    return std::nullopt;
  }
}

// The fast sink of the session rules: any breach of an enabled rule means "maybe".
struct Screen {
  const RuleSettings &rules;
  bool found = false;

  [[nodiscard]] bool wants(Rule rule) const { return !found && rules.enabled(rule); }
  void report(const session::Breach<std::uint64_t> &) { found = true; }
};

} // namespace

bool quick_clean(const simdjson::dom::document &doc, const CheckOptions &options,
                 DetectedNaming &naming) {
  const Tape tape(doc);
  Screen screen{options.rules};
  const bool keys = screen.wants(Rule::JsonDuplicateKey);
  constexpr std::size_t root = 1; // tape[0] is the root word
  naming = DetectedNaming::Either;
  if (tape.type(root) != '{') {
    return !screen.wants(Rule::SessionNotObject) && clean_value(tape, root, keys, false);
  }
  if (keys && has_duplicate_keys(tape, root)) return false;
  const bool cards = screen.wants(Rule::PciPan);
  const std::size_t end = tape.after(root) - 1;
  session::SessionScan<std::uint64_t, Screen> scan(options, screen);
  for (std::size_t i = root + 1; i < end && !screen.found; i = tape.after(i + 1)) {
    const std::string_view key = tape.string(i);
    const auto value = view_of(tape, i + 1);
    if (!value) return false;
    scan.member(key, tape.word(i), *value);
    const FieldSpec *field = find_field(key).field;
    const bool body = field != nullptr && field->type == JsonType::Object;
    if (!clean_value(tape, i + 1, keys, cards && body)) return false;
  }
  naming = scan.finish();
  return !screen.found;
}

} // namespace pss
